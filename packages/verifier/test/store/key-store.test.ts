/**
 * The verifier key store's contract on SQLite and PostgreSQL: one key per DID. Instances that
 * each made a key and store it together all end with the same one.
 */
import { expect, it } from '@jest/globals';
import type { VerifierKeyRow } from '../../src/store/key-store.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { twoVerifierDatabases } from './helpers/two-verifier-databases.js';

function key(did: string, n: number): VerifierKeyRow {
  return { kid: `${did}#k${n}`, did, alg: 'EdDSA', public_jwk: `{"n":${n}}`, private_key: `sealed-${n}`, encrypted: 1, created_at: '2026-12-01T10:00:00.000Z' };
}

describeEngines('the verifier key store', (engine) => {
  const both = twoVerifierDatabases(engine, 'keys');

  it('keeps the first key of a DID and answers it to later inserts', async () => {
    const [first, second] = both().stores;
    expect(await first.keys.find('did:web:a.example')).toBeUndefined();
    expect(await first.keys.insertOrGet(key('did:web:a.example', 1))).toEqual(key('did:web:a.example', 1));
    expect(await second.keys.insertOrGet(key('did:web:a.example', 2))).toEqual(key('did:web:a.example', 1));
    expect(await second.keys.find('did:web:a.example')).toEqual(key('did:web:a.example', 1));
  });

  it('ends with one key when instances insert theirs together', async () => {
    const [first, second] = both().stores;
    const got = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => (n % 2 === 0 ? first : second).keys.insertOrGet(key('did:web:b.example', n))));
    expect(new Set(got.map((k) => k.kid)).size).toBe(1);
    const rows = await both().dbs[0].query<{ n: number }>("SELECT COUNT(*) AS n FROM sp_verifier_keys WHERE did = 'did:web:b.example'");
    expect(Number(rows[0]?.n)).toBe(1);
  });
});
