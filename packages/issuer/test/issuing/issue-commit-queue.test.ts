/**
 * The group commit under load (issue 9): hundreds of issues in flight are written in a few
 * batches, each credential recorded once with its own status index, in one status list, and the
 * audit chain written with them still verifies; every answer comes after its commit.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { issueCredential, verifyAuditChain } from '@staff-passport/issuer';
import { startIssuer, type TestIssuer } from '../helpers/start-issuer.js';
import { trainingCredential } from '../../../../test/helpers/training-credential.js';

let issuer: TestIssuer;
const holder = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

beforeAll(async () => {
  issuer = await startIssuer();
});
afterAll(async () => {
  await issuer.close();
});

it('300 issues at once: each recorded once, distinct indexes in one list, the audit chain intact', async () => {
  const { ctx, a } = issuer;
  const principal = { keyId: 'key_bench' };
  const before = (await ctx.db.query('SELECT count(*) AS c FROM sp_status_lists WHERE org_id = ?', [a.org.id])) as { c: number }[];
  const issued = await Promise.all(
    Array.from({ length: 300 }, async () => {
      const r = await issueCredential(ctx, a.org, { credential: trainingCredential(holder) }, principal);
      // Answered only once committed: the record is there when the promise settles.
      const rows = (await ctx.db.query('SELECT status_list_id, status_index FROM sp_issued_credentials WHERE id = ?', [r.id])) as unknown[];
      expect(rows).toHaveLength(1);
      return r;
    }),
  );
  expect(issued.every((r) => r.outcome === 'inserted')).toBe(true);
  expect(new Set(issued.map((r) => r.id)).size).toBe(300);
  expect(new Set(issued.map((r) => `${r.statusListId}#${r.statusIndex}`)).size).toBe(300);
  const after = (await ctx.db.query('SELECT count(*) AS c FROM sp_status_lists WHERE org_id = ?', [a.org.id])) as { c: number }[];
  // At most one new list, however many issues asked for one at the same moment.
  expect(after[0]!.c - before[0]!.c).toBeLessThanOrEqual(1);
  expect(new Set(issued.map((r) => r.statusListId)).size).toBe(1);

  const audits = (await ctx.db.query("SELECT subject FROM sp_audit_log WHERE chain = ? AND action = 'credential.issue' ORDER BY chain_seq", [a.org.id])) as { subject: string }[];
  expect(new Set(audits.map((e) => e.subject))).toEqual(new Set(issued.map((r) => r.id)));
  const report = await verifyAuditChain(ctx.db, a.org.id);
  expect(report.problems).toEqual([]);
  expect(report.ok).toBe(true);
});
