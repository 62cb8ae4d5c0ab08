/**
 * The HR console's bulk upload pages, server side (issue 8): the form's problems as NHS.UK errors
 * (400), a multipart upload streamed into the same `createJob` as `POST /orgs/{id}/jobs` (a few
 * MB, its SHA-256 recorded as the file's, not the form's), the job page's progress and its
 * row-error report (paged) with the CSV download.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { deliveryTable } from '../../../src/console/bulk/lib/delivery-table.js';
import { getJob, type BulkJob } from '../../../src/jobs/index.js';
import { runMailOutbox } from '../../../src/mail/run-mail-outbox.js';
import { trainingCsv, trainingRow } from '../../jobs/helpers/bulk-files.js';
import { startJobIssuer, type JobIssuer } from '../../jobs/helpers/start-job-issuer.js';
import { errorLinks, fetchPage, type PageAnswer } from '../helpers/console-client.js';
import { startSmtpServer } from '../../mail/helpers/start-smtp-server.js';
import { consoleSession, type TestConsoleSession } from '../helpers/console-cookie.js';
import { exampleClaims } from '../helpers/example-claims.js';

let issuer: JobIssuer;
let session: TestConsoleSession;

interface Page {
  status: number;
  text: string;
  location: string | null;
}

async function upload(fields: Record<string, string>, file?: { name: string; content: string; type?: string }, cookie = session.cookie): Promise<Page> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  form.set('file', file ? new Blob([file.content], { type: file.type ?? 'text/csv' }) : new Blob([]), file?.name ?? '');
  const res = await fetch(`${issuer.url}/console/bulk`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie } });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}

function get(path: string): Promise<PageAnswer> {
  return fetchPage(`${issuer.url}${path}`, { cookie: session.cookie });
}

async function finished(jobId: string): Promise<BulkJob> {
  for (;;) {
    const job = await getJob(issuer.ctx, issuer.a.org.id, jobId);
    if (['completed', 'failed', 'failed_validation'].includes(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function jobIdOf(page: Page): string {
  const id = /^\/console\/bulk\/(job_[0-9a-f]{32})$/.exec(page.location ?? '')?.[1];
  if (!id) throw new Error(`not a job page: ${page.status} ${page.location} ${page.text.slice(0, 500)}`);
  return id;
}

beforeAll(async () => {
  issuer = await startJobIssuer();
  session = consoleSession(issuer);
});

afterAll(async () => {
  await issuer.close();
});

describe('the upload form', () => {
  it('shows the form and the organisation’s recent uploads', async () => {
    const page = await get('/console/bulk');
    expect(page.status).toBe(200);
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toContain('id="file" name="file" type="file"');
    expect(page.text).toContain('No files uploaded yet.');
  });

  it('no file and no kind: 400 with the error summary linking to the fields', async () => {
    const page = await upload({ _csrf: session.csrf });
    expect(page.status).toBe(400);
    expect(page.text).toContain('<title>Error: Bulk upload');
    expect(errorLinks(page.text)).toEqual(['kind', 'file']);
    expect(page.text).toContain('Select a file to upload');
    expect(page.text).toContain('id="file-error"');
  });

  it('a file of the wrong type, an empty file, a header without the needed column: errors on the file, the choices kept', async () => {
    const wrong = await upload({ _csrf: session.csrf, kind: 'training-compliance' }, { name: 'export.pdf', content: '%PDF-1.4' });
    expect([wrong.status, errorLinks(wrong.text)]).toEqual([400, ['file']]);
    expect(wrong.text).toContain('The selected file must be a CSV');
    expect(wrong.text).toMatch(/value="training-compliance" checked/);

    const empty = await upload({ _csrf: session.csrf, kind: 'training-compliance' }, { name: 'export.csv', content: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('The selected file is empty');

    const header = await upload({ _csrf: session.csrf, kind: 'training-compliance' }, { name: 'export.csv', content: 'Employee Number,First Name\r\n1,Sam\r\n' });
    expect(header.status).toBe(400);
    expect(header.text).toContain('The selected file cannot be used: the header has no');

    const version = await upload({ _csrf: session.csrf, kind: 'training-compliance', cstfVersion: 'one' }, { name: 'export.csv', content: trainingCsv(2) });
    expect([version.status, errorLinks(version.text)]).toEqual([400, ['cstfVersion']]);

    const jsonl = await upload({ _csrf: session.csrf, kind: 'jsonl' }, { name: 'export.csv', content: '{}' });
    expect(jsonl.text).toContain('The selected file must be a JSON lines file (.jsonl)');
  });

  it('a file over the upload limit: an error on the file', async () => {
    const small = await startJobIssuer({ maxUploadBytes: 2048 });
    try {
      const own = consoleSession(small);
      const form = new FormData();
      form.set('_csrf', own.csrf);
      form.set('kind', 'training-compliance');
      form.set('file', new Blob([trainingCsv(100)], { type: 'text/csv' }), 'export.csv');
      const res = await fetch(`${small.url}/console/bulk`, { method: 'POST', body: form, headers: { cookie: own.cookie } });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('The selected file must be smaller than 2 KB');
    } finally {
      await small.close();
    }
  });

  it('refuses an upload without the CSRF token, and from an auditor', async () => {
    const forged = await upload({ kind: 'training-compliance' }, { name: 'export.csv', content: trainingCsv(2) });
    expect(forged.status).toBe(403);
    const auditor = consoleSession(issuer, { role: 'auditor' });
    const refused = await upload({ _csrf: auditor.csrf, kind: 'training-compliance' }, { name: 'export.csv', content: trainingCsv(2) }, auditor.cookie);
    expect(refused.status).toBe(403);
    const res = await fetch(`${issuer.url}/console/bulk`, { headers: { cookie: auditor.cookie } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('uploading needs the issuer or organisation admin role');
  });
});

describe('a job from the console', () => {
  it('issues a good file: the job page shows 100% and the counts', async () => {
    const csv = trainingCsv(5);
    const page = await upload({ _csrf: session.csrf, kind: 'training-compliance', format: 'jwt_vc_json', cstfVersion: '1.2', cstfAligned: 'true' }, { name: 'export.csv', content: csv });
    expect(page.status).toBe(303);
    const job = await finished(jobIdOf(page));
    expect(job).toMatchObject({ state: 'completed', kind: 'training-compliance', format: 'jwt_vc_json', options: { cstfVersion: '1.2', cstfAligned: true }, issued: 5, errors: 0, fileBytes: Buffer.byteLength(csv) });
    const view = await get(`/console/bulk/${job.id}`);
    expect(view.status).toBe(200);
    expect(view.text).toContain('5 of 5 rows (100%)');
    expect(view.text).toContain('id="job-state" class="nhsuk-tag nhsuk-tag--green">Completed<');
    expect(view.text).not.toContain('id="row-errors"');
    const progress = await get(`/console/bulk/${job.id}/progress.json`);
    expect(JSON.parse(progress.text)).toMatchObject({ jobState: 'completed', value: 5, max: 5, text: '5 of 5 rows (100%)', finished: true });
    expect((await get('/console/bulk')).text).toContain(`href="/console/bulk/${job.id}"`);
  });

  it('streams a file of a few MB into the job (its own SHA-256 recorded), and reports its row errors paged, with a CSV download', async () => {
    const csv = trainingCsv(20_000, (i) => trainingRow(i, { did: i % 2 === 0 ? 'not-a-did' : `did:example:staff-${i}` }));
    expect(Buffer.byteLength(csv)).toBeGreaterThan(2_500_000);
    const page = await upload({ _csrf: session.csrf, kind: 'training-compliance' }, { name: 'big-export.csv', content: csv });
    expect(page.status).toBe(303);
    const job = await finished(jobIdOf(page));
    expect(job).toMatchObject({ state: 'failed_validation', total: 20_000, errors: 10_000, issued: 0, fileBytes: Buffer.byteLength(csv), fileSha256: createHash('sha256').update(csv).digest('hex') });

    const first = await get(`/console/bulk/${job.id}`);
    expect(first.text).toContain('20,000 of 20,000 rows checked (100%)');
    expect(first.text).toContain('Nothing was issued');
    expect(first.text).toContain('10,000 errors');
    expect([...first.text.matchAll(/<tr class="nhsuk-table__row"><td/g)]).toHaveLength(50);
    expect(first.text).toContain('<td class="nhsuk-table__cell">2</td><td class="nhsuk-table__cell">Holder DID</td>');
    expect(first.text).toContain(`href="/console/bulk/${job.id}?page=2#row-errors"`);
    const second = await get(`/console/bulk/${job.id}?page=2`);
    expect(second.text).toContain('Row errors 51 to 100 of 10,000');
    expect(second.text).toContain('<td class="nhsuk-table__cell">102</td>');

    const report = await get(`/console/bulk/${job.id}/errors.csv`);
    expect(report.type).toBe('text/csv; charset=utf-8');
    const lines = report.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('row,column,code,message');
    expect(lines).toHaveLength(10_001);
  });

  it("another organisation's job is not found", async () => {
    const mine = await upload({ _csrf: session.csrf, kind: 'training-compliance' }, { name: 'export.csv', content: trainingCsv(1) });
    const b = consoleSession(issuer, { org: issuer.b });
    const res = await fetch(`${issuer.url}${mine.location!}`, { headers: { cookie: b.cookie } });
    expect(res.status).toBe(404);
    await finished(jobIdOf(mine));
  });
});

describe('delivery to staff (issue 19): rows that name their person', () => {
  const line = (deliverTo: Record<string, string>, claims: Record<string, unknown> = exampleClaims('TrainingRecord')): string =>
    JSON.stringify({ credential: { type: ['VerifiableCredential', 'TrainingRecord'], credentialSubject: claims }, options: { format: 'dc+sd-jwt' }, deliverTo });
  const cells = (text: string, row: number): string => {
    const match = new RegExp(`<tr class="nhsuk-table__row"><td class="nhsuk-table__cell">${row}</td>([\\s\\S]*?)</tr>`).exec(text.slice(text.indexOf('id="deliveries"')));
    if (!match) throw new Error(`no delivery row ${row}`);
    return match[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  };

  it('shows per row the credential waiting, the email queued, then sent or failed with the server’s answer, through a real SMTP server', async () => {
    const body = [line({ personNumber: '70000001', email: 'sent@alpha.test' }), line({ personNumber: '70000002', email: 'gone@bounce.test' }), line({ personNumber: '70000003' })].join('\n');
    const page = await upload({ _csrf: session.csrf, kind: 'jsonl' }, { name: 'people.jsonl', content: body, type: 'application/x-ndjson' });
    expect(page.status).toBe(303);
    const job = await finished(jobIdOf(page));
    expect(job).toMatchObject({ state: 'completed', issued: 0, errors: 0 });

    const queued = await get(`/console/bulk/${job.id}`);
    expect(queued.text).toContain('Delivery to staff');
    expect(queued.text).toContain('3 rows name their person');
    expect(queued.text).toMatch(/Held for their person \(issued when they collect\)<\/dt><dd class="nhsuk-summary-list__value">3</);
    expect(cells(queued.text, 1)).toBe('70000001 Waiting for the person Queued sent@alpha.test Not yet');
    expect(cells(queued.text, 3)).toBe('70000003 Waiting for the person No email address in the row Not yet');

    const smtp = await startSmtpServer();
    try {
      expect(await runMailOutbox(issuer.ctx, { smtpUrl: smtp.url, from: 'passport@alpha.test' })).toEqual({ sent: 1, retrying: 0, failed: 1 });
    } finally {
      await smtp.close();
    }
    const after = await get(`/console/bulk/${job.id}`);
    expect(cells(after.text, 1)).toBe('70000001 Waiting for the person Sent sent@alpha.test Not yet');
    expect(cells(after.text, 2)).toMatch(/^70000002 Waiting for the person Failed gone@bounce\.test .*550.* Not yet$/);
    expect(after.text).toContain('1 email failed');

    // A renewal of the same record for the same person replaces the uncollected offer.
    const renewal = await upload({ _csrf: session.csrf, kind: 'jsonl' }, { name: 'renewal.jsonl', content: line({ personNumber: '70000003' }), type: 'application/x-ndjson' });
    await finished(jobIdOf(renewal));
    expect(cells((await get(`/console/bulk/${job.id}`)).text, 3)).toBe('70000003 Replaced by a renewal No email address in the row No');

    // Auditors read it too.
    const auditor = consoleSession(issuer, { role: 'auditor' });
    expect((await fetchPage(`${issuer.url}/console/bulk/${job.id}`, { cookie: auditor.cookie })).text).toContain('id="deliveries"');
  });

  it('a job issued to holder DIDs has no delivery table; a collected row says so', async () => {
    const page = await upload({ _csrf: session.csrf, kind: 'training-compliance' }, { name: 'export.csv', content: trainingCsv(1) });
    const job = await finished(jobIdOf(page));
    expect((await get(`/console/bulk/${job.id}`)).text).not.toContain('id="deliveries"');
    const collected = String(deliveryTable([{ row: 4, personNumber: '1', offerId: 'offer_1', offerStatus: 'issued', email: { to: 'a@alpha.test', status: 'sent', attempts: 1, lastError: null } }]));
    expect(cells(collected, 4)).toBe('1 Issued Sent a@alpha.test Collected');
  });
});
