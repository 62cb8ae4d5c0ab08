import { button, checkboxes, html, radios, selectField, table, tag, textInput, type FieldError } from '@staff-passport/web-kit';
import type { Response } from 'express';
import type { BulkJob } from '../../../jobs/job.js';
import type { ConsoleCaller } from '../../console-session.js';
import { fieldErrorOf, sendFormPage } from '../../lib/send-form-page.js';
import { csrfField } from '../../render-console-page.js';
import { formatCount, formatWhen } from '../../issue/lib/format-when.js';
import { JOB_KIND_TEXT, jobProgress } from './job-progress.js';
import { FILE_FIELD, type BulkUploadFields } from './receive-bulk-upload.js';

/** What the bulk upload page shows. */
export interface UploadPage {
  caller: ConsoleCaller;
  jobs: BulkJob[];
  /** Whether the caller may upload (issuers and organisation admins); others see the jobs only. */
  canUpload: boolean;
  fields?: BulkUploadFields;
  errors?: FieldError[];
}

const FORMATS = [
  { value: 'vc+jwt', text: 'VC JWT (VC Data Model 2.0)' },
  { value: 'dc+sd-jwt', text: 'SD-JWT VC (the person can share single fields)' },
  { value: 'jwt_vc_json', text: 'VC Data Model 1.1 JWT (older wallets)' },
  { value: 'ldp_vc', text: 'Data Integrity (JSON-LD)' },
];

function fileUpload(errors: readonly FieldError[]): ReturnType<typeof html> {
  const { error } = fieldErrorOf(errors, FILE_FIELD);
  const describedBy = ['file-hint', error ? 'file-error' : ''].filter(Boolean).join(' ');
  // The NHS.UK file upload markup without its script: the script's drop zone button gets an
  // accessible name that does not start with its visible text (axe: label-content-name-mismatch),
  // so the browser's own labelled file input is used.
  return html`<div class="nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}">
  <label class="nhsuk-label nhsuk-label--s" for="${FILE_FIELD}">Upload the file</label>
  <div class="nhsuk-hint" id="file-hint">A CSV file exported from ESR, or a JSON lines file (.jsonl).</div>
  ${error ? html`<span class="nhsuk-error-message" id="file-error"><span class="nhsuk-u-visually-hidden">Error:</span> ${error}</span>` : ''}
  <input class="nhsuk-file-upload__input" id="${FILE_FIELD}" name="${FILE_FIELD}" type="file" accept=".csv,.jsonl,.ndjson,.json,.txt,text/csv,application/x-ndjson" aria-describedby="${describedBy}">
</div>`;
}

function jobsTable(jobs: readonly BulkJob[]): ReturnType<typeof html> {
  if (jobs.length === 0) return html`<p>No files uploaded yet.</p>`;
  return table({
    caption: 'Recent uploads',
    captionHidden: true,
    head: ['Uploaded', 'File', 'Status', 'Rows', 'Issued', 'Row errors'],
    rows: jobs.map((job) => {
      const progress = jobProgress(job);
      return [
        html`<a href="/console/bulk/${job.id}">${formatWhen(job.createdAt)}</a>`,
        JOB_KIND_TEXT[job.kind],
        tag(progress.state.text, progress.state.colour),
        job.total === null ? 'Not known yet' : formatCount(job.total),
        formatCount(job.issued),
        formatCount(job.errors),
      ];
    }),
  });
}

/** The bulk upload page (`/console/bulk`): the upload form (400 with NHS.UK errors when it has problems) and recent uploads. */
export function sendUploadPage(res: Response, page: UploadPage): void {
  const { caller } = page;
  const errors = page.errors ?? [];
  const fields = page.fields ?? {};
  const form = page.canUpload
    ? html`<form method="post" action="/console/bulk" enctype="multipart/form-data" novalidate>
        ${csrfField(caller)}
        ${radios({
          id: 'kind',
          label: 'What is in the file?',
          choices: [
            { value: 'training-compliance', text: JOB_KIND_TEXT['training-compliance'], hint: 'A training record for each CSTF competence achieved. The file needs a Holder DID column.' },
            { value: 'assignment', text: JOB_KIND_TEXT.assignment, hint: 'An employment assignment for each row. The file needs a Holder DID column.' },
            { value: 'jsonl', text: JOB_KIND_TEXT.jsonl, hint: 'One issue request on each line, as the API takes them at POST /credentials/issue.' },
          ],
          ...(fields.kind ? { value: fields.kind } : {}),
          ...fieldErrorOf(errors, 'kind'),
        })}
        ${selectField({ id: 'format', label: 'Credential format', hint: 'A line of a JSON lines file may ask for its own.', choices: FORMATS, value: fields.format || 'vc+jwt', ...fieldErrorOf(errors, 'format') })}
        ${textInput({
          id: 'cstfVersion',
          label: 'CSTF version (optional)',
          hint: 'For training compliance exports: the Core Skills Training Framework version the training meets, for example 1.2.',
          widthClass: 'nhsuk-input--width-5',
          ...(fields.cstfVersion ? { value: fields.cstfVersion } : {}),
          ...fieldErrorOf(errors, 'cstfVersion'),
        })}
        ${checkboxes({
          id: 'cstfAligned',
          label: 'CSTF alignment (optional)',
          hint: 'For training compliance exports.',
          choices: [{ value: 'true', text: 'Our organisation has a CSTF Declaration of Alignment' }],
          ...(fields.cstfAligned === 'true' ? { value: ['true'] } : {}),
        })}
        ${fileUpload(errors)}
        ${button({ text: 'Upload file', id: 'upload-file' })}
      </form>`
    : html`<p>You can see uploads; uploading needs the issuer or organisation admin role.</p>`;
  sendFormPage(res, {
    title: 'Bulk upload',
    caller,
    section: 'bulk',
    errors,
    content: html`
      <h1 class="nhsuk-heading-l">Bulk upload</h1>
      <p>Issue credentials to many people at once from an ESR export or a file of issue requests. Every row is checked first: if any row has a problem, nothing is issued and you get a report of the rows to correct.</p>
      ${form}
      <h2 class="nhsuk-heading-m">Recent uploads</h2>
      ${jobsTable(page.jobs)}`,
  });
}
