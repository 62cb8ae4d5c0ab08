/**
 * The organisation stores' contract on SQLite and PostgreSQL (issue 20): organisations, API keys
 * by hash, the audit log; and the scoping of requests, results and profiles, so that one
 * organisation's store never reads, answers or deletes another's rows, while housekeeping's
 * cross-organisation deletions still reach every organisation.
 */
import { expect, it } from '@jest/globals';
import { createVerifierStores } from '../../src/store/verifier-stores.js';
import { DEFAULT_ORG_ID } from '../../src/store/verifier-schema.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { twoVerifierDatabases } from './helpers/two-verifier-databases.js';

const A = 'org_aaaaaaaaaaaaaaaa';
const B = 'org_bbbbbbbbbbbbbbbb';
const CREATED = '2026-12-01T10:00:00.000Z';

function org(id: string, odsCode: string) {
  return { id, name: `Trust ${odsCode}`, ods_code: odsCode, retention_days: 30, created_at: CREATED };
}

function result(id: string, createdAt = CREATED, expiresAt = '2026-12-31T10:00:00.000Z') {
  return { id, request_id: 'req_x', profile_id: 'p', decision: 'meets', report: '{}', attributes: '{}', credential_hashes: '[]', credentials: null, created_at: createdAt, expires_at: expiresAt };
}

