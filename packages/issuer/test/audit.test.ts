/**
 * Records and audit (issue 4): every issue, status change, key change, API key and role change is
 * appended to the organisation's hash-chained log; auditors read it; an altered or removed entry is found.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { verifyAuditChain } from '@staff-passport/issuer';
import { call, startIssuer, type TestIssuer } from './helpers/start-issuer.js';
import { trainingCredential } from '../../../test/helpers/training-credential.js';

let issuer: TestIssuer;
const holder = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

beforeAll(async () => {
  issuer = await startIssuer();
});
afterAll(async () => {
  await issuer.close();
});

it('what HR does is in the log, in order, chained, and only the organisation sees its own', async () => {
  const a = issuer.a;
  const issued = await call(`${issuer.url}/orgs/${a.org.id}/credentials/issue`, { key: a.keys.issuer, body: { credential: trainingCredential(holder) } });
  const id = String(issued.headers.get('location')).split('/').pop()!;
  await call(`${issuer.url}/orgs/${a.org.id}/credentials/${id}/suspend`, { key: a.keys.issuer, body: { reason: 'under_investigation' } });
  await call(`${issuer.url}/orgs/${a.org.id}/credentials/${id}/reinstate`, { key: a.keys.issuer, body: { reason: 'investigation_closed' } });
  await call(`${issuer.url}/orgs/${a.org.id}/credentials/${id}/revoke`, { key: a.keys.issuer, body: { reason: 'issued_in_error' } });
  const created = await call(`${issuer.url}/orgs/${a.org.id}/api-keys`, { key: a.keys['org-admin'], body: { role: 'issuer', label: 'ESR feed' } });
  expect(created.status).toBe(201);
  expect(created.body['apiKey']).toMatch(/^sp_/);
  const keyId = created.body['id'] as string;
  await call(`${issuer.url}/orgs/${a.org.id}/api-keys/${keyId}/role`, { key: a.keys['org-admin'], body: { role: 'auditor' } });
  await call(`${issuer.url}/orgs/${a.org.id}/api-keys/${keyId}/revoke`, { key: a.keys['org-admin'], body: {} });
  await call(`${issuer.url}/orgs/${a.org.id}/keys/rotate`, { key: a.keys['org-admin'], body: {} });

  const res = await call(`${issuer.url}/orgs/${a.org.id}/audit?limit=1000`, { key: a.keys.auditor });
  expect(res.status).toBe(200);
  const events = res.body['events'] as { seq: number; action: string; subject: string; detail: Record<string, unknown>; prevHash: string; hash: string }[];
  const actions = events.map((e) => e.action);
  for (const action of ['organisation.create', 'api-key.create', 'credential.issue', 'credential.suspend', 'credential.reinstate', 'credential.revoke', 'role.change', 'api-key.revoke', 'key.rotate']) {
    expect(actions).toContain(action);
  }
  expect(events.find((e) => e.action === 'credential.revoke')).toMatchObject({ subject: id, detail: { reason: 'issued_in_error' } });
  expect(events.find((e) => e.action === 'role.change')).toMatchObject({ subject: keyId, detail: { from: 'issuer', to: 'auditor' } });
  events.forEach((e, i) => {
    expect(e.seq).toBe(i + 1);
    if (i > 0) expect(e.prevHash).toBe(events[i - 1]!.hash);
  });
  // Paging.
  const page = await call(`${issuer.url}/orgs/${a.org.id}/audit?after=2&limit=2`, { key: a.keys.auditor });
  expect((page.body['events'] as { seq: number }[]).map((e) => e.seq)).toEqual([3, 4]);
  // The other organisation's log has none of this.
  const theirs = await call(`${issuer.url}/orgs/${issuer.b.org.id}/audit?limit=1000`, { key: issuer.b.keys.auditor });
  expect((theirs.body['events'] as { subject: string }[]).some((e) => e.subject === id)).toBe(false);
  // Issuers do not read the audit log.
  expect((await call(`${issuer.url}/orgs/${a.org.id}/audit`, { key: a.keys.issuer })).status).toBe(403);
  // The revoked API key no longer works.
  expect((await call(`${issuer.url}/orgs/${a.org.id}`, { key: created.body['apiKey'] as string })).body['code']).toBe('ERR_AUTH_INVALID');
  expect((await call(`${issuer.url}/orgs/${a.org.id}/audit/verify`, { key: a.keys.auditor })).body).toMatchObject({ ok: true, problems: [] });
});

it('an altered entry, a removed entry and a relinked chain are each found', async () => {
  expect((await verifyAuditChain(issuer.ctx.db)).ok).toBe(true);
  const chain = issuer.a.org.id;
  await issuer.ctx.db.query("UPDATE sp_audit_log SET detail = '{\"reason\":\"other\"}' WHERE chain = ? AND action = 'credential.revoke'", [chain]);
  let report = await verifyAuditChain(issuer.ctx.db, chain);
  expect(report.ok).toBe(false);
  expect(report.problems.map((p) => p.problem)).toContain('altered');

  const b = issuer.b.org.id;
  await issuer.ctx.db.query('DELETE FROM sp_audit_log WHERE chain = ? AND chain_seq = 2', [b]);
  report = await verifyAuditChain(issuer.ctx.db, b);
  expect(report.problems).toEqual([expect.objectContaining({ chain: b, seq: 2, problem: 'missing' })]);

  const res = await call(`${issuer.url}/orgs/${chain}/audit/verify`, { key: issuer.a.keys.auditor });
  expect(res.body['ok']).toBe(false);
});

it('API keys: expired keys stop working; bad requests name the field', async () => {
  const a = issuer.a;
  const expired = await call(`${issuer.url}/orgs/${a.org.id}/api-keys`, { key: a.keys['org-admin'], body: { role: 'auditor', expiresAt: '2020-01-01T00:00:00Z' } });
  expect(expired.status).toBe(201);
  const res = await call(`${issuer.url}/orgs/${a.org.id}`, { key: expired.body['apiKey'] as string });
  expect(res.status).toBe(401);
  expect(res.body['code']).toBe('ERR_AUTH_INVALID');
  for (const [body, field] of [
    [{ role: 'superuser' }, 'role'],
    [{ role: 'issuer', expiresAt: 'soon' }, 'expiresAt'],
    [{ role: 'issuer', colour: 'blue' }, 'colour'],
  ] as const) {
    const bad = await call(`${issuer.url}/orgs/${a.org.id}/api-keys`, { key: a.keys['org-admin'], body });
    expect(bad.status).toBe(400);
    expect(bad.body['field']).toBe(field);
  }
  const list = await call(`${issuer.url}/orgs/${a.org.id}/api-keys`, { key: a.keys.auditor });
  expect(JSON.stringify(list.body)).not.toContain('sp_');
});

it('platform administrators create and list organisations; organisation keys cannot', async () => {
  const created = await call(`${issuer.url}/orgs`, { key: issuer.platformKey, body: { name: 'Gamma Practice', odsCode: 'A81001' } });
  expect(created.status).toBe(201);
  expect(created.body['did']).toMatch(/^did:web:127\.0\.0\.1%3A\d+:orgs:org_[0-9a-f]{16}$/);
  const list = await call(`${issuer.url}/orgs`, { key: issuer.platformKey });
  expect((list.body['organisations'] as { odsCode: string }[]).map((o) => o.odsCode)).toEqual(expect.arrayContaining(['RZA', 'RZB', 'A81001']));
  expect((await call(`${issuer.url}/orgs`, { key: issuer.a.keys['org-admin'] })).status).toBe(401);
  expect((await call(`${issuer.url}/orgs`, { key: issuer.platformKey, body: { name: 'Dup', odsCode: 'A81001' } })).body['code']).toBe('ERR_ORG_CONFLICT');
  const doc = await call(`${issuer.url}/orgs/${created.body['id'] as string}/did.json`);
  expect(doc.body['alsoKnownAs']).toEqual(['https://directory.spineservices.nhs.uk/ORD/2-0-0/organisations/A81001']);
});
