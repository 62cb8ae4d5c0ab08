/**
 * Bulk issuing as jobs over a real server and SQLite file: an ESR training compliance export
 * issues every row with progress reaching the total; a file with bad rows is reported row by row
 * (row, column, message) and issues nothing; the same rows uploaded again issue nothing twice;
 * JSON lines and assignment exports; a job is its organisation's alone; bad uploads get 4xx.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { trainingExpiry } from '@staff-passport/schemas';
import { trainingCredential } from '../../../../test/helpers/training-credential.js';
import { COMPETENCES, TRAINING_HEADER, daysAgo, esrDate, trainingCsv, trainingRow } from '../jobs/helpers/bulk-files.js';
import { countUploads } from '../../src/store/job-upload-store.js';
import { call, followJob, startJobIssuer, type JobAnswer, type JobIssuer } from '../jobs/helpers/start-job-issuer.js';

let issuer: JobIssuer;
const holder = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

beforeAll(async () => {
  issuer = await startJobIssuer({}, { storeCredentials: true });
});
afterAll(async () => {
  await issuer.close();
});

function jobsUrl(orgId = issuer.a.org.id): string {
  return `${issuer.url}/orgs/${orgId}/jobs`;
}

async function upload(body: string, query = 'kind=training-compliance', contentType = 'text/csv', key = issuer.a.keys.issuer, orgId = issuer.a.org.id) {
  return call(`${jobsUrl(orgId)}?${query}`, { key, body, contentType });
}

async function runJob(body: string, query?: string, contentType?: string): Promise<{ job: JobAnswer; seen: JobAnswer[] }> {
  const res = await upload(body, query, contentType);
  expect(res.status).toBe(202);
  const id = (res.body as unknown as JobAnswer).id;
  expect(res.headers.get('location')).toBe(`/orgs/${issuer.a.org.id}/jobs/${id}`);
  const seen = await followJob(`${jobsUrl()}/${id}`, issuer.a.keys.issuer);
  return { job: seen.at(-1)!, seen };
}

async function credentialsOfJob(jobId: string): Promise<{ request_key: string; stored_credential: string }[]> {
  return (await issuer.ctx.db.query('SELECT request_key, stored_credential FROM sp_issued_credentials WHERE job_id = ?', [jobId])) as {
    request_key: string;
    stored_credential: string;
  }[];
}

function payloadOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('an ESR training compliance export', () => {
  // 300 people and competences, a local competence (skipped) and one not yet achieved (skipped).
  const csv = `${trainingCsv(300)}${[
    trainingRow(300, { competence: '245|LOCAL|Sepsis Awareness|' }),
    trainingRow(301, { awarded: '', expiry: '' }),
  ].join('\r\n')}\r\n`;
  let first: JobAnswer;

  it('issues every row, with progress reaching the total', async () => {
    const { job, seen } = await runJob(csv);
    first = job;
    expect(job).toMatchObject({ state: 'completed', total: 302, validated: 302, done: 302, issued: 300, duplicates: 0, skipped: 2, errors: 0, secondsLeft: 0, failure: null });
    expect(job.ratePerSecond).toBeGreaterThan(0);
    // Progress only moves forward.
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
    const issued = await credentialsOfJob(job.id);
    expect(issued).toHaveLength(300);
    expect(new Set(issued.map((c) => c.request_key)).size).toBe(300);
    expect(issued.every((c) => c.request_key.startsWith('job:'))).toBe(true);
  });

  it('builds each TrainingRecord from the row, exactly per its schema, and never carries the NI number or names', async () => {
    const issued = await credentialsOfJob(first.id);
    const subjects = issued.map((c) => payloadOf(c.stored_credential)['credentialSubject'] as { id: string; training: Record<string, unknown> });
    const i = 4; // Infection Prevention and Control, level 2, awarded 4 days ago
    const subject = subjects.find((s) => s.id === `did:example:staff-${i}`)!;
    const awarded = daysAgo(i);
    expect(subject.training).toEqual({
      framework: 'CSTF',
      frameworkVersion: '1.2',
      subject: 'infection_prevention_control',
      level: 2,
      completedOn: awarded,
      expiresOn: trainingExpiry('infection_prevention_control', 2, awarded),
      issuerAligned: false,
      esrCompetence: COMPETENCES[4]!.name,
    });
    const everything = issued.map((c) => JSON.stringify(payloadOf(c.stored_credential))).join('\n');
    expect(everything).not.toMatch(/QQ\d{6}C/);
    expect(everything).not.toContain('Smith-');
    expect(everything).not.toContain('10000004');
  });

  it('is audited: job.create and job.complete', async () => {
    const rows = (await issuer.ctx.db.query('SELECT action, detail FROM sp_audit_log WHERE chain = ? AND subject = ? ORDER BY chain_seq', [issuer.a.org.id, first.id])) as {
      action: string;
      detail: string;
    }[];
    expect(rows.map((r) => r.action)).toEqual(['job.create', 'job.complete']);
    expect(JSON.parse(rows[1]!.detail)).toMatchObject({ state: 'completed', issued: 300, skipped: 2 });
  });

  it('uploaded again, issues nothing twice: every row is a duplicate', async () => {
    const { job } = await runJob(csv);
    expect(job).toMatchObject({ state: 'completed', total: 302, done: 302, issued: 0, duplicates: 300, skipped: 2 });
    expect(await credentialsOfJob(job.id)).toHaveLength(0);
  });

  it('keeps no upload once jobs end', async () => {
    // The upload is deleted just after the job's final state is committed (so a crash in between
    // resumes a job that still has its file): allow that moment.
    // (Uploads are kept in the database, where every instance reads them.)
    for (let i = 0; i < 100 && (await countUploads(issuer.ctx.db)) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await countUploads(issuer.ctx.db)).toBe(0);
  });
});

describe('row errors', () => {
  it('a file with 3 bad rows stops as failed_validation with row, column and message, and issues nothing', async () => {
    const before = (await issuer.ctx.db.query('SELECT COUNT(*) AS n FROM sp_issued_credentials')) as { n: number }[];
    const csv = trainingCsv(60, (i) => {
      if (i === 10) return trainingRow(1010, { awarded: '31-Feb-2026' });
      if (i === 20) return trainingRow(1020, { did: 'not-a-did' });
      if (i === 30) return trainingRow(1030, { lastName: 'ab"c' });
      return trainingRow(1000 + i);
    });
    const { job } = await runJob(csv);
    expect(job).toMatchObject({ state: 'failed_validation', total: 60, validated: 60, errors: 3, issued: 0, done: 0, failure: { code: 'ERR_BULK_ROWS_INVALID' } });
    const report = await call(`${jobsUrl()}/${job.id}/errors`, { key: issuer.a.keys.auditor });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ jobId: job.id, count: 3, complete: true });
    // Rows as a spreadsheet shows them: the header is row 1, so data row i is row i + 2.
    const errors = report.body['errors'] as { row: number; column: string | null; code: string; message: string }[];
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [12, 'Date Last Awarded', 'date_invalid'],
      [22, 'Holder DID', 'pattern'],
      [32, null, 'csv_quote'],
    ]);
    expect(errors.every((e) => e.message.length > 0)).toBe(true);
    const after = (await issuer.ctx.db.query('SELECT COUNT(*) AS n FROM sp_issued_credentials')) as { n: number }[];
    expect(after[0]!.n).toBe(before[0]!.n);

    const asCsv = await call(`${jobsUrl()}/${job.id}/errors?format=csv`, { key: issuer.a.keys.issuer });
    expect(asCsv.type).toMatch(/^text\/csv/);
    const lines = asCsv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('row,column,code,message');
    expect(lines[1]).toMatch(/^12,Date Last Awarded,date_invalid,/);
    expect(lines).toHaveLength(4);
  });

  it('reports what the catalogue rules find (an expiry that is not the CSTF refresher period) and CSTF names the reference data does not know', async () => {
    const awarded = daysAgo(3);
    const csv = [
      TRAINING_HEADER,
      trainingRow(2000, { competence: 'NHS|CSTF|Fire Safety - 2 Years|', awarded: esrDate(awarded), expiry: esrDate(trainingExpiry('fire_safety', 1, awarded).replace(/^(\d{4})/, (y) => String(Number(y) + 1))) }),
      trainingRow(2001, { competence: 'NHS|CSTF|Knot Tying - 1 Year|' }),
      trainingRow(2002, { competence: 'NHS|CSTF|Safeguarding Adults - 3 Years|' }),
    ].join('\n');
    const { job } = await runJob(csv);
    expect(job.state).toBe('failed_validation');
    const report = await call(`${jobsUrl()}/${job.id}/errors`, { key: issuer.a.keys.issuer });
    const errors = report.body['errors'] as { row: number; column: string | null; code: string }[];
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'Expiry Date', 'expiry_inconsistent'],
      [3, 'Competence Name', 'competence_unknown'],
      [4, 'Competence Name', 'level_missing'],
    ]);
  });
});

describe('SD-JWT VC', () => {
  it('checks before issuing that each holder key can be found (did:key or did:jwk), then issues', async () => {
    const rows = (did3: string): string => trainingCsv(3, (i) => trainingRow(3000 + i, { did: i === 2 ? did3 : holder }));
    const { job: refused } = await runJob(rows('did:example:no-key'), 'kind=training-compliance&format=dc%2Bsd-jwt');
    expect(refused).toMatchObject({ state: 'failed_validation', errors: 1, issued: 0 });
    const report = await call(`${jobsUrl()}/${refused.id}/errors`, { key: issuer.a.keys.issuer });
    expect((report.body['errors'] as { row: number; column: string }[]).map((e) => [e.row, e.column])).toEqual([[4, 'Holder DID']]);
    const { job } = await runJob(rows(holder), 'kind=training-compliance&format=dc%2Bsd-jwt');
    expect(job).toMatchObject({ state: 'completed', issued: 3 });
    const formats = (await issuer.ctx.db.query('SELECT DISTINCT format FROM sp_issued_credentials WHERE job_id = ?', [job.id])) as { format: string }[];
    expect(formats).toEqual([{ format: 'dc+sd-jwt' }]);
  });
});

describe('JSON lines', () => {
  it('issues each {credential, options} line; a line repeated is one credential', async () => {
    const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify({ credential: trainingCredential(holder, { completedOn: daysAgo(i) }) }));
    lines.push(lines[3]!);
    const { job } = await runJob(`${lines.join('\n')}\n`, 'format=vc%2Bjwt', 'application/x-ndjson');
    expect(job).toMatchObject({ state: 'completed', total: 21, issued: 20, duplicates: 1, errors: 0 });
  });

  it('reports a bad line by line number and field', async () => {
    const good = JSON.stringify({ credential: trainingCredential(holder) });
    const { job } = await runJob([good, JSON.stringify({ credential: { ...trainingCredential(holder), id: 'not a URL' } }), '{not json', good].join('\n'), 'kind=jsonl', 'application/x-ndjson');
    expect(job).toMatchObject({ state: 'failed_validation', errors: 2 });
    const report = await call(`${jobsUrl()}/${job.id}/errors`, { key: issuer.a.keys.issuer });
    expect((report.body['errors'] as { row: number; column: string | null; code: string }[]).map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'credential.id', 'ERR_VCDM_ID_INVALID'],
      [3, null, 'json_malformed'],
    ]);
  });
});

describe('an ESR assignment export', () => {
  it('issues EmploymentAssignment credentials, ESR words looked up as codes', async () => {
    const header = 'Employee Number,Assignment Number,Holder DID,Position Title,Staff Group,Job Role,Occupation Code,Pay Band,Assignment Category,FTE,Assignment Start Date,Assignment End Date';
    const rows = Array.from({ length: 5 }, (_, i) =>
      [`2345678${i}`, `2345678${i}-1`, `did:example:nurse-${i}`, '"Staff Nurse, AMU"', 'Nursing and Midwifery Registered', 'Staff Nurse', 'N1A', 'Band 5', i === 4 ? 'Fixed Term Temp' : 'Permanent', '0.8', '05-Oct-2026', i === 4 ? '04-Oct-2027' : ''].join(','),
    );
    const { job } = await runJob([header, ...rows].join('\r\n'), 'kind=assignment');
    expect(job).toMatchObject({ state: 'completed', total: 5, issued: 5, errors: 0 });
    const issued = await credentialsOfJob(job.id);
    const subject = issued.map((c) => payloadOf(c.stored_credential)['credentialSubject'] as { id: string; assignment: Record<string, unknown> }).find((s) => s.id === 'did:example:nurse-4')!;
    expect(subject.assignment).toEqual({
      esrPersonNumber: '23456784',
      assignmentNumber: '23456784-1',
      employingOrganisation: { organisationName: 'Alpha Valley NHS Trust', odsCode: 'RZA' },
      positionTitle: 'Staff Nurse, AMU',
      staffGroup: '03',
      jobRole: 'Staff Nurse',
      occupationCode: 'N1A',
      payScheme: 'AfC',
      payBand: '5',
      assignmentCategory: 'fixed_term',
      fte: 0.8,
      startOn: '2026-10-05',
      endOn: '2027-10-04',
    });
  });
});

describe('a job is its organisation alone', () => {
  let jobId: string;
  beforeAll(async () => {
    const res = await upload(trainingCsv(3));
    jobId = (res.body as unknown as JobAnswer).id;
    await followJob(`${jobsUrl()}/${jobId}`, issuer.a.keys.issuer);
  });

  it('GET /jobs/{id} answers its own organisation, any role', async () => {
    for (const role of ['issuer', 'org-admin', 'auditor'] as const) {
      const res = await call(`${issuer.url}/jobs/${jobId}`, { key: issuer.a.keys[role] });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: jobId, orgId: issuer.a.org.id, state: 'completed' });
    }
  });

  it('another organisation gets 404, by either path', async () => {
    const byId = await call(`${issuer.url}/jobs/${jobId}`, { key: issuer.b.keys['org-admin'] });
    expect([byId.status, byId.body['code']]).toEqual([404, 'ERR_JOB_NOT_FOUND']);
    const own = await call(`${jobsUrl(issuer.b.org.id)}/${jobId}`, { key: issuer.b.keys['org-admin'] });
    expect([own.status, own.body['code']]).toEqual([404, 'ERR_JOB_NOT_FOUND']);
    const errors = await call(`${jobsUrl(issuer.b.org.id)}/${jobId}/errors`, { key: issuer.b.keys['org-admin'] });
    expect([errors.status, errors.body['code']]).toEqual([404, 'ERR_JOB_NOT_FOUND']);
    const theirs = await call(`${jobsUrl()}/${jobId}`, { key: issuer.b.keys['org-admin'] });
    expect([theirs.status, theirs.body['code']]).toEqual([404, 'ERR_ORG_NOT_FOUND']);
    const list = await call(jobsUrl(issuer.b.org.id), { key: issuer.b.keys.auditor });
    expect(list.body['jobs']).toEqual([]);
  });

  it('lists its jobs, newest first', async () => {
    const list = await call(`${jobsUrl()}?limit=2`, { key: issuer.a.keys.auditor });
    const jobs = list.body['jobs'] as JobAnswer[];
    expect(jobs).toHaveLength(2);
    expect(jobs[0]!.id).toBe(jobId);
  });

  it('unknown and malformed job ids are not found; no key is 401', async () => {
    for (const path of [`/jobs/job_${'0'.repeat(32)}`, '/jobs/nope', `/orgs/${issuer.a.org.id}/jobs/job_${'0'.repeat(32)}`]) {
      const res = await call(`${issuer.url}${path}`, { key: issuer.a.keys.issuer });
      expect([path, res.status, res.body['code']]).toEqual([path, 404, 'ERR_JOB_NOT_FOUND']);
    }
    expect((await call(`${issuer.url}/jobs/${jobId}`)).status).toBe(401);
  });
});

describe('bad uploads', () => {
  const csv = trainingCsv(2);
  it.each([
    ['an unknown kind', 400, 'ERR_REQUEST_INVALID', 'kind=payroll', 'text/csv', csv, 'kind'],
    ['no kind for a CSV', 400, 'ERR_REQUEST_INVALID', '', 'text/csv', csv, 'kind'],
    ['an unknown format', 400, 'ERR_FORMAT_UNSUPPORTED', 'kind=training-compliance&format=pdf', 'text/csv', csv, 'format'],
    ['a bad CSTF version', 400, 'ERR_REQUEST_INVALID', 'kind=training-compliance&cstfVersion=one', 'text/csv', csv, 'cstfVersion'],
    ['JSON for a CSV export', 415, 'ERR_UNSUPPORTED_MEDIA_TYPE', 'kind=training-compliance', 'application/json', '{}', 'content-type'],
    ['an empty file', 400, 'ERR_BULK_FILE_INVALID', 'kind=training-compliance', 'text/csv', '', 'body'],
    ['a header and no rows', 400, 'ERR_BULK_FILE_INVALID', 'kind=training-compliance', 'text/csv', `${TRAINING_HEADER}\r\n\r\n`, 'body'],
    ['a header missing a required column', 400, 'ERR_BULK_FILE_INVALID', 'kind=training-compliance', 'text/csv', 'Holder DID,Competence Name\ndid:example:1,NHS|CSTF|Fire Safety - 2 Years|\n', 'Date Last Awarded'],
    ['an assignment export without assignment columns', 400, 'ERR_BULK_FILE_INVALID', 'kind=assignment', 'text/csv', csv, 'Assignment Number'],
    ['a header with bad quoting', 400, 'ERR_BULK_FILE_INVALID', 'kind=training-compliance', 'text/csv', 'Holder "DID",x\n1,2\n', 'header'],
    ['blank JSON lines only', 400, 'ERR_BULK_FILE_INVALID', 'kind=jsonl', 'application/x-ndjson', '\n\n', 'body'],
  ])('%s: %i %s', async (_name, status, code, query, type, body, field) => {
    const res = await upload(body, query, type);
    expect([res.status, res.body['code'], res.body['field']]).toEqual([status, code, field]);
    expect(res.type).toMatch(/^application\/problem\+json/);
  });

  it('an auditor cannot upload; another organisation gets 404', async () => {
    expect((await upload(csv, undefined, undefined, issuer.a.keys.auditor)).status).toBe(403);
    const other = await upload(csv, undefined, undefined, issuer.b.keys.issuer);
    expect([other.status, other.body['code']]).toEqual([404, 'ERR_ORG_NOT_FOUND']);
  });

  it('a file over the size limit is 413, and nothing is kept', async () => {
    const small = await startJobIssuer({ maxUploadBytes: 4096 });
    try {
      const big = trainingCsv(200);
      // With a length the server refuses before reading; streamed without one it stops at the limit.
      const res = await call(`${small.url}/orgs/${small.a.org.id}/jobs?kind=training-compliance`, { key: small.a.keys.issuer, body: big, contentType: 'text/csv' });
      expect([res.status, res.body['code']]).toEqual([413, 'ERR_BODY_TOO_LARGE']);
      const streamed = await fetch(`${small.url}/orgs/${small.a.org.id}/jobs?kind=training-compliance`, {
        method: 'POST',
        headers: { authorization: `Bearer ${small.a.keys.issuer}`, 'content-type': 'text/csv' },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < 8; i++) controller.enqueue(new TextEncoder().encode(big.slice(i * 1000, (i + 1) * 1000)));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status).toBe(413);
      expect(((await streamed.json()) as { code: string }).code).toBe('ERR_BODY_TOO_LARGE');
      expect(await countUploads(small.ctx.db)).toBe(0);
      const jobs = (await small.ctx.db.query('SELECT COUNT(*) AS n FROM sp_jobs')) as { n: number }[];
      expect(jobs[0]!.n).toBe(0);
    } finally {
      await small.close();
    }
  });
});
