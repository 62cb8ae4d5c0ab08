/**
 * The HR console's bulk upload in Chromium (issue 8): the upload form and its errors, a CSV
 * uploaded through the form's labelled file input, the progress bar moving while the job issues
 * (held mid-way by the test, then let go) up to 100%, and a file with bad rows whose row-error
 * report is read from the page, and the delivery to staff of rows that name their person (emails
 * through a real SMTP server, one address refused). axe-core (WCAG 2.2 A and AA) on every state;
 * screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { issueCredential } from '../../../src/issuing/issue-credential.js';
import type { IssueRowFunction } from '../../../src/jobs/index.js';
import { runMailOutbox } from '../../../src/mail/run-mail-outbox.js';
import { expectNoAxeViolations, saveScreenshot } from '../../../../../test/helpers/page-browser.js';
import { startSmtpServer } from '../../mail/helpers/start-smtp-server.js';
import { exampleClaims } from '../helpers/example-claims.js';
import { trainingCsv, trainingRow } from '../../jobs/helpers/bulk-files.js';
import { startJobIssuer, type JobIssuer } from '../../jobs/helpers/start-job-issuer.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../helpers/open-console-browser.js';

let issuer: JobIssuer;
let hr: ConsoleBrowser;
let page: Page;

// Issuing waits until the test lets it go, so the page can be seen mid-way.
let release!: () => void;
const gate = new Promise<void>((resolve) => {
  release = resolve;
});
const heldIssueRow: IssueRowFunction = async (...args) => {
  await gate;
  return issueCredential(...args);
};

async function uploadFile(kind: string, name: string, content: string, mimeType = 'text/csv'): Promise<void> {
  await page.goto(`${issuer.url}/console/bulk`);
  await page.locator(`input[name="kind"][value="${kind}"]`).check();
  await page.locator('input[type="file"][name="file"]').setInputFiles({ name, mimeType, buffer: Buffer.from(content) });
  await page.locator('#upload-file').click();
  await page.waitForURL(/\/console\/bulk\/job_[0-9a-f]{32}$/);
}

beforeAll(async () => {
  issuer = await startJobIssuer({ issueRow: heldIssueRow });
  hr = await openConsoleBrowser({ issuer });
  page = hr.page;
});

afterAll(async () => {
  release();
  await hr?.close();
  await issuer?.close();
});

describe('bulk upload in the console', () => {
  it('the upload form, and its errors when submitted empty', async () => {
    await page.goto(`${issuer.url}/console/bulk`);
    await expect(page.title()).resolves.toBe('Bulk upload - Staff Passport HR console');
    await expectNoAxeViolations(page, 'the upload form');
    await saveScreenshot(page, 'console-bulk-1-upload-form');
    await page.locator('#upload-file').click();
    await page.waitForLoadState('load');
    await expect(page.title()).resolves.toBe('Error: Bulk upload - Staff Passport HR console');
    await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('Select a file to upload');
    await expectNoAxeViolations(page, 'the upload form with errors');
    await saveScreenshot(page, 'console-bulk-2-upload-errors');
  });

  it('a good file: the progress bar while issuing, then 100% and the counts', async () => {
    await uploadFile('training-compliance', 'compliance.csv', trainingCsv(6));
    await page.waitForFunction(() => document.getElementById('job-progress-text')?.textContent?.startsWith('0 of 6 rows') ?? false);
    await expect(page.locator('#job-state').innerText()).resolves.toBe('Issuing');
    await expect(page.locator('#job-progress').getAttribute('max')).resolves.toBe('6');
    await expect(page.locator('#job-progress-text').getAttribute('aria-live')).resolves.toBe('polite');
    await expectNoAxeViolations(page, 'a job issuing');
    await saveScreenshot(page, 'console-bulk-3-job-running');
    release();
    // The page's script moves the bar, then loads the page again once the job has finished.
    await page.waitForFunction(() => document.getElementById('job-state')?.textContent === 'Completed', undefined, { timeout: 60_000 });
    await page.waitForLoadState('load');
    await expect(page.locator('#job-progress-text').innerText()).resolves.toBe('6 of 6 rows (100%)');
    await expect(page.locator('#job-progress').getAttribute('value')).resolves.toBe('6');
    await expect(page.locator('.nhsuk-summary-list').last().innerText()).resolves.toMatch(/Issued\s+6/);
    await expectNoAxeViolations(page, 'a job completed');
    await saveScreenshot(page, 'console-bulk-4-job-completed');
  });

  it('a file with bad rows: nothing issued, the row-error report on the page and as CSV', async () => {
    const csv = trainingCsv(8, (i) => (i === 2 ? trainingRow(102, { did: 'not-a-did' }) : i === 5 ? trainingRow(105, { awarded: '31-Feb-2026' }) : trainingRow(100 + i)));
    await uploadFile('training-compliance', 'with-errors.csv', csv);
    await page.waitForSelector('#row-errors', { timeout: 60_000 });
    await expect(page.locator('#job-progress-text').innerText()).resolves.toBe('8 of 8 rows checked (100%)');
    await expect(page.locator('#job-state').innerText()).resolves.toBe('Not issued: rows have errors');
    const rows = await page.locator('table.nhsuk-table tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).slice(0, 2).map((td) => td.textContent)));
    expect(rows).toEqual([
      ['4', 'Holder DID'],
      ['7', 'Date Last Awarded'],
    ]);
    await expectNoAxeViolations(page, 'a job with row errors');
    await saveScreenshot(page, 'console-bulk-5-row-errors');
    const href = await page.locator('#download-errors').getAttribute('href');
    const report = await page.evaluate(async (url) => (await fetch(url!)).text(), href);
    expect(report.split('\r\n')[1]).toMatch(/^4,Holder DID,pattern,/);
  });

  it('the list of recent uploads, and no script errors on any page', async () => {
    await page.goto(`${issuer.url}/console/bulk`);
    await expect(page.locator('table.nhsuk-table tbody tr').count()).resolves.toBe(2);
    await expectNoAxeViolations(page, 'recent uploads');
    expect(hr.problems).toEqual([]);
  });

  it('rows that name their person: the delivery to staff per row, with a refused address and its reason', async () => {
    const line = (deliverTo: Record<string, string>): string =>
      JSON.stringify({ credential: { type: ['VerifiableCredential', 'TrainingRecord'], credentialSubject: exampleClaims('TrainingRecord') }, options: { format: 'dc+sd-jwt' }, deliverTo });
    await uploadFile('jsonl', 'people.jsonl', [line({ personNumber: '80000001', email: 'sent@alpha.test' }), line({ personNumber: '80000002', email: 'gone@bounce.test' })].join('\n'), 'application/x-ndjson');
    await page.waitForSelector('#deliveries', { timeout: 60_000 });
    const smtp = await startSmtpServer();
    try {
      expect(await runMailOutbox(issuer.ctx, { smtpUrl: smtp.url, from: 'passport@alpha.test' })).toEqual({ sent: 1, retrying: 0, failed: 1 });
    } finally {
      await smtp.close();
    }
    await page.reload();
    const rows = await page.locator('#deliveries ~ table.nhsuk-table tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.innerText.replace(/\s+/g, ' ').trim())));
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['1', '80000001', 'Waiting for the person'],
      ['2', '80000002', 'Waiting for the person'],
    ]);
    expect(rows[0]![3]).toBe('Sent sent@alpha.test');
    expect(rows[1]![3]).toMatch(/^Failed gone@bounce\.test .*550/);
    await expectNoAxeViolations(page, 'a job with its delivery to staff');
    await saveScreenshot(page, 'console-bulk-6-deliveries');
    expect(hr.problems).toEqual([]);
  });
});
