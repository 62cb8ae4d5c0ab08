import { backLink, html, summaryList, table, warningCallout, type SafeHtml } from '@staff-passport/web-kit';
import type { Response } from 'express';
import type { BulkJob } from '../../../jobs/job.js';
import type { JobErrorReport } from '../../../jobs/list-job-errors.js';
import type { ConsoleCaller } from '../../console-session.js';
import { sendConsolePage } from '../../render-console-page.js';
import { formatCount, formatWhen } from '../../issue/lib/format-when.js';
import type { RowDelivery } from '../../../collect/list-job-deliveries.js';
import { BULK_PROGRESS_SCRIPT_PATH } from './bulk-progress-script.js';
import { deliveryTable } from './delivery-table.js';
import { JOB_KIND_TEXT, jobProgress } from './job-progress.js';

/** Row errors on one page of the report. */
export const ERRORS_PER_PAGE = 50;

/** What the job page shows. */
export interface JobPage {
  caller: ConsoleCaller;
  job: BulkJob;
  /** The row errors (once the job has finished with some). */
  report?: JobErrorReport;
  /** The page of the row-error report, from 1. */
  page: number;
  /** How each row that named its person is reaching them (held offer, email, collected). */
  deliveries?: readonly RowDelivery[];
}

function pagination(jobId: string, page: number, pages: number): SafeHtml {
  if (pages <= 1) return html``;
  const href = (p: number): string => `/console/bulk/${jobId}?page=${p}#row-errors`;
  const rows = (p: number): string => `Row errors ${formatCount((p - 1) * ERRORS_PER_PAGE + 1)} to ${formatCount(p * ERRORS_PER_PAGE)}`;
  const arrowLeft = html`<svg class="nhsuk-icon nhsuk-icon--arrow-left" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true"><path d="M10.7 6.3c.4.4.4 1 0 1.4L7.4 11H19a1 1 0 0 1 0 2H7.4l3.3 3.3c.4.4.4 1 0 1.4a1 1 0 0 1-1.4 0l-5-5A1 1 0 0 1 4 12c0-.3.1-.5.3-.7l5-5a1 1 0 0 1 1.4 0Z"/></svg>`;
  const arrowRight = html`<svg class="nhsuk-icon nhsuk-icon--arrow-right" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true"><path d="m14.7 6.3 5 5c.2.2.3.4.3.7 0 .3-.1.5-.3.7l-5 5a1 1 0 0 1-1.4-1.4l3.3-3.3H5a1 1 0 0 1 0-2h11.6l-3.3-3.3a1 1 0 1 1 1.4-1.4Z"/></svg>`;
  return html`<nav class="nhsuk-pagination" role="navigation" aria-label="Pagination">
  <ul class="nhsuk-list nhsuk-pagination__list">
    ${page > 1 ? html`<li class="nhsuk-pagination-item--previous"><a class="nhsuk-pagination__link nhsuk-pagination__link--prev" href="${href(page - 1)}" rel="prev"><span class="nhsuk-pagination__title">Previous<span class="nhsuk-u-visually-hidden"> page</span></span><span class="nhsuk-u-visually-hidden">:</span><span class="nhsuk-pagination__page">${rows(page - 1)}</span>${arrowLeft}</a></li>` : ''}
    ${page < pages ? html`<li class="nhsuk-pagination-item--next"><a class="nhsuk-pagination__link nhsuk-pagination__link--next" href="${href(page + 1)}" rel="next"><span class="nhsuk-pagination__title">Next<span class="nhsuk-u-visually-hidden"> page</span></span><span class="nhsuk-u-visually-hidden">:</span><span class="nhsuk-pagination__page">${rows(page + 1)}</span>${arrowRight}</a></li>` : ''}
  </ul>
</nav>`;
}

