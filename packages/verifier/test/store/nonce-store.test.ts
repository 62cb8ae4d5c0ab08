/**
 * The nonce store's contract on SQLite and PostgreSQL: a nonce is used once, by one conditional
 * statement, for its audience and before it expires, even when two instances race to use it.
 */
import { expect, it } from '@jest/globals';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { twoVerifierDatabases } from './helpers/two-verifier-databases.js';

const CREATED = '2026-12-01T10:00:00.000Z';
const BEFORE_EXPIRY = '2026-12-01T10:05:00.000Z';
const EXPIRES = '2026-12-01T10:10:00.000Z';
const AFTER_EXPIRY = '2026-12-01T10:10:00.001Z';

describeEngines('the nonce store', (engine) => {
  const both = twoVerifierDatabases(engine, 'nonces');
  const give = (nonce: string, audience = 'https://verifier.example') =>
    both().stores[0].nonces.insert({ nonce, audience, request_id: null, created_at: CREATED, expires_at: EXPIRES });

  it('uses a nonce once, for its audience, before it expires', async () => {
    const { nonces } = both().stores[0];
    await give('n-once');
    expect(await nonces.use('n-once', 'https://other.example', BEFORE_EXPIRY)).toBe(false);
    expect(await nonces.use('n-once', 'https://verifier.example', EXPIRES)).toBe(false);
    expect((await nonces.find('n-once'))?.used_at).toBeNull();
    expect(await nonces.use('n-once', 'https://verifier.example', BEFORE_EXPIRY)).toBe(true);
    expect(await nonces.use('n-once', 'https://verifier.example', BEFORE_EXPIRY)).toBe(false);
    expect(await nonces.find('n-once')).toEqual({ nonce: 'n-once', audience: 'https://verifier.example', request_id: null, created_at: CREATED, expires_at: EXPIRES, used_at: BEFORE_EXPIRY });
    expect(await nonces.use('never-given', 'https://verifier.example', BEFORE_EXPIRY)).toBe(false);
    expect(await nonces.find('never-given')).toBeUndefined();
  });

  it('lets one of many uses racing on two instances through', async () => {
    const [first, second] = both().stores;
    await give('n-race');
    const uses = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? first : second).nonces.use('n-race', 'https://verifier.example', BEFORE_EXPIRY));
    const won = (await Promise.all(uses)).filter(Boolean);
    expect(won).toHaveLength(1);
  });

  it('deletes the nonces expired before a time, and only those', async () => {
    const { nonces } = both().stores[1];
    await give('n-kept');
    const before = await nonces.deleteExpired(EXPIRES);
    expect(before).toBe(0);
    expect(await nonces.deleteExpired(AFTER_EXPIRY)).toBeGreaterThanOrEqual(1);
    expect(await nonces.find('n-kept')).toBeUndefined();
  });
});
