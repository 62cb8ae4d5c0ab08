/**
 * The wrapper of an enveloped credential or presentation (VC Data Model 2.0, sections 4.13.1 and
 * 4.13.2): only the JWT inside is signed, so a change to the wrapper must be refused, with a code
 * naming the field. The example is the spec's (section 4.13.1, "A simple example of an enveloped
 * verifiable credential") around a real VC-JOSE JWT.
 */
import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, sign } from 'node:crypto';
import { base64url } from '../../src/jose/compact-jws.js';
import { envelopeCredential, signVcJose } from '../../src/jose/sign-vc-jose.js';
import { parseEnvelope } from '../../src/jose/parse-envelope.js';

const { privateKey } = generateKeyPairSync('ed25519');
const jwt = await signVcJose({
  credential: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: 'did:example:issuer', credentialSubject: { id: 'did:example:subject' } },
  signer: { alg: 'EdDSA', kid: 'did:example:issuer#key-1', sign: async (input) => sign(null, Buffer.from(input), privateKey).toString('base64url') },
});
const READ = ['application/vc+jwt', 'application/jwt', 'application/dc+sd-jwt'];

function refusal(value: unknown, kind: 'credential' | 'presentation' = 'credential', mediaTypes = READ): { code?: string; field?: string } {
  try {
    parseEnvelope(value, kind, mediaTypes);
    return {};
  } catch (err: unknown) {
    const e = err as { code?: string; issues?: { path?: string }[]; field?: string };
    return { code: e.code, field: e.field ?? e.issues?.[0]?.path };
  }
}

describe('parseEnvelope', () => {
  it('reads the spec example form: {@context, id: data:application/vc+jwt,<jwt>, type}', () => {
    // Section 4.13.1: "@context": "https://www.w3.org/ns/credentials/v2", "id": "data:application/vc+jwt,eyJraWQ...", "type": "EnvelopedVerifiableCredential".
    expect(parseEnvelope(envelopeCredential(jwt), 'credential', READ)).toEqual({ mediaType: 'application/vc+jwt', text: jwt });
    expect(parseEnvelope({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['EnvelopedVerifiableCredential'], id: `data:application/jwt,${jwt}` }, 'credential', READ).mediaType).toBe('application/jwt');
  });

  it.each([
    ['no @context', { type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${jwt}` }, '@context'],
    ['an empty @context', { '@context': [], type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${jwt}` }, '@context'],
    ['a @context without the base context', { '@context': 'https://www.w3.org/ns/credentials/examples/v2', type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${jwt}` }, '@context'],
    ['no type', { '@context': 'https://www.w3.org/ns/credentials/v2', id: `data:application/vc+jwt,${jwt}` }, 'type'],
    ['type VerifiableCredential', { '@context': 'https://www.w3.org/ns/credentials/v2', type: 'VerifiableCredential', id: `data:application/vc+jwt,${jwt}` }, 'type'],
    ['type EnvelopedVerifiablePresentation', { '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiablePresentation', id: `data:application/vc+jwt,${jwt}` }, 'type'],
    ['an id that is the JWT, not a data: URL', { ...envelopeCredential(jwt), id: jwt }, 'id'],
    ['a data: URL of a media type not read', { ...envelopeCredential(jwt), id: `data:text/plain,${jwt}` }, 'id'],
    ['a data: URL of vc+jwt holding no JWS', { ...envelopeCredential(jwt), id: 'data:application/vc+jwt,hello' }, 'id'],
    ['a data: URL of vc+jwt holding a JWS of typ vp+jwt', { ...envelopeCredential(jwt), id: `data:application/vc+jwt,${base64url(JSON.stringify({ alg: 'EdDSA', typ: 'vp+jwt' }))}.${jwt.split('.').slice(1).join('.')}` }, 'id'],
    ['a base64 data: URL', { ...envelopeCredential(jwt), id: `data:application/vc+jwt;base64,${Buffer.from(jwt).toString('base64')}` }, 'id'],
  ])('refuses %s: ERR_VC_ENVELOPE_INVALID naming the field', (_name, value, field) => {
    expect(refusal(value)).toEqual({ code: 'ERR_VC_ENVELOPE_INVALID', field });
  });

  it('a presentation envelope is refused with ERR_VP_ENVELOPE_INVALID', () => {
    expect(refusal({ ...envelopeCredential(jwt), type: 'EnvelopedVerifiablePresentation' }, 'presentation', ['application/vp+jwt'])).toEqual({ code: 'ERR_VP_ENVELOPE_INVALID', field: 'id' });
    expect(refusal(envelopeCredential(jwt), 'presentation', ['application/vp+jwt'])).toEqual({ code: 'ERR_VP_ENVELOPE_INVALID', field: 'type' });
  });
});
