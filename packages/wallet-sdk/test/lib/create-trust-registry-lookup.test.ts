/**
 * createTrustRegistryLookup: the signed registry (compact JWS, typ trust-registry+jwt) checked
 * against the operator keys the wallet trusts, then DIDs looked up among the entries in force now.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { addTrustRegistryEntry, createJwkSigner, createTrustRegistryDraft, generateRegistryKey, renewTrustRegistry, signTrustRegistry, type RegistryKeyPair } from '@staff-passport/core';
import { createTrustRegistryLookup } from '../../src/lib/create-trust-registry-lookup.js';
import { fakeFetch } from './fake-fetch.js';

const NOW = new Date('2026-03-01T10:00:00Z');
const TRUST = 'did:web:trust.example.nhs.uk';
const MERGED = 'did:web:old-trust.example.nhs.uk';
let operator: RegistryKeyPair;
let jws: string;
/** The same entries in an edition signed before the merged trust's entry ended. */
let earlierJws: string;
const EARLIER = new Date('2025-03-01T00:00:00Z');

beforeAll(async () => {
  operator = await generateRegistryKey('EdDSA');
  let draft = createTrustRegistryDraft({ name: 'Test registry' });
  draft = addTrustRegistryEntry(draft, { did: TRUST, odsCode: 'RX1', name: 'Example NHS Trust', credentialTypes: ['TrainingRecord', 'DbsCheck'], validFrom: '2020-01-01T00:00:00Z' });
  // An entry that ended (the organisation merged): not shown as trusted after its end.
  draft = addTrustRegistryEntry(draft, { did: MERGED, odsCode: 'RX9', name: 'Old NHS Trust', credentialTypes: ['*'], validFrom: '2015-01-01T00:00:00Z', validUntil: '2025-04-01T00:00:00Z' });
  const signer = await createJwkSigner(operator.privateJwk);
  jws = await signTrustRegistry({ registry: renewTrustRegistry(draft, { now: NOW }), signer });
  earlierJws = await signTrustRegistry({ registry: renewTrustRegistry(draft, { now: EARLIER }), signer });
});

describe('createTrustRegistryLookup', () => {
  it('a valid registry: finds an organisation by DID (or DID URL), and nothing for an unknown DID', async () => {
    const find = createTrustRegistryLookup({ registry: jws, keys: [operator.publicJwk], now: () => NOW });
    expect(await find(TRUST)).toEqual({ name: 'Example NHS Trust', odsCode: 'RX1', credentialTypes: ['TrainingRecord', 'DbsCheck'] });
    expect(await find(`${TRUST}#key-1`)).toMatchObject({ odsCode: 'RX1' });
    expect(await find('did:web:stranger.example')).toBeUndefined();
  });

  it('fetched from a URL once, for every lookup', async () => {
    const fake = fakeFetch({ 'GET https://registry.example/registry.jwt': () => ({ text: jws }) });
    const find = createTrustRegistryLookup({ url: 'https://registry.example/registry.jwt', keys: [operator.publicJwk], fetch: fake.fetch, now: () => NOW });
    expect((await find(TRUST))?.name).toBe('Example NHS Trust');
    expect((await find(TRUST))?.name).toBe('Example NHS Trust');
    expect(fake.requests).toHaveLength(1);
  });

  it('an expired entry is not found: the organisation is not shown as trusted after its validUntil', async () => {
    const find = createTrustRegistryLookup({ registry: jws, keys: [operator.publicJwk], now: () => NOW });
    expect(await find(MERGED)).toBeUndefined();
    expect((await find(TRUST))?.odsCode).toBe('RX1');
    // While the entry was in force it was found.
    const before = createTrustRegistryLookup({ registry: earlierJws, keys: [operator.publicJwk], now: () => EARLIER });
    expect(await before(MERGED)).toEqual({ name: 'Old NHS Trust', odsCode: 'RX9', credentialTypes: ['*'] });
  });

  it('a registry signed by a key the wallet does not trust fails every lookup (ERR_TRUST_REGISTRY_SIGNATURE_INVALID)', async () => {
    const stranger = await generateRegistryKey('EdDSA');
    const find = createTrustRegistryLookup({ registry: jws, keys: [{ ...stranger.publicJwk, kid: operator.publicJwk.kid! }], now: () => NOW });
    await expect(find(TRUST)).rejects.toMatchObject({ code: 'ERR_TRUST_REGISTRY_SIGNATURE_INVALID' });
  });

  it('a tampered registry fails with ERR_TRUST_REGISTRY_SIGNATURE_INVALID', async () => {
    const [header, payload, signature] = jws.split('.');
    const doc = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { entries: { did: string }[] };
    doc.entries[0]!.did = 'did:web:attacker.example';
    const forged = `${header}.${Buffer.from(JSON.stringify(doc)).toString('base64url')}.${signature}`;
    const find = createTrustRegistryLookup({ registry: forged, keys: [operator.publicJwk], now: () => NOW });
    await expect(find('did:web:attacker.example')).rejects.toMatchObject({ code: 'ERR_TRUST_REGISTRY_SIGNATURE_INVALID' });
  });

  it('a registry past its validUntil fails (ERR_TRUST_REGISTRY_EXPIRED)', async () => {
    const find = createTrustRegistryLookup({ registry: jws, keys: [operator.publicJwk], now: () => new Date('2026-06-01T00:00:00Z') });
    await expect(find(TRUST)).rejects.toMatchObject({ code: 'ERR_TRUST_REGISTRY_EXPIRED' });
  });

  it('an unreachable registry URL is ERR_TRUST_REGISTRY_UNAVAILABLE, and tried again on the next lookup', async () => {
    let up = false;
    const fake = fakeFetch({ 'GET https://registry.example/registry.jwt': () => (up ? { text: jws } : { status: 503, text: 'down' }) });
    const find = createTrustRegistryLookup({ url: 'https://registry.example/registry.jwt', keys: [operator.publicJwk], fetch: fake.fetch, now: () => NOW });
    await expect(find(TRUST)).rejects.toMatchObject({ code: 'ERR_TRUST_REGISTRY_UNAVAILABLE' });
    up = true;
    expect((await find(TRUST))?.odsCode).toBe('RX1');
  });

  it('needs the registry or its URL', () => {
    expect(() => createTrustRegistryLookup({ keys: [operator.publicJwk] })).toThrow(expect.objectContaining({ code: 'ERR_REQUEST_INVALID' }));
  });
});
