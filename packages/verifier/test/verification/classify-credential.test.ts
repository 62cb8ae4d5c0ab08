/**
 * The VC API verify body's credential: an envelope's wrapper is checked before what it carries is
 * verified (VC Data Model 2.0, section 4.13.1), so a changed wrapper is a coded 400, not a pass.
 */
import { describe, expect, it } from '@jest/globals';
import { base64url } from '@staff-passport/core';
import { classifyCredential } from '../../src/verification/classify-credential.js';
import { classifyPresentation } from '../../src/verification/classify-presentation.js';

const jwt = `${base64url(JSON.stringify({ alg: 'EdDSA', typ: 'vc+jwt', kid: 'did:example:i#k' }))}.${base64url(JSON.stringify({ type: ['VerifiableCredential'] }))}.${base64url(new Uint8Array(64))}`;
const envelope = { '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${jwt}` };

describe('classifyCredential: the envelope wrapper', () => {
  it('reads a well-formed envelope, and a bare compact JWT as before', () => {
    expect(classifyCredential(envelope, 'verifiableCredential')).toEqual({ format: 'vc+jwt', value: jwt });
    expect(classifyCredential(jwt, 'verifiableCredential')).toEqual({ format: 'vc+jwt', value: jwt });
  });

  it('a credential without a proof that does not claim to be an envelope is not read (ERR_REQUEST_INVALID, as before)', () => {
    expect(() => classifyCredential({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: 'did:example:i' }, 'verifiableCredential')).toThrow(
      expect.objectContaining({ code: 'ERR_REQUEST_INVALID' }),
    );
  });

  it.each([
    ['@context emptied', { ...envelope, '@context': [] }],
    ['@context replaced', { ...envelope, '@context': 'https://www.w3.org/ns/credentials/examples/v2' }],
    ['type removed', { '@context': envelope['@context'], id: envelope.id }],
    ['type changed', { ...envelope, type: 'VerifiableCredential' }],
    ['id no longer a data: URL', { ...envelope, id: jwt }],
  ])('refuses the wrapper with %s: ERR_VC_ENVELOPE_INVALID', (_name, value) => {
    expect(() => classifyCredential(value, 'verifiableCredential')).toThrow(expect.objectContaining({ code: 'ERR_VC_ENVELOPE_INVALID' }));
  });
});

describe('classifyPresentation: the envelope wrapper', () => {
  const vpJwt = `${base64url(JSON.stringify({ alg: 'EdDSA', typ: 'JWT', kid: 'did:example:h#k' }))}.${base64url(JSON.stringify({ vp: { type: ['VerifiablePresentation'] } }))}.${base64url(new Uint8Array(64))}`;
  const vpEnvelope = { '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiablePresentation', id: `data:application/jwt,${vpJwt}` };

  it('reads a VC 1.1 vp JWT in an application/jwt envelope (as the W3C vc-data-model-2.0 suite sends one)', () => {
    expect(classifyPresentation(vpEnvelope, 'verifiablePresentation')).toEqual({ format: 'vp+jwt', value: vpJwt });
  });

  it('refuses a changed wrapper: ERR_VP_ENVELOPE_INVALID', () => {
    expect(() => classifyPresentation({ ...vpEnvelope, type: 'EnvelopedVerifiableCredential' }, 'verifiablePresentation')).toThrow(expect.objectContaining({ code: 'ERR_VP_ENVELOPE_INVALID' }));
    expect(() => classifyPresentation({ ...vpEnvelope, '@context': [] }, 'verifiablePresentation')).toThrow(expect.objectContaining({ code: 'ERR_VP_ENVELOPE_INVALID' }));
  });
});
