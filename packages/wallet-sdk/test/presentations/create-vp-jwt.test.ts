/**
 * createVpJwt: a VP JWT of the chosen VC-JOSE credentials, signed by their holder's key and bound
 * to the verifier's nonce and audience; the wrong choices are refused by code, before any signing.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK } from 'jose';
import { createVpJwt, type PresentationRequestAnswer } from '../../src/presentations/create-vp-jwt.js';
import { MemoryCredentialStore } from '../../src/memory/memory-credential-store.js';
import { MemoryKeyStore } from '../../src/memory/memory-key-store.js';
import type { HolderKey } from '../../src/keys/key-store.js';
import type { StoredCredential } from '../../src/stores/credential-store.js';

const NOW = new Date('2026-03-01T09:00:00Z');
const keys = new MemoryKeyStore({ now: () => NOW });
const credentials = new MemoryCredentialStore();
const parts = { keys, credentials, now: () => NOW };
let holder: HolderKey;

function stored(id: string, over: Partial<StoredCredential> = {}): StoredCredential {
  return { id, format: 'vc+jwt', raw: `header.${id}.signature`, types: ['TrainingRecordCredential'], issuer: 'did:web:issuer.example', holder: holder.did, claims: {}, storedAt: NOW.toISOString(), ...over };
}

beforeAll(async () => {
  holder = await keys.createKey({ alg: 'ES256', method: 'did:jwk' });
  await credentials.put(stored('urn:uuid:one'));
  await credentials.put(stored('urn:uuid:two'));
  await credentials.put(stored('urn:uuid:sd-jwt', { format: 'dc+sd-jwt', raw: 'issuer-jwt~disclosure~' }));
  await credentials.put(stored('urn:uuid:other-holder', { holder: 'did:jwk:someone-else' }));
  await credentials.put(stored('urn:uuid:key-gone', { holder: 'did:jwk:no-key-here' }));
});

const answer = (credentialIds: string[]): PresentationRequestAnswer => ({ credentialIds, challenge: 'nonce-123', domain: 'https://verifier.example' });

describe('createVpJwt', () => {
  it('envelopes the chosen credentials in a vp+jwt signed by their holder, for the nonce and audience, good for 300 s by default', async () => {
    const vp = await createVpJwt(parts, answer(['urn:uuid:one', 'urn:uuid:two']));
    expect(vp.type).toBe('EnvelopedVerifiablePresentation');
    const jwt = vp.id.replace('data:application/vp+jwt,', '');
    expect(decodeProtectedHeader(jwt)).toMatchObject({ typ: 'vp+jwt', cty: 'vp', kid: holder.kid });
    await expect(compactVerify(jwt, await importJWK(holder.publicJwk, 'ES256'))).resolves.toBeDefined();
    const payload = decodeJwt(jwt);
    expect(payload).toMatchObject({ iss: holder.did, holder: holder.did, aud: 'https://verifier.example', nonce: 'nonce-123', iat: NOW.getTime() / 1000, exp: NOW.getTime() / 1000 + 300 });
    expect(payload['verifiableCredential']).toEqual([
      { '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiableCredential', id: 'data:application/vc+jwt,header.urn:uuid:one.signature' },
      { '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiableCredential', id: 'data:application/vc+jwt,header.urn:uuid:two.signature' },
    ]);
  });

  it('takes the time and lifetime of the answer over the wallet clock', async () => {
    const vp = await createVpJwt(parts, { ...answer(['urn:uuid:one']), now: new Date('2026-04-01T00:00:00Z'), lifetimeSeconds: 60 });
    const payload = decodeJwt(vp.id.replace('data:application/vp+jwt,', ''));
    expect(payload.exp! - payload.iat!).toBe(60);
    expect(payload.iat).toBe(Date.parse('2026-04-01T00:00:00Z') / 1000);
  });

  // Named refusals: what the holder chose, and the code it gets.
  const refusals: [name: string, credentialIds: string[], code: string][] = [
    ['no-credential-chosen-fail', [], 'ERR_REQUEST_INVALID'],
    ['unknown-credential-fail', ['urn:uuid:one', 'urn:uuid:not-held'], 'ERR_REQUEST_INVALID'],
    ['sd-jwt-credential-fail', ['urn:uuid:sd-jwt'], 'ERR_REQUEST_INVALID'],
    ['credentials-of-two-holders-fail', ['urn:uuid:one', 'urn:uuid:other-holder'], 'ERR_REQUEST_INVALID'],
    ['holder-key-gone-fail', ['urn:uuid:key-gone'], 'ERR_WALLET_KEY_NOT_FOUND'],
  ];
  it.each(refusals)('%s', async (_name, credentialIds, code) => {
    await expect(createVpJwt(parts, answer(credentialIds))).rejects.toMatchObject({ code });
  });
});
