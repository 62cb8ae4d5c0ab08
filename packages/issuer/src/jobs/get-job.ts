import { PassportError } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import { findJobOrgId, listJobRows, loadJobRow } from '../store/job-store.js';
import { JOB_ID_PATTERN, jobFromRow, type BulkJob } from './job.js';

function notFound(): PassportError {
  return new PassportError('ERR_JOB_NOT_FOUND', 'no job with that id', { field: 'jobId' });
}

/**
 * A job of an organisation, with its progress. Another organisation's job is not found, exactly
 * as one that does not exist.
 *
 * @throws PassportError `ERR_JOB_NOT_FOUND`
 */
export async function getJob(ctx: IssuerContext, orgId: string, jobId: string): Promise<BulkJob> {
  const row = JOB_ID_PATTERN.test(jobId) ? await loadJobRow(ctx.db, jobId) : undefined;
  if (!row || row.org_id !== orgId) throw notFound();
  return jobFromRow(row, ctx.now());
}

/**
 * The organisation a job belongs to, for routes that name a job without its organisation
 * (`GET /jobs/{jobId}`): the caller is then checked against that organisation.
 *
 * @throws PassportError `ERR_JOB_NOT_FOUND`
 */
export async function findJobOrganisation(ctx: IssuerContext, jobId: string): Promise<string> {
  const orgId = JOB_ID_PATTERN.test(jobId) ? await findJobOrgId(ctx.db, jobId) : undefined;
  if (orgId === undefined) throw notFound();
  return orgId;
}

/**
 * An organisation's jobs, newest first.
 *
 * @throws PassportError `ERR_REQUEST_INVALID` (limit not 1 to 500).
 */
export async function listJobs(ctx: IssuerContext, orgId: string, options: { limit?: number } = {}): Promise<BulkJob[]> {
  const limit = options.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new PassportError('ERR_REQUEST_INVALID', 'limit must be 1 to 500', { field: 'limit' });
  const rows = await listJobRows(ctx.db, orgId, limit);
  const now = ctx.now();
  return rows.map((row) => jobFromRow(row, now));
}
