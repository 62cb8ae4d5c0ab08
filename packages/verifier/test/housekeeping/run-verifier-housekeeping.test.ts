/**
 * Results kept as long as the organisation says (issue 20, item 3): each organisation's retention
 * period (default 30 days, set by a platform administrator) decides when the housekeeping timer
 * deletes its results, a shorter period applies to results kept already, and every deletion is in
 * the organisation's audit log; a checker deletes a result at once; the exports carry the desk's
 * security headers. The clock is injected: nothing sleeps.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createVerifierStores, runVerifierHousekeeping, type VerifierAuditEvent } from '../../src/index.js';
import { call, startTenantVerifier, type TenantVerifier } from '../http/helpers/start-tenant-verifier.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-12-01T09:00:00.000Z');
let offsetMs = 0;
let verifier: TenantVerifier;

beforeAll(async () => {
  verifier = await startTenantVerifier({ now: () => new Date(T0 + offsetMs) });
});
afterAll(async () => {
  await verifier.close();
});

async function keep(orgId: string, id: string): Promise<void> {
  const now = new Date(T0 + offsetMs);
  const org = (await verifier.ctx.stores.organisations.find(orgId))!;
  await createVerifierStores(verifier.ctx.db, orgId).results.insert({
    id,
    request_id: null,
    profile_id: 'p',
    decision: 'ready_to_start',
    report: JSON.stringify({ report: { overall: { decision: 'ready_to_start', reasons: [] } }, checks: [] }),
    attributes: JSON.stringify({ profileId: 'p', startDate: '2027-01-04', decision: 'ready_to_start', move: 'new_employer', evaluatedAt: now.toISOString(), todo: [], reliance: [], employment: [], registrations: [], training: [] }),
    credential_hashes: '[]',
    credentials: null,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + Number(org.retention_days) * DAY).toISOString(),
  });
}

const get = (id: string, key: string) => call(`${verifier.url}/results/${id}`, { key });
const audit = async (key: string): Promise<VerifierAuditEvent[]> => (await call(`${verifier.url}/audit`, { key })).body['events'] as VerifierAuditEvent[];

it("deletes each organisation's results when its own retention period ends, and audits it", async () => {
  const { a, b } = verifier;
  expect((await call(`${verifier.url}/orgs/${b.org.id}/settings`, { method: 'PUT', key: verifier.platformKey, body: { retentionDays: 7 } })).body['retentionDays']).toBe(7);
  await keep(a.org.id, 'res_aaaaaaaaaaaaaaaaaaaa');
  await keep(b.org.id, 'res_bbbbbbbbbbbbbbbbbbbb');

  offsetMs = 8 * DAY;
  const first = await runVerifierHousekeeping(verifier.ctx);
  expect(first.results).toBe(1);
  expect((await get('res_bbbbbbbbbbbbbbbbbbbb', b.keys.checker)).status).toBe(404);
  expect((await get('res_aaaaaaaaaaaaaaaaaaaa', a.keys.checker)).status).toBe(200);
  const expired = (await audit(b.keys.auditor)).find((e) => e.action === 'result.expire');
  expect(expired).toMatchObject({ actor: 'system', orgId: b.org.id, detail: { retentionDays: 7, count: 1, resultIds: ['res_bbbbbbbbbbbbbbbbbbbb'] } });
  expect((await audit(a.keys.auditor)).some((e) => e.action === 'result.expire')).toBe(false);

  offsetMs = 31 * DAY;
  expect((await runVerifierHousekeeping(verifier.ctx)).results).toBe(1);
  expect((await get('res_aaaaaaaaaaaaaaaaaaaa', a.keys.checker)).status).toBe(404);
  expect((await audit(a.keys.auditor)).find((e) => e.action === 'result.expire')).toMatchObject({ detail: { retentionDays: 30, resultIds: ['res_aaaaaaaaaaaaaaaaaaaa'] } });
  expect(await runVerifierHousekeeping(verifier.ctx)).toMatchObject({ results: 0 });
});

it('a shorter period set later applies to the results kept already', async () => {
  const { a } = verifier;
  await keep(a.org.id, 'res_cccccccccccccccccccc');
  offsetMs += 3 * DAY;
  await runVerifierHousekeeping(verifier.ctx);
  expect((await get('res_cccccccccccccccccccc', a.keys.checker)).status).toBe(200);
  expect((await call(`${verifier.url}/orgs/${a.org.id}/settings`, { method: 'PUT', key: verifier.platformKey, body: { retentionDays: 2 } })).status).toBe(200);
  expect((await runVerifierHousekeeping(verifier.ctx)).results).toBe(1);
  expect((await get('res_cccccccccccccccccccc', a.keys.checker)).status).toBe(404);
  expect((await audit(a.keys.auditor)).find((e) => e.action === 'organisation.retention')).toMatchObject({ detail: { from: 30, to: 2 } });
  for (const days of [0, 366, 1.5, '7']) {
    const res = await call(`${verifier.url}/orgs/${a.org.id}/settings`, { method: 'PUT', key: verifier.platformKey, body: { retentionDays: days } });
    expect([res.status, res.body['code'], res.body['field']]).toEqual([400, 'ERR_REQUEST_INVALID', 'retentionDays']);
  }
});

it('a checker deletes a result at once (the person asked): audited, then gone', async () => {
  const { a, b } = verifier;
  await keep(a.org.id, 'res_dddddddddddddddddddd');
  expect((await call(`${verifier.url}/results/res_dddddddddddddddddddd`, { method: 'DELETE', key: b.keys.checker })).status).toBe(404);
  expect((await call(`${verifier.url}/results/res_dddddddddddddddddddd`, { method: 'DELETE', key: a.keys.auditor })).status).toBe(403);
  expect((await call(`${verifier.url}/results/res_dddddddddddddddddddd`, { method: 'DELETE', key: a.keys.checker })).status).toBe(204);
  expect((await get('res_dddddddddddddddddddd', a.keys.checker)).status).toBe(404);
  expect((await call(`${verifier.url}/results/res_dddddddddddddddddddd`, { method: 'DELETE', key: a.keys.checker })).body['code']).toBe('ERR_RESULT_NOT_FOUND');
  expect((await audit(a.keys.auditor)).find((e) => e.action === 'result.delete')).toMatchObject({ subject: 'res_dddddddddddddddddddd', actor: expect.stringMatching(/^key:vk_/) });
});

it("the exports carry the desk's security headers, and each export is audited", async () => {
  const { a } = verifier;
  await keep(a.org.id, 'res_eeeeeeeeeeeeeeeeeeee');
  for (const format of ['csv', 'json']) {
    const res = await fetch(`${verifier.url}/results/res_eeeeeeeeeeeeeeeeeeee/export.${format}`, { headers: { authorization: `Bearer ${a.keys.checker}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="res_eeeeeeeeeeeeeeeeeeee.${format}"`);
  }
  const exports = (await audit(a.keys.auditor)).filter((e) => e.action === 'result.export').map((e) => e.detail?.['format']);
  expect(exports.sort()).toEqual(['csv', 'json']);
});
