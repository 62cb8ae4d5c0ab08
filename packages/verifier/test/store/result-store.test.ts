/**
 * The result store's contract on SQLite and PostgreSQL: a result written by one instance is read
 * by the other while its retention period lasts, not after, and deleted once it is over.
 */
import { expect, it } from '@jest/globals';
import type { ResultRow } from '../../src/store/result-store.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { twoVerifierDatabases } from './helpers/two-verifier-databases.js';

const EXPIRES = '2026-12-31T10:00:00.000Z';

function result(id: string): ResultRow {
  return {
    id,
    request_id: 'req_x',
    profile_id: 'registered-nurse-band-5-acute',
    decision: 'meets',
    report: JSON.stringify({ report: { overall: { decision: 'meets' } }, checks: [] }),
    attributes: '{}',
    credential_hashes: '["abc"]',
    credentials: null,
    created_at: '2026-12-01T10:00:00.000Z',
    expires_at: EXPIRES,
  };
}

describeEngines('the result store', (engine) => {
  const both = twoVerifierDatabases(engine, 'results');

  it('reads a result from the other instance while it is kept, not after', async () => {
    const [first, second] = both().stores;
    await first.results.insert(result('res_a'));
    expect(await second.results.find('res_a', '2026-12-31T09:59:59.999Z')).toEqual(result('res_a'));
    expect(await second.results.find('res_a', EXPIRES)).toBeUndefined();
    expect(await second.results.find('res_none', '2026-12-01T10:00:00.000Z')).toBeUndefined();
  });

  it('deletes results whose retention period is over, and only those', async () => {
    const { results } = both().stores[1];
    await results.insert(result('res_b'));
    expect(await results.deleteExpired('2026-12-31T09:59:59.999Z')).toBe(0);
    expect(await results.deleteExpired(EXPIRES)).toBe(2);
    expect(await results.find('res_b', '2026-12-01T10:00:00.000Z')).toBeUndefined();
  });
});
