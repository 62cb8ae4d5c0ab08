/**
 * One contract, several stores (Veramo style): every key store, credential store and sharing log
 * the wallet ships runs the same suite. The IndexedDB stores run it in Chromium (test/browser).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '@staff-passport/core';
import { compactVerify, importJWK } from 'jose';
import {
  MemoryCredentialStore,
  MemoryKeyStore,
  MemorySharingLog,
  SqliteCredentialStore,
  SqliteKeyStore,
  SqliteSharingLog,
  WALLET_SCHEMA,
  type CredentialStore,
  type KeyStore,
  type SharingLogEntry,
  type SharingLogStore,
  type StoredCredential,
} from '../../src/index.js';

let db: Database;
beforeAll(async () => {
  db = await openDatabase({ file: ':memory:', schema: WALLET_SCHEMA });
});
afterAll(async () => {
  await db.close();
});

const secretKey = randomBytes(32).toString('hex');
const keyStores: [string, () => KeyStore][] = [
  ['MemoryKeyStore', () => new MemoryKeyStore()],
  ['SqliteKeyStore', () => new SqliteKeyStore(db, { secretKey })],
];
const credentialStores: [string, () => CredentialStore][] = [
  ['MemoryCredentialStore', () => new MemoryCredentialStore()],
  ['SqliteCredentialStore', () => new SqliteCredentialStore(db)],
];
const logStores: [string, () => SharingLogStore][] = [
  ['MemorySharingLog', () => new MemorySharingLog()],
  ['SqliteSharingLog', () => new SqliteSharingLog(db)],
];

function stored(id: string, over: Partial<StoredCredential> = {}): StoredCredential {
  return { id, format: 'vc+jwt', raw: `jwt-${id}`, types: ['TrainingRecord'], issuer: 'did:web:issuer.example', holder: 'did:key:z6Mkholder', claims: { name: id }, storedAt: '2026-01-01T00:00:00.000Z', ...over };
}

function entry(id: string, over: Partial<SharingLogEntry> = {}): SharingLogEntry {
  return { id, action: 'shared', at: '2026-01-01T00:00:00.000Z', counterparty: { id: 'decentralized_identifier:did:web:verifier.example' }, credentialTypes: ['DbsCheck'], credentialIds: ['c1'], claimsDisclosed: ['credentialSubject.dbs.level'], ...over };
}

describe.each(keyStores)('%s', (_name, make) => {
  let keys: KeyStore;
  beforeAll(async () => {
    keys = make();
    for (const k of await keys.listKeys()) await keys.deleteKey(k.did);
  });

  it.each([
    ['EdDSA', 'did:key', /^did:key:z6Mk/],
    ['ES256', 'did:key', /^did:key:zDn/],
    ['EdDSA', 'did:jwk', /^did:jwk:/],
    ['ES256', 'did:jwk', /^did:jwk:/],
  ] as const)('creates a %s %s key whose signer signs as its kid, verifiable with its public JWK', async (alg, method, pattern) => {
    const key = await keys.createKey({ alg, method });
    expect(key.did).toMatch(pattern);
    expect(key.kid.startsWith(`${key.did}#`)).toBe(true);
    expect(key.publicJwk).not.toHaveProperty('d');
    const signer = await keys.signerFor(key.did);
    expect([signer.alg, signer.kid]).toEqual([alg, key.kid]);
    const input = `${Buffer.from(JSON.stringify({ alg, kid: key.kid })).toString('base64url')}.${Buffer.from('{"hello":1}').toString('base64url')}`;
    // RFC 7518, section 3.4: ES256 signatures are the raw 64-byte r||s, which jose checks.
    const jws = `${input}.${await signer.sign(input)}`;
    const { payload } = await compactVerify(jws, await importJWK(key.publicJwk, alg));
    expect(new TextDecoder().decode(payload)).toBe('{"hello":1}');
    expect(await keys.getKey(key.did)).toEqual(key);
  });

  it('lists keys oldest first, exports them with private parts and deletes them', async () => {
    const listed = await keys.listKeys();
    expect(listed).toHaveLength(4);
    const exported = await keys.exportKeys!();
    expect(exported.withheld).toEqual([]);
    expect(exported.keys.map((k) => k.did).sort()).toEqual(listed.map((k) => k.did).sort());
    expect(exported.keys.every((k) => typeof k.privateJwk.d === 'string')).toBe(true);
    const first = listed[0]!;
    expect(await keys.deleteKey(first.did)).toBe(true);
    expect(await keys.deleteKey(first.did)).toBe(false);
    expect(await keys.getKey(first.did)).toBeUndefined();
    await expect(keys.signerFor(first.did)).rejects.toMatchObject({ code: 'ERR_WALLET_KEY_NOT_FOUND' });
    // An exported key comes back, and signs again.
    await keys.importKey!(exported.keys.find((k) => k.did === first.did)!);
    expect((await keys.signerFor(first.did)).kid).toBe(first.kid);
  });

  it('refuses an exported key edited to claim another DID', async () => {
    const [a, b] = (await keys.exportKeys!()).keys;
    await expect(keys.importKey!({ ...a!, did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', kid: b!.kid })).rejects.toMatchObject({ code: 'ERR_WALLET_EXPORT_INVALID' });
  });
});

describe('SqliteKeyStore at rest', () => {
  it('keeps private keys encrypted: the table holds no JWK private member, and another secret cannot sign', async () => {
    const keys = new SqliteKeyStore(db, { secretKey });
    const { did } = await keys.createKey({ alg: 'ES256' });
    const rows = (await db.query('SELECT private_key FROM sp_wallet_holder_keys WHERE did = ?', [did])) as { private_key: string }[];
    expect(rows[0]!.private_key).not.toMatch(/"d"|kty/);
    const other = new SqliteKeyStore(db, { secretKey: randomBytes(32).toString('hex') });
    await expect(other.signerFor(did)).rejects.toMatchObject({ code: 'ERR_CONFIG_INVALID' });
  });

  it('refuses a secret that is not 64 hex characters', () => {
    expect(() => new SqliteKeyStore(db, { secretKey: 'short' })).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
  });
});

describe.each(credentialStores)('%s', (_name, make) => {
  let store: CredentialStore;
  beforeAll(async () => {
    store = make();
    await store.clear();
  });

  it('puts, gets (a copy) and replaces by id', async () => {
    await store.put(stored('a'));
    const got = await store.get('a');
    expect(got).toEqual(stored('a'));
    got!.claims['name'] = 'changed';
    expect((await store.get('a'))!.claims['name']).toBe('a');
    await store.put(stored('a', { claims: { name: 'again' } }));
    expect((await store.get('a'))!.claims).toEqual({ name: 'again' });
    expect(await store.get('missing')).toBeUndefined();
  });

  it('lists in the order stored, filtered by type, format and holder', async () => {
    await store.put(stored('b', { storedAt: '2026-01-02T00:00:00.000Z', format: 'dc+sd-jwt', types: ['DbsCheck'], vct: 'https://example/vct' }));
    await store.put(stored('c', { storedAt: '2026-01-03T00:00:00.000Z', format: 'ldp_vc', raw: { proof: {} }, holder: 'did:jwk:other' }));
    expect((await store.list()).map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect((await store.list({ type: 'DbsCheck' })).map((c) => c.id)).toEqual(['b']);
    expect((await store.list({ format: 'ldp_vc' })).map((c) => c.id)).toEqual(['c']);
    expect((await store.list({ holder: 'did:key:z6Mkholder' })).map((c) => c.id)).toEqual(['a', 'b']);
    expect((await store.list({ type: 'TrainingRecord', holder: 'did:jwk:other' })).map((c) => c.id)).toEqual(['c']);
    expect((await store.get('c'))!.raw).toEqual({ proof: {} });
  });

  it('keeps a credential replaced by a renewal, and filters on it (issue 19 item 3)', async () => {
    await store.put(stored('c', { storedAt: '2026-01-03T00:00:00.000Z', format: 'ldp_vc', raw: { proof: {} }, holder: 'did:jwk:other', supersededBy: { id: 'a', at: '2026-01-04T00:00:00.000Z' } }));
    expect((await store.get('c'))!.supersededBy).toEqual({ id: 'a', at: '2026-01-04T00:00:00.000Z' });
    expect((await store.list({ superseded: false })).map((c) => c.id)).toEqual(['a', 'b']);
    expect((await store.list({ superseded: true })).map((c) => c.id)).toEqual(['c']);
    expect((await store.list({ superseded: true, format: 'vc+jwt' })).map((c) => c.id)).toEqual([]);
  });

  it('deletes one (true once), then clears', async () => {
    expect(await store.delete('b')).toBe(true);
    expect(await store.delete('b')).toBe(false);
    expect((await store.list()).map((c) => c.id)).toEqual(['a', 'c']);
    await store.clear();
    expect(await store.list()).toEqual([]);
  });
});

describe.each(logStores)('%s', (_name, make) => {
  let log: SharingLogStore;
  beforeAll(async () => {
    log = make();
    await log.clear();
  });

  it('appends, lists oldest first, ignores a repeated id, and filters', async () => {
    await log.append(entry('1'));
    await log.append(entry('2', { action: 'refused', claimsDisclosed: [] }));
    await log.append(entry('3', { action: 'received', counterparty: { id: 'https://issuer.example/orgs/rth', name: 'RTH' } }));
    await log.append(entry('1', { purpose: 'a duplicate' }));
    expect((await log.list()).map((e) => e.id)).toEqual(['1', '2', '3']);
    expect((await log.list())[0]).toEqual(entry('1'));
    expect((await log.list({ action: 'refused' })).map((e) => e.id)).toEqual(['2']);
    expect((await log.list({ counterpartyId: 'https://issuer.example/orgs/rth' })).map((e) => e.id)).toEqual(['3']);
  });

  it('deletes one (true once), then clears', async () => {
    expect(await log.delete('2')).toBe(true);
    expect(await log.delete('2')).toBe(false);
    expect((await log.list()).map((e) => e.id)).toEqual(['1', '3']);
    await log.clear();
    expect(await log.list()).toEqual([]);
  });
});
