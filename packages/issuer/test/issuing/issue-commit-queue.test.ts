/**
 * The group commit under load (issue 9): hundreds of issues in flight are written in a few
 * batches, each credential recorded once with its own status index, in one status list, and the
 * audit chain written with them still verifies; every answer comes after its commit. Request keys:
 * a batch meeting keys issued before (a job resumed) answers those `duplicate` and writes the rest,
 * and a key repeated in one batch is issued once.
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

it('keys issued before are duplicates, the rest of the batch is written, a key repeated in a batch is issued once', async () => {
  const { ctx, b } = issuer;
  const principal = { keyId: 'key_bench' };
  const issue = (key: string) => issueCredential(ctx, b.org, { credential: trainingCredential(holder) }, principal, { requestKey: key, jobId: 'job_test' });
  const first = await Promise.all(Array.from({ length: 50 }, (_, i) => issue(`k-${i}`)));
  expect(first.every((r) => r.outcome === 'inserted')).toBe(true);
  // Again, as a resumed job would: half the keys were issued, and one new key comes twice.
  const again = await Promise.all([...Array.from({ length: 50 }, (_, i) => issue(`k-${i + 25}`)), issue('k-new'), issue('k-new')]);
  expect(again.slice(0, 25).map((r) => r.outcome)).toEqual(Array(25).fill('duplicate'));
  expect(again.slice(25, 50).map((r) => r.outcome)).toEqual(Array(25).fill('inserted'));
  expect(again.slice(50).map((r) => r.outcome).sort()).toEqual(['duplicate', 'inserted']);
  const rows = (await ctx.db.query("SELECT request_key, status_list_id, status_index FROM sp_issued_credentials WHERE org_id = ? AND job_id = 'job_test'", [b.org.id])) as {
    request_key: string;
    status_list_id: string;
    status_index: number;
  }[];
  expect(rows).toHaveLength(76);
  expect(new Set(rows.map((r) => r.request_key)).size).toBe(76);
  expect(new Set(rows.map((r) => `${r.status_list_id}#${r.status_index}`)).size).toBe(76);
  // A batch after the duplicates is written as usual, and the chain holds one entry per credential.
  expect((await Promise.all(Array.from({ length: 20 }, (_, i) => issue(`later-${i}`)))).every((r) => r.outcome === 'inserted')).toBe(true);
  const audits = (await ctx.db.query("SELECT count(*) AS n FROM sp_audit_log WHERE chain = ? AND action = 'credential.issue'", [b.org.id])) as { n: number }[];
  expect(audits[0]!.n).toBe(96);
  expect((await verifyAuditChain(ctx.db, b.org.id)).problems).toEqual([]);
  // Bulk rows commit without waiting for the disk; the connection is back at its usual level after.
  expect(await ctx.db.query('PRAGMA synchronous')).toEqual([{ synchronous: 2 }]);
});
