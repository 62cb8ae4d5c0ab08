import type { IssuerContext } from '../issuer-context.js';
import { listRowErrors } from '../store/job-store.js';
import type { RowError } from './lib/bulk-row.js';
import { getJob } from './get-job.js';

/** A job's row error report. */
export interface JobErrorReport {
  jobId: string;
  /** Every row error found. */
  count: number;
  /** Whether `errors` lists them all (only the first 10,000 are kept). */
  complete: boolean;
  /** The errors kept, by row. */
  errors: RowError[];
}

/**
 * The row errors of a job: `{row, column, code, message}` in row order, where `row` is the row as
 * a spreadsheet numbers it (the CSV header is row 1) or the line of a JSON lines file, and
 * `column` the CSV header as the file writes it (or the JSON path of the field).
 *
 * @throws PassportError `ERR_JOB_NOT_FOUND`
 */
export async function listJobErrors(ctx: IssuerContext, orgId: string, jobId: string): Promise<JobErrorReport> {
  const job = await getJob(ctx, orgId, jobId);
  const errors = await listRowErrors(ctx.db, jobId);
  return {
    jobId,
    count: job.errors,
    complete: errors.length >= job.errors,
    errors,
  };
}

function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  // Quoted when needed (RFC 4180); a leading =, +, - or @ is prefixed so a spreadsheet shows text, not a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A row error report as CSV (`row,column,code,message`, CRLF line ends, RFC 4180). */
export function renderJobErrorsCsv(report: JobErrorReport): string {
  const lines = ['row,column,code,message', ...report.errors.map((e) => [e.row, e.column, e.code, e.message].map(csvField).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