describeEngines('the organisation stores', (engine) => {
  const both = twoVerifierDatabases(engine, 'organisations');

  it('has the default organisation from the migration, and keeps new ones (an ODS code once)', async () => {
    const [first, second] = both().stores;
    expect(await first.organisations.find(DEFAULT_ORG_ID)).toMatchObject({ id: DEFAULT_ORG_ID, ods_code: null, retention_days: 30 });
    await first.organisations.insert(org(A, 'RYJ'));
    await first.organisations.insert(org(B, 'RTH'));
    expect(await second.organisations.find(A)).toEqual(org(A, 'RYJ'));
    expect(await second.organisations.findByOdsCode('RTH')).toEqual(org(B, 'RTH'));
    await expect(second.organisations.insert(org('org_cccccccccccccccc', 'RYJ'))).rejects.toThrow();
    expect((await second.organisations.list()).map((o) => o.id)).toEqual([DEFAULT_ORG_ID, A, B]);
    expect(await second.organisations.setRetentionDays(A, 7)).toBe(true);
    expect(await first.organisations.find(A)).toMatchObject({ retention_days: 7 });
    expect(await first.organisations.setRetentionDays('org_none', 7)).toBe(false);
  });

  it('finds API keys by hash, lists and revokes them within their organisation only', async () => {
    const [first, second] = both().stores;
    const key = { id: 'vk_000000000001', org_id: A, role: 'checker', key_hash: 'h1', label: null, created_at: CREATED, revoked_at: null };
    await first.apiKeys.insert(key);
    expect(await second.apiKeys.findByHash('h1')).toEqual(key);
    expect(await second.apiKeys.findByHash('h2')).toBeUndefined();
    expect(await second.apiKeys.listForOrg(A)).toEqual([key]);
    expect(await second.apiKeys.revoke(B, key.id, CREATED)).toBe(false);
    expect(await second.apiKeys.revoke(A, key.id, '2026-12-02T00:00:00.000Z')).toBe(true);
    expect(await first.apiKeys.revoke(A, key.id, CREATED)).toBe(false);
    expect(await first.apiKeys.findByHash('h1')).toMatchObject({ revoked_at: '2026-12-02T00:00:00.000Z' });
  });

  it("keeps each organisation's audit log apart, newest first, paged by time", async () => {
    const [first, second] = both().stores;
    for (const [i, orgId] of [A, A, B, A].entries()) {
      await first.audit.append({ id: `ev${i}`, orgId, at: `2026-12-01T10:0${i}:00.000Z`, actor: 'system', action: 'test', subject: `s${i}`, ...(i === 0 ? { detail: { n: 1 } } : {}) });
    }
    expect((await second.audit.list(A, { limit: 10 })).map((e) => e.id)).toEqual(['ev3', 'ev1', 'ev0']);
    expect((await second.audit.list(A, { limit: 1, before: '2026-12-01T10:03:00.000Z' })).map((e) => e.id)).toEqual(['ev1']);
    expect((await second.audit.list(A, { limit: 10 }))[2]).toEqual({ id: 'ev0', orgId: A, at: '2026-12-01T10:00:00.000Z', actor: 'system', action: 'test', subject: 's0', detail: { n: 1 } });
    expect((await second.audit.list(B, { limit: 10 })).map((e) => e.id)).toEqual(['ev2']);
  });

  it("scopes requests, results and profiles to one organisation: another's ids are not found", async () => {
    const db = both().dbs[0];
    const [a, b] = [createVerifierStores(db, A), createVerifierStores(db, B)];
    const request = { id: 'req_scoped', profile_id: 'p', start_date: '2027-01-04', nonce: 'n-scoped', state: 'pending' as const, purpose: null, created_at: CREATED, expires_at: '2026-12-01T10:10:00.000Z', result_id: null, audience: 'x', move: null };
    await a.requests.insert(request);
    await a.requests.insertOid4vp({ id: 'req_scoped', client_id: 'x', state_token: 's', query_language: 'dcql', status: 'pending', created_at: CREATED, expires_at: request.expires_at });
    expect(await a.requests.find('req_scoped')).toEqual(request);
    expect(await b.requests.find('req_scoped')).toBeUndefined();
    expect(await b.requests.findOid4vp('req_scoped')).toBeUndefined();
    await b.requests.markAnswered('req_scoped', 'res_b');
    await b.requests.markOid4vpRefused('req_scoped', 'access_denied', null, CREATED);
    expect(await a.requests.find('req_scoped')).toMatchObject({ state: 'pending', result_id: null });
    expect(await a.requests.findOid4vp('req_scoped')).toMatchObject({ status: 'pending' });
    expect(await a.organisations.findRequestOrg('req_scoped')).toBe(A);

    await a.results.insert(result('res_scoped'));
    expect(await b.results.find('res_scoped', CREATED)).toBeUndefined();
    expect(await b.results.delete('res_scoped')).toBe(false);
    expect(await a.results.find('res_scoped', CREATED)).toEqual(result('res_scoped'));

    expect(await a.profiles.insert({ id: 'ward-porter', profile: { id: 'ward-porter', by: 'A' }, createdAt: CREATED, createdBy: null })).toBe(true);
    expect(await b.profiles.find('ward-porter')).toBeUndefined();
    // Each organisation names its profiles as it likes: the same id in two is two profiles.
    expect(await b.profiles.insert({ id: 'ward-porter', profile: { id: 'ward-porter', by: 'B' }, createdAt: CREATED, createdBy: null })).toBe(true);
    expect((await a.profiles.find('ward-porter'))?.profile).toEqual({ id: 'ward-porter', by: 'A' });
    expect((await b.profiles.list()).map((p) => p.profile)).toEqual([{ id: 'ward-porter', by: 'B' }]);
  });

  it('deletes one result at once, and those past the retention period with their ids, in one organisation', async () => {
    const db = both().dbs[1];
    const [a, b] = [createVerifierStores(db, A), createVerifierStores(db, B)];
    await a.results.insert(result('res_old', '2026-11-01T00:00:00.000Z'));
    await a.results.insert(result('res_expired', '2026-12-01T00:00:00.000Z', '2026-12-05T00:00:00.000Z'));
    await a.results.insert(result('res_new', '2026-12-04T00:00:00.000Z'));
    await a.results.insert(result('res_now'));
    await b.results.insert(result('res_b_old', '2026-11-01T00:00:00.000Z'));
    expect(await a.results.delete('res_now')).toBe(true);
    expect(await a.results.delete('res_now')).toBe(false);
    const deleted = await a.results.deleteRetained('2026-11-20T00:00:00.000Z', '2026-12-05T00:00:00.000Z');
    expect(deleted.sort()).toEqual(['res_expired', 'res_old']);
    expect(await a.results.find('res_new', CREATED)).toBeDefined();
    expect(await b.results.find('res_b_old', CREATED)).toBeDefined();
  });
});
