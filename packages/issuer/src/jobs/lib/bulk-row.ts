import type { DeliverTo } from '../../collect/hold-offer-for-person.js';
import type { IssueRequest } from '../../issuing/issue-credential.js';
import type { CredentialFormat } from '../../issuing/secure-credential.js';
import type { Organisation } from '../../organisations/organisation.js';
import { DEFAULT_CSTF_FRAMEWORK_VERSION } from './esr-reference.js';

/** One problem with a row: the column (CSV header as written, or JSON path) and what is wrong. */
export interface RowIssue {
  column: string | null;
  /** A stable code: a schema keyword or rule code (`required`, `enum`, `level_not_in_framework`), a mapping code (`date_invalid`), or an error code. */
  code: string;
  message: string;
}

/** A row error as the job's report lists it. */
export interface RowError extends RowIssue {
  /** The row as a spreadsheet numbers it (CSV header is row 1), or the line number of a JSON lines file. */
  row: number;
}

/** Why a row carries no credential (counted, not an error). */
export type SkipReason = 'not_achieved' | 'not_cstf' | 'expired';

/** What a row asks for: an issue request (held for a named person with `deliverTo`), a reason to skip it, or its problems. */
export type MappedRow = { request: IssueRequest; deliverTo?: DeliverTo } | { skip: SkipReason } | { issues: RowIssue[] };

/** What mapping a row needs beyond the row: the organisation, the job's format and options, today. */
export interface RowEnvironment {
  org: Organisation;
  format: CredentialFormat;
  cstfVersion: string;
  cstfAligned: boolean;
  /** Today, YYYY-MM-DD (expired training is skipped). */
  today: string;
}

/** The environment rows of a job are mapped in. */
export function rowEnvironmentOf(org: Organisation, format: CredentialFormat, options: { cstfVersion?: string; cstfAligned?: boolean }, now: Date): RowEnvironment {
  return {
    org,
    format,
    cstfVersion: options.cstfVersion ?? DEFAULT_CSTF_FRAMEWORK_VERSION,
    cstfAligned: options.cstfAligned ?? false,
    today: now.toISOString().slice(0, 10),
  };
}
