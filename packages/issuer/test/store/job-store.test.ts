/**
 * The job store's contract on SQLite and PostgreSQL, with two connections to one database as two
 * instances would have: jobs recorded and listed; a job's validation lease taken by one instance
 * at a time; slices claimed by instances racing for them each going to one (`FOR UPDATE SKIP
 * LOCKED` on PostgreSQL), a slice whose lease ran out taken over, and the old holder fenced (it
 * can neither renew nor save progress or row errors); the job's counts the sums of its slices';
 * uploads stored in chunks and read back whole, and deleted once no job needs them.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Database } from '@staff-passport/core';
import { ISSUER_MIGRATIONS } from '../../src/store/issuer-schema.js';
import {
  claimJobLease,
  claimSlice,
  countRowErrors,
  countSlices,
  findJobOrgId,
  insertJob,
  insertSlices,
  listJobIdsToRun,
  listJobRows,
  listRowErrors,
  listSliceHolders,
  listUnfinishedJobIds,
  loadJobRow,
  releaseJobLease,
  releaseSlice,
  renewJobLease,
  renewSlice,
  saveSliceProgress,
  sumSlices,
  updateJobRow,
  type HeldSlice,
} from '../../src/store/job-store.js';
import { countUploads, deleteUnneededUploads, deleteUpload, insertUploadChunk, readUploadChunks } from '../../src/store/job-upload-store.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { sql } from 'kysely';

const AT = '2026-12-01T10:00:00.000Z';
const LEASE = 60_000;
const counts = (done: number, issued = done) => ({ done, issued, duplicates: 0, skipped: 0, failed: 0 });

describeEngines('the job store', (engine) => {
  let a: Database;
  let b: Database;
  const orgId = 'org_jobs';

  beforeAll(async () => {
    a = await engine.open({ scope: 'issuer', migrations: ISSUER_MIGRATIONS }, 'jobs');
    b = await engine.open({ scope: 'issuer', migrations: ISSUER_MIGRATIONS }, 'jobs');
    await sql`INSERT INTO sp_organisations (id, name, ods_code, did, created_at) VALUES (${orgId}, 'Jobs Trust', 'RJB', 'did:web:jobs.test', ${AT})`.execute(a.kysely);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  async function newJob(createdAt = AT): Promise<string> {
    const id = `job_${randomBytes(16).toString('hex')}`;
    await insertJob(a, { id, org_id: orgId, kind: 'jsonl', format: 'vc+jwt', options: '{}', file_sha256: 'ab'.repeat(32), file_bytes: 10, created_by: 'key_1', created_at: createdAt });
    return id;
  }

  it('records jobs, finds and lists them, newest first', async () => {
    const first = await newJob('2026-12-01T10:00:00.000Z');
    const second = await newJob('2026-12-01T11:00:00.000Z');
    expect(await loadJobRow(b, first)).toMatchObject({ id: first, org_id: orgId, state: 'validating', total: null, validated: 0, done: 0, rate_since: '2026-12-01T10:00:00.000Z', completed_at: null });
    expect(await loadJobRow(b, 'job_none')).toBeUndefined();
    expect(await findJobOrgId(b, second)).toBe(orgId);
    expect(await findJobOrgId(b, 'job_none')).toBeUndefined();
    const listed = (await listJobRows(b, orgId, 500)).map((j) => j.id);
    expect(listed.indexOf(second)).toBeLessThan(listed.indexOf(first));
    expect(await listUnfinishedJobIds(b)).toEqual(expect.arrayContaining([first, second]));
    expect(await updateJobRow(a, first, { state: 'completed', completed_at: AT }, { state: ['validating', 'issuing'] })).toBe(true);
    // Ended once: a second end finds it ended.
    expect(await updateJobRow(b, first, { state: 'failed' }, { state: ['validating', 'issuing'] })).toBe(false);
    expect((await loadJobRow(a, first))?.state).toBe('completed');
    expect(await listUnfinishedJobIds(b)).not.toContain(first);
  });

  it('gives a job to validate to one instance at a time, fenced by its lease, and takes it over once the lease runs out', async () => {
    const id = await newJob();
    const [one, two] = await Promise.all([claimJobLease(a, id, 'i_a', LEASE), claimJobLease(b, id, 'i_b', LEASE)]);
    expect([one, two].filter(Boolean)).toHaveLength(1);
    const [holder, other] = one ? ['i_a', 'i_b'] : ['i_b', 'i_a'];
    expect(await listJobIdsToRun(a)).not.toContain(id);
    expect(await renewJobLease(a, id, holder, LEASE)).toBe(true);
    expect(await renewJobLease(a, id, other, LEASE)).toBe(false);
    expect(await updateJobRow(b, id, { validated: 5 }, { leasedBy: other })).toBe(false);
    expect(await updateJobRow(b, id, { validated: 5 }, { leasedBy: holder })).toBe(true);
    // A lease that ran out (database clock) is taken over; the old holder is fenced.
    expect(await claimJobLease(a, id, holder, -1000)).toBe(true);
    expect(await listJobIdsToRun(b)).toContain(id);
    expect(await claimJobLease(b, id, other, LEASE)).toBe(true);
    expect(await renewJobLease(a, id, holder, LEASE)).toBe(false);
    await releaseJobLease(a, id, holder);
    expect(await claimJobLease(a, id, holder, LEASE)).toBe(false);
    await releaseJobLease(b, id, other);
    expect(await claimJobLease(a, id, holder, LEASE)).toBe(true);
  });

  it('gives each slice to one instance when instances claim at once, in order, until none is free', async () => {
    const id = await newJob();
    await updateJobRow(a, id, { state: 'issuing', total: 1000 });
    await insertSlices(a, id, Array.from({ length: 10 }, (_, i) => ({ first: i * 100 + 1, last: (i + 1) * 100 })));
    // Inserting again adds nothing.
    await insertSlices(a, id, [{ first: 1, last: 5 }]);
    expect(await countSlices(b, id)).toEqual({ all: 10, open: 10 });
    const claims = await Promise.all(Array.from({ length: 12 }, (_, i) => claimSlice(i % 2 === 0 ? a : b, id, `i_${i % 2}`, `t${i}`, LEASE)));
    const held = claims.filter((c): c is HeldSlice => c !== undefined);
    expect(held.map((c) => c.sliceNo).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(claims.filter((c) => c === undefined)).toHaveLength(2);
    expect(held.find((c) => c.sliceNo === 3)).toMatchObject({ first: 301, last: 400, committedRow: 300, counts: counts(0) });
    expect(await listJobIdsToRun(a)).not.toContain(id);
    // A slice let go is claimed again, by the first free one in order.
    await releaseSlice(a, held.find((c) => c.sliceNo === 7)!);
    expect(await listJobIdsToRun(a)).toContain(id);
    expect((await claimSlice(b, id, 'i_b', 'again', LEASE))?.sliceNo).toBe(7);
  });

  it('fences a holder whose lease was taken: no renewal, no progress, no row errors; the new holder goes on from the saved row', async () => {
    const id = await newJob();
    await updateJobRow(a, id, { state: 'issuing', total: 200 });
    await insertSlices(a, id, [
      { first: 1, last: 100 },
      { first: 101, last: 200 },
    ]);
    const first = (await claimSlice(a, id, 'i_a', 'token-a', -1000))!;
    expect(await saveSliceProgress(a, first, { committedRow: 40, counts: counts(40, 39), errors: [{ row: 7, column: 'x', code: 'required', message: 'm' }], done: false, at: AT }, -1000)).toBe(true);
    // The lease ran out: another instance takes the slice over, from row 41.
    const taken = (await claimSlice(b, id, 'i_b', 'token-b', LEASE))!;
    expect(taken).toMatchObject({ sliceNo: 0, committedRow: 40, counts: counts(40, 39) });
    expect(await renewSlice(a, first, LEASE)).toBe(false);
    expect(await saveSliceProgress(a, first, { committedRow: 90, counts: counts(90), errors: [{ row: 80, column: null, code: 'x', message: 'lost' }], done: true, at: AT }, LEASE)).toBe(false);
    await releaseSlice(a, first);
    expect(await countSlices(a, id)).toEqual({ all: 2, open: 2 });
    expect(await renewSlice(b, taken, LEASE)).toBe(true);
    expect(await saveSliceProgress(b, taken, { committedRow: 100, counts: counts(100, 98), errors: [{ row: 60, column: null, code: 'x', message: 'kept' }], done: true, at: AT }, LEASE)).toBe(true);
    expect((await listRowErrors(a, id)).map((e) => e.message)).toEqual(['m', 'kept']);
    expect(await countRowErrors(a, id)).toBe(2);
    // A done slice is never claimed again; the job's counts are its slices' sums.
    const second = (await claimSlice(a, id, 'i_a', 'token-a2', LEASE))!;
    expect(second.sliceNo).toBe(1);
    expect(await saveSliceProgress(a, second, { committedRow: 200, counts: counts(100), errors: [], done: true, at: AT }, LEASE)).toBe(true);
    expect(await claimSlice(b, id, 'i_b', 'token-b2', LEASE)).toBeUndefined();
    expect(await countSlices(b, id)).toEqual({ all: 2, open: 0 });
    expect(await sumSlices(b, id)).toEqual({ ...counts(200, 198), lastRow: 200 });
    expect(await loadJobRow(b, id)).toMatchObject({ done: 200, issued: 198 });
    expect((await listSliceHolders(b, id)).sort()).toEqual(['i_a', 'i_b']);
    // Issuing with no open slice: listed, to be ended.
    expect(await listJobIdsToRun(b)).toContain(id);
  });

  it('keeps an upload in chunks every instance reads, and deletes it once no job needs it', async () => {
    const id = await newJob();
    const parts = [randomBytes(1000), randomBytes(5), Buffer.from('€ and a last line\n')];
    for (const [n, part] of parts.entries()) await insertUploadChunk(a, id, n, part);
    const read: Buffer[] = [];
    for await (const chunk of readUploadChunks(b, id)) read.push(chunk);
    expect(Buffer.concat(read)).toEqual(Buffer.concat(parts));
    // An upload whose job runs is kept; one cut off is kept for a while, then deleted.
    await insertUploadChunk(a, 'job_cut_off', 0, Buffer.from('a'));
    const before = await countUploads(a);
    expect(await deleteUnneededUploads(b, 3_600_000)).toBe(0);
    expect(await deleteUnneededUploads(b, -1000)).toBe(1);
    expect(await countUploads(a)).toBe(before - 1);
    // Once the job ended, its upload goes.
    await updateJobRow(a, id, { state: 'completed' });
    expect(await deleteUnneededUploads(b, 3_600_000)).toBe(parts.length);
    await deleteUpload(a, id);
    const none: Buffer[] = [];
    for await (const chunk of readUploadChunks(b, id)) none.push(chunk);
    expect(none).toEqual([]);
  });
});
