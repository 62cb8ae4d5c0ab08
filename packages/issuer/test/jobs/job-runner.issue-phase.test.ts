/**
 * The issuing phase through its injected per-row function: rows refused while issuing are listed
 * as row errors and the job ends `failed` with the rest issued; an internal error stops the job,
 * and uploading the file again finishes it without issuing any row twice; jobs run side by side.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PassportError } from '@staff-passport/core';
import { issueCredential } from '@staff-passport/issuer';
import type { IssueRowFunction } from '../../src/jobs/index.js';
import { trainingCsv, trainingRow } from './helpers/bulk-files.js';
import { call, followJob, startJobIssuer, type JobAnswer, type JobIssuer } from './helpers/start-job-issuer.js';

let issuer: JobIssuer;
// What the injected issue function does with the holder of each row: issue, refuse, or break.
let behaviour: (holder: string) => 'issue' | 'refuse' | 'break' = () => 'issue';
const calls: string[] = [];

const issueRow: IssueRowFunction = async (ctx, org, request, principal, origin) => {
  const holder = (request.credential['credentialSubject'] as { id: string }).id;
  calls.push(holder);
  const what = behaviour(holder);
  if (what === 'refuse') throw new PassportError('ERR_FORMAT_UNSUPPORTED', 'this holder cannot take this format', { field: 'options.format' });
  if (what === 'break') throw new Error('disk on fire');
  return issueCredential(ctx, org, request, principal, origin);
};

beforeAll(async () => {
  issuer = await startJobIssuer({ issueRow, concurrency: 8 });
});
afterAll(async () => {
  await issuer.close();
});

async function run(csv: string): Promise<JobAnswer> {
  const res = await call(`${issuer.url}/orgs/${issuer.a.org.id}/jobs?kind=training-compliance`, { key: issuer.a.keys.issuer, body: csv, contentType: 'text/csv' });
  expect(res.status).toBe(202);
  return (await followJob(`${issuer.url}/jobs/${(res.body as unknown as JobAnswer).id}`, issuer.a.keys.issuer)).at(-1)!;
}

describe('the issuing phase', () => {
  it('rows refused while issuing are row errors; the others are issued; the job is failed', async () => {
    behaviour = (holder) => (holder === 'did:example:staff-5' || holder === 'did:example:staff-17' ? 'refuse' : 'issue');
    const job = await run(trainingCsv(40));
    expect(job).toMatchObject({ state: 'failed', total: 40, done: 40, issued: 38, errors: 2, failure: { code: 'ERR_BULK_ROWS_INVALID' } });
    const report = await call(`${issuer.url}/orgs/${issuer.a.org.id}/jobs/${job.id}/errors`, { key: issuer.a.keys.issuer });
    expect((report.body['errors'] as { row: number; column: string; code: string }[]).map((e) => [e.row, e.column, e.code])).toEqual([
      [7, 'options.format', 'ERR_FORMAT_UNSUPPORTED'],
      [19, 'options.format', 'ERR_FORMAT_UNSUPPORTED'],
    ]);
  });

  it('an internal error stops the job; the same file again finishes it, issuing no row twice', async () => {
    behaviour = (holder) => (holder === 'did:example:z-150' ? 'break' : 'issue');
    const csv = trainingCsv(300, (i) => trainingRow(i, { did: `did:example:z-${i}` }));
    const broken = await run(csv);
    expect(broken).toMatchObject({ state: 'failed', failure: { code: 'ERR_INTERNAL' } });
    expect(broken.done).toBeLessThan(300);
    const issuedBefore = (await issuer.ctx.db.query('SELECT COUNT(*) AS n FROM sp_issued_credentials WHERE job_id = ?', [broken.id])) as { n: number }[];

    behaviour = () => 'issue';
    const again = await run(csv);
    expect(again).toMatchObject({ state: 'completed', total: 300, done: 300, errors: 0 });
    expect(again.issued + again.duplicates).toBe(300);
    // Rows issued by the broken job come back as duplicates, so each row has one credential.
    expect(again.duplicates).toBe(issuedBefore[0]!.n);
  });

  it('runs two jobs at once', async () => {
    behaviour = () => 'issue';
    const [a, b] = await Promise.all([
      run(trainingCsv(120, (i) => trainingRow(i, { did: `did:example:x-${i}` }))),
      run(trainingCsv(120, (i) => trainingRow(i, { did: `did:example:y-${i}` }))),
    ]);
    expect([a!.state, a!.issued, b!.state, b!.issued]).toEqual(['completed', 120, 'completed', 120]);
  });
});
