import { describe, expect, it } from '@jest/globals';
import { didWebFromUrl } from '@staff-passport/core/browser';
import { MemoryKeyStore } from '../../src/memory/memory-key-store.js';
import { didWebUrl, findDidKey, resolveDid } from '../../src/lib/index.js';
import { fakeFetch } from './fake-fetch.js';

const noFetch = fakeFetch({}).fetch;

describe('resolveDid', () => {
  it.each([
    ['EdDSA', 'did:key'],
    ['ES256', 'did:key'],
    ['EdDSA', 'did:jwk'],
    ['ES256', 'did:jwk'],
  ] as const)('names the %s key of a %s holder (did:key spec "Decode Public Key"; did:jwk "Read")', async (alg, method) => {
    const key = await new MemoryKeyStore().createKey({ alg, method });
    const doc = await resolveDid(key.did, { fetch: noFetch });
    expect(doc.id).toBe(key.did);
    expect(await findDidKey(key.kid, { fetch: noFetch })).toMatchObject({ kty: key.publicJwk.kty, crv: key.publicJwk.crv, x: key.publicJwk.x, ...(key.publicJwk.y ? { y: key.publicJwk.y } : {}) });
  });

  it('maps did:web to its URL (did:web spec, "Read"), http only for loopback when allowed', () => {
    expect(didWebUrl('did:web:trust.example.nhs.uk')).toBe('https://trust.example.nhs.uk/.well-known/did.json');
    expect(didWebUrl('did:web:trust.example.nhs.uk:orgs:rx1')).toBe('https://trust.example.nhs.uk/orgs/rx1/did.json');
    expect(didWebUrl('did:web:127.0.0.1%3A4000:v')).toBe('https://127.0.0.1:4000/v/did.json');
    expect(didWebUrl('did:web:127.0.0.1%3A4000:v', true)).toBe('http://127.0.0.1:4000/v/did.json');
    expect(didWebUrl('did:web:example.org', true)).toBe('https://example.org/.well-known/did.json');
    expect(didWebFromUrl('http://127.0.0.1:4000/orgs/rx1')).toBe('did:web:127.0.0.1%3A4000:orgs:rx1');
  });

  it('fetches a did:web document with the injected fetch, and checks its id', async () => {
    const did = 'did:web:example.org';
    const doc = { id: did, verificationMethod: [{ id: '#k', type: 'JsonWebKey2020', controller: did, publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: 'abc' } }] };
    const { fetch } = fakeFetch({ 'GET https://example.org/.well-known/did.json': () => ({ body: doc }) });
    expect(await findDidKey(`${did}#k`, { fetch })).toEqual({ kty: 'OKP', crv: 'Ed25519', x: 'abc' });
    const other = fakeFetch({ 'GET https://example.org/.well-known/did.json': () => ({ body: { ...doc, id: 'did:web:evil.example' } }) }).fetch;
    await expect(resolveDid(did, { fetch: other })).rejects.toMatchObject({ code: 'ERR_DID_UNRESOLVABLE' });
  });

  describe('refuses', () => {
    it.each([
      ['did:example:123', 'ERR_DID_METHOD_UNSUPPORTED'],
      ['did:jwk:bm90LWpzb24', 'ERR_DID_INVALID'],
      ['did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme', 'ERR_DID_METHOD_UNSUPPORTED'],
    ])('%s (%s)', async (did, code) => {
      await expect(resolveDid(did, { fetch: noFetch })).rejects.toMatchObject({ code });
    });
    it('a did:web that is not there', async () => {
      await expect(resolveDid('did:web:gone.example', { fetch: noFetch })).rejects.toMatchObject({ code: 'ERR_DID_NOT_FOUND' });
    });
  });
});
