import type { CredentialFormat } from '../issuing/secure-credential.js';

/** What a bulk file holds: an ESR training compliance export, an ESR assignment export, or issue requests as JSON lines. */
export const JOB_KINDS = ['training-compliance', 'assignment', 'jsonl'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/**
 * Where a job is: every row is validated first (`validating`); any row error stops it with the
 * report and nothing issued (`failed_validation`); otherwise it issues (`issuing`) until
 * `completed`, or `failed` when rows could not be issued (listed as row errors) or the job broke.
 */
export const JOB_STATES = ['validating', 'failed_validation', 'issuing', 'completed', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** Options of a job beyond kind and format (what an ESR export does not say). */
export interface JobOptions {
  /** TrainingRecord `frameworkVersion`: the CSTF version the training meets. */
  cstfVersion?: string;
  /** TrainingRecord `issuerAligned`: whether the organisation has a CSTF Declaration of Alignment. */
  cstfAligned?: boolean;
}

/** A bulk issuing job and its progress, as `GET /orgs/{orgId}/jobs/{jobId}` answers. */
export interface BulkJob {
  id: string;
  orgId: string;
  kind: JobKind;
  format: CredentialFormat;
  options: JobOptions;
  state: JobState;
  /** Data rows in the file (header and blank lines not counted); null until validation has read them all. */
  total: number | null;
  /** Rows validated so far. */
  validated: number;
  /** Rows finished while issuing: issued, duplicate, skipped or failed. */
  done: number;
  /** Credentials this job issued. */
  issued: number;
  /** Rows whose credential was issued before (same rows in an earlier job, or repeated in this file). */
  duplicates: number;
  /** Rows that carry no credential (an ESR competence not achieved, not a CSTF subject, or expired). */
  skipped: number;
  /** Row errors: every one found by validation, or the rows that could not be issued. */
  errors: number;
  /** Rows a second, over the current phase (since the job started or resumed). */
  ratePerSecond: number;
  /** Estimated seconds until issuing is done; null while the total is not known. */
  secondsLeft: number | null;
  /** SHA-256 of the uploaded file, hex. */
  fileSha256: string;
  fileBytes: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  /**
   * Why the job did not complete: `ERR_BULK_ROWS_INVALID` (row errors, listed at `.../errors`),
   * `ERR_BULK_FILE_INVALID`, or `ERR_INTERNAL` (upload the file again to finish: nothing is issued twice).
   */
  failure: { code: string; message: string } | null;
}

/** A row of `sp_jobs`. */
export interface JobRow {
  id: string;
  org_id: string;
  kind: JobKind;
  format: CredentialFormat;
  options: string;
  state: JobState;
  file_sha256: string;
  file_bytes: number;
  created_by: string;
  total: number | null;
  validated: number;
  done: number;
  issued: number;
  duplicates: number;
  skipped: number;
  failed_rows: number;
  error_count: number;
  committed_row: number;
  rate_done: number;
  rate_since: string | null;
  failure_code: string | null;
  failure_message: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

/** Job ids: `job_` and 128 random bits in hex. */
export const JOB_ID_PATTERN = /^job_[0-9a-f]{32}$/;

function rateOf(row: JobRow, now: Date): number {
  if (!row.rate_since) return 0;
  const end = row.completed_at ? Date.parse(row.completed_at) : now.getTime();
  const seconds = (end - Date.parse(row.rate_since)) / 1000;
  const rows = row.state === 'validating' ? row.validated : row.done - row.rate_done;
  return seconds > 0 ? Math.max(0, rows / seconds) : 0;
}

/** The API view of a job row, with its rate and the time left worked out at `now`. */
export function jobFromRow(row: JobRow, now: Date): BulkJob {
  const rate = rateOf(row, now);
  let secondsLeft: number | null = null;
  if (row.state === 'issuing' && row.total !== null) secondsLeft = rate > 0 ? Math.ceil((row.total - row.done) / rate) : null;
  else if (row.state !== 'validating') secondsLeft = 0;
  return {
    id: row.id,
    orgId: row.org_id,
    kind: row.kind,
    format: row.format,
    options: JSON.parse(row.options) as JobOptions,
    state: row.state,
    total: row.total,
    validated: row.validated,
    done: row.done,
    issued: row.issued,
    duplicates: row.duplicates,
    skipped: row.skipped,
    errors: row.error_count + row.failed_rows,
    ratePerSecond: Math.round(rate * 10) / 10,
    secondsLeft,
    fileSha256: row.file_sha256,
    fileBytes: row.file_bytes,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
    failure: row.failure_code ? { code: row.failure_code, message: row.failure_message ?? '' } : null,
  };
}