function errorReport(job: BulkJob, report: JobErrorReport, page: number): SafeHtml {
  const pages = Math.max(1, Math.ceil(report.errors.length / ERRORS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const shown = report.errors.slice((current - 1) * ERRORS_PER_PAGE, current * ERRORS_PER_PAGE);
  const first = (current - 1) * ERRORS_PER_PAGE + 1;
  return html`<h2 class="nhsuk-heading-m" id="row-errors">Row errors</h2>
    <p>${formatCount(report.count)} ${report.count === 1 ? 'error' : 'errors'}${report.complete ? '' : html` (the first ${formatCount(report.errors.length)} are listed)`}. Row numbers are as a spreadsheet shows them: the header is row 1.</p>
    <p><a id="download-errors" href="/console/bulk/${job.id}/errors.csv" download>Download the error report (CSV)</a></p>
    ${table({
      caption: pages > 1 ? `Row errors ${formatCount(first)} to ${formatCount(first + shown.length - 1)} of ${formatCount(report.errors.length)}` : 'Row errors',
      captionHidden: pages <= 1,
      head: ['Row', 'Column', 'Problem'],
      rows: shown.map((e) => [formatCount(e.row), e.column ?? 'Whole row', e.message]),
    })}
    ${pagination(job.id, current, pages)}`;
}

function outcome(job: BulkJob, held: number): SafeHtml {
  const rows = [
    { key: 'Rows in the file', value: job.total === null ? 'Not known yet' : formatCount(job.total) },
    { key: 'Issued', value: formatCount(job.issued) },
    ...(held > 0 ? [{ key: 'Held for their person (issued when they collect)', value: formatCount(held) }] : []),
    { key: 'Already issued before', value: formatCount(job.duplicates) },
    { key: 'Skipped (no credential: not achieved, not a CSTF subject, or expired)', value: formatCount(job.skipped) },
    { key: 'Row errors', value: formatCount(job.errors) },
  ];
  const callout =
    job.state === 'failed_validation'
      ? warningCallout('Nothing was issued', 'Some rows have errors, listed below. Correct them and upload the whole file again.')
      : job.state === 'failed'
        ? warningCallout('The upload stopped', job.failure?.code === 'ERR_BULK_ROWS_INVALID' ? 'Some rows could not be issued, listed below.' : 'Upload the same file again to finish it: nothing is issued twice.')
        : html``;
  return html`<h2 class="nhsuk-heading-m">Result</h2>${callout}${summaryList(rows)}`;
}

/**
 * The page of one bulk upload (`/console/bulk/{jobId}`): a progress bar with its words in a
 * polite live region, kept moving by a same-origin script (a refresh link without JavaScript);
 * once finished, the counts, the delivery to staff of rows that named their person, and the
 * row-error report, paged, with its CSV download.
 */
export function sendJobPage(res: Response, page: JobPage): void {
  const { caller, job } = page;
  const progress = jobProgress(job);
  const bar =
    progress.max === null
      ? html`<progress id="job-progress" class="nhsuk-u-width-full" aria-labelledby="job-progress-label" aria-describedby="job-progress-text">${progress.text}</progress>`
      : html`<progress id="job-progress" class="nhsuk-u-width-full" max="${Math.max(progress.max, 1)}" value="${progress.value ?? 0}" aria-labelledby="job-progress-label" aria-describedby="job-progress-text">${progress.text}</progress>`;
  sendConsolePage(res, {
    title: 'Bulk upload progress',
    caller,
    section: 'bulk',
    scripts: progress.finished ? [] : [BULK_PROGRESS_SCRIPT_PATH],
    beforeContent: backLink('/console/bulk', 'Back to bulk upload'),
    content: html`<h1 class="nhsuk-heading-l"><span class="nhsuk-caption-l">Bulk upload<span class="nhsuk-u-visually-hidden"> - </span></span>${JOB_KIND_TEXT[job.kind]}</h1>
      ${summaryList([
        { key: 'Status', value: html`<strong id="job-state" class="nhsuk-tag nhsuk-tag--${progress.state.colour}">${progress.state.text}</strong>` },
        { key: 'Uploaded', value: formatWhen(job.createdAt) },
        { key: 'Uploaded by', value: job.createdBy },
        { key: 'File size', value: `${formatCount(job.fileBytes)} bytes` },
      ])}
      <div class="nhsuk-form-group" data-job-progress-url="/console/bulk/${job.id}/progress.json" data-job-finished="${progress.finished ? 'true' : 'false'}">
        <h2 class="nhsuk-heading-m" id="job-progress-label">Progress</h2>
        ${bar}
        <p class="nhsuk-body-l nhsuk-u-margin-top-2" id="job-progress-text" aria-live="polite">${progress.text}</p>
        ${progress.finished ? '' : html`<p><a href="/console/bulk/${job.id}">Refresh the progress</a></p>`}
      </div>
      ${progress.finished ? outcome(job, page.deliveries?.length ?? 0) : ''}
      ${deliveryTable(page.deliveries ?? [])}
      ${page.report && page.report.errors.length > 0 ? errorReport(job, page.report, page.page) : ''}`,
  });
}
