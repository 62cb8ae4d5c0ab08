import { PassportError } from '@staff-passport/core';
import type { Request, Router } from 'express';
import { authorise } from '../../api-keys/authenticate-api-key.js';
import type { IssuerContext } from '../../issuer-context.js';
import type { CredentialFormat } from '../../issuing/secure-credential.js';
import { createJob, type CreateJobInput } from '../../jobs/create-job.js';
import { findJobOrganisation, getJob, listJobs } from '../../jobs/get-job.js';
import { JOB_ID_PATTERN, JOB_KINDS, type JobKind } from '../../jobs/job.js';
import { listJobErrors, renderJobErrorsCsv } from '../../jobs/list-job-errors.js';
import type { Authenticator } from '../../auth/create-authenticator.js';
import { requireRole } from '../require-role.js';
import { callerOf, pathParam, queryParam } from '../request-helpers.js';

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain'];
const JSON_LINES_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/jsonlines', 'application/x-jsonlines', 'text/plain'];
const READ_ROLES = ['issuer', 'org-admin', 'auditor'] as const;

function jobInputOf(req: Request): CreateJobInput {
  let kind = queryParam(req, 'kind');
  // A JSON lines body says what it is; a CSV export must say which export it is.
  if (kind === undefined && req.is(JSON_LINES_TYPES.filter((t) => t !== 'text/plain'))) kind = 'jsonl';
  if (kind === undefined || !(JOB_KINDS as readonly string[]).includes(kind)) {
    throw new PassportError('ERR_REQUEST_INVALID', `kind must be one of ${JOB_KINDS.join(', ')}`, { field: 'kind' });
  }
  const format = queryParam(req, 'format');
  const cstfVersion = queryParam(req, 'cstfVersion');
  const aligned = queryParam(req, 'cstfAligned');
  if (aligned !== undefined && aligned !== 'true' && aligned !== 'false') throw new PassportError('ERR_REQUEST_INVALID', 'cstfAligned must be true or false', { field: 'cstfAligned' });
  return {
    kind: kind as JobKind,
    ...(format === undefined ? {} : { format: format as CredentialFormat }),
    options: { ...(cstfVersion === undefined ? {} : { cstfVersion }), ...(aligned === undefined ? {} : { cstfAligned: aligned === 'true' }) },
  };
}

function checkBody(req: Request, kind: JobKind): void {
  const types = kind === 'jsonl' ? JSON_LINES_TYPES : CSV_TYPES;
  if (!req.is(types)) {
    throw new PassportError('ERR_UNSUPPORTED_MEDIA_TYPE', `send the file as ${kind === 'jsonl' ? 'application/x-ndjson' : 'text/csv'}`, { field: 'content-type' });
  }
  const encoding = (req.get('content-encoding') ?? 'identity').toLowerCase();
  if (encoding !== 'identity') throw new PassportError('ERR_UNSUPPORTED_MEDIA_TYPE', 'send the file uncompressed', { field: 'content-encoding' });
  const charset = /charset=([^;\s]+)/i.exec(req.get('content-type') ?? '')?.[1]?.toLowerCase().replace(/^"|"$/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8' && charset !== 'us-ascii') {
    throw new PassportError('ERR_UNSUPPORTED_MEDIA_TYPE', 'send the file as UTF-8', { field: 'content-type' });
  }
}

function limitOf(req: Request): number | undefined {
  const limit = queryParam(req, 'limit');
  if (limit === undefined) return undefined;
  return /^\d{1,3}$/.test(limit) ? Number(limit) : -1;
}

/**
 * Bulk issuing jobs: upload an ESR-style CSV export or JSON lines (streamed to the data folder),
 * follow its progress, read its row errors (JSON or CSV). A job belongs to the organisation it was
 * uploaded to; any other organisation gets 404 for it.
 */
export function addJobRoutes(router: Router, ctx: IssuerContext, authenticate: Authenticator): void {
  const issuers = requireRole(ctx, authenticate, ['issuer', 'org-admin']);
  const readers = requireRole(ctx, authenticate, READ_ROLES);

  router.post('/orgs/:orgId/jobs', issuers, async (req, res) => {
    const { org, principal } = callerOf(res);
    try {
      const input = jobInputOf(req);
      checkBody(req, input.kind);
      const length = req.get('content-length');
      const job = await createJob(ctx, org, principal, input, req, length !== undefined && /^\d+$/.test(length) ? { contentLength: Number(length) } : {});
      res.location(`/orgs/${org.id}/jobs/${job.id}`);
      res.status(202).json(job);
    } catch (err: unknown) {
      // Answered before the whole file was read (too large, wrong type): close the connection
      // after the answer instead of reading the rest of the upload.
      if (!req.readableEnded) res.setHeader('connection', 'close');
      throw err;
    }
  });

  router.get('/orgs/:orgId/jobs', readers, async (req, res) => {
    const limit = limitOf(req);
    res.json({ jobs: await listJobs(ctx, callerOf(res).org.id, limit === undefined ? {} : { limit }) });
  });

  router.get('/orgs/:orgId/jobs/:jobId', readers, async (req, res) => {
    res.json(await getJob(ctx, callerOf(res).org.id, pathParam(req, 'jobId', JOB_ID_PATTERN, 'ERR_JOB_NOT_FOUND')));
  });

  router.get('/orgs/:orgId/jobs/:jobId/errors', readers, async (req, res) => {
    const jobId = pathParam(req, 'jobId', JOB_ID_PATTERN, 'ERR_JOB_NOT_FOUND');
    const format = queryParam(req, 'format');
    if (format !== undefined && format !== 'json' && format !== 'csv') throw new PassportError('ERR_REQUEST_INVALID', 'format must be json or csv', { field: 'format' });
    const report = await listJobErrors(ctx, callerOf(res).org.id, jobId);
    if (format === 'csv' || (format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv')) {
      res.type('text/csv; charset=utf-8').attachment(`${jobId}-errors.csv`).send(renderJobErrorsCsv(report));
      return;
    }
    res.json(report);
  });

  // The job by id alone: its organisation comes from the job, and the caller must belong to it.
  router.get('/jobs/:jobId', async (req, res) => {
    const jobId = pathParam(req, 'jobId', JOB_ID_PATTERN, 'ERR_JOB_NOT_FOUND');
    const authorization = req.get('authorization');
    if (!authorization) throw new PassportError('ERR_AUTH_MISSING', 'send an API key as Authorization: Bearer <key>', { field: 'authorization' });
    const orgId = await findJobOrganisation(ctx, jobId);
    let principal;
    try {
      principal = await authenticate(req, orgId);
    } catch (err: unknown) {
      // A caller of another organisation learns nothing: the job is simply not found.
      if (err instanceof PassportError && err.code === 'ERR_ORG_NOT_FOUND') throw new PassportError('ERR_JOB_NOT_FOUND', 'no job with that id', { field: 'jobId' });
      throw err;
    }
    if (principal.orgId !== orgId) throw new PassportError('ERR_JOB_NOT_FOUND', 'no job with that id', { field: 'jobId' });
    authorise(principal, orgId, READ_ROLES);
    res.json(await getJob(ctx, orgId, jobId));
  });
}

/**
 * Whether a request is a bulk upload, whose body is a streamed file (CSV or JSON lines) that the
 * app's JSON body parser must let through untouched.
 */
export function isJobUpload(req: { method: string; path: string }): boolean {
  return req.method === 'POST' && /^\/orgs\/[^/]+\/jobs\/?$/.test(req.path);
}
