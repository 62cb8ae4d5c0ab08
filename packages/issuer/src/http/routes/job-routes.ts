import { PassportError } from '@staff-passport/core';
import { jsonSchema as s } from '@staff-passport/web-kit';
import type { Request } from 'express';
import { CREDENTIAL_FORMATS, type CredentialFormat } from '../../issuing/secure-credential.js';
import { createJob, type CreateJobInput } from '../../jobs/create-job.js';
import { getJob, listJobs } from '../../jobs/get-job.js';
import { JOB_KINDS, type JobKind } from '../../jobs/job.js';
import { listJobErrors, renderJobErrorsCsv } from '../../jobs/list-job-errors.js';
import { ALL_ROLES, EXAMPLE, ISSUING_ROLES, PARAM, queryParameter, type IssuerRoute } from '../issuer-route.js';
import { callerOf, queryParam } from '../request-helpers.js';

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain'];
const JSON_LINES_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/jsonlines', 'application/x-jsonlines', 'text/plain'];

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

const job = s.ref('BulkJob');
const JOB_EXAMPLE = {
  id: EXAMPLE.jobId,
  orgId: EXAMPLE.orgId,
  kind: 'training-compliance',
  format: 'vc+jwt',
  options: { cstfVersion: '1.2', cstfAligned: false },
  state: 'issuing',
  total: 1200,
  validated: 1200,
  done: 480,
  issued: 470,
  duplicates: 10,
  skipped: 0,
  errors: 0,
  ratePerSecond: 160,
  secondsLeft: 5,
  fileSha256: '3b7e...c2',
  fileBytes: 183402,
  createdBy: EXAMPLE.keyId,
  createdAt: EXAMPLE.time,
  updatedAt: EXAMPLE.time,
  completedAt: null,
  failure: null,
};

/**
 * Bulk issuing jobs: upload an ESR-style CSV export or JSON lines (streamed into the database in chunks),
 * follow its progress, read its row errors (JSON or CSV). A job belongs to the organisation it was
 * uploaded to; any other organisation gets 404 for it.
 */
export const JOB_ROUTES: IssuerRoute[] = [
  {
    method: 'post',
    path: '/orgs/:orgId/jobs',
    tag: 'jobs',
    access: ISSUING_ROLES,
    summary:
      'Upload an ESR training compliance or assignment export (CSV with a Holder DID column) or JSON lines as a bulk issuing job: every row validated first, then issued; rows already issued are never issued again',
    params: [PARAM.orgId],
    query: [
      queryParameter('kind', 'training-compliance, assignment or jsonl (default jsonl for application/x-ndjson)', s.enum(JOB_KINDS), 'training-compliance'),
      queryParameter('format', `${CREDENTIAL_FORMATS.join(', ')} (default vc+jwt; a JSON line may name its own)`, s.enum(CREDENTIAL_FORMATS)),
      queryParameter('cstfVersion', 'training: the CSTF version met (default 1.2)', s.string(), '1.2'),
      queryParameter('cstfAligned', 'training: true when the organisation has a CSTF Declaration of Alignment (default false)', s.enum(['true', 'false'])),
    ],
    body: {
      contentType: 'text/csv',
      schema: s.string({ description: 'the file, streamed: text/csv for ESR exports, application/x-ndjson for JSON lines ({credential, options} a line); at most 2 GiB' }),
      example: 'Employee Number,Holder DID,Competence Name,Achievement Date,Expiry Date\n12345678,did:key:z6Mk...,NHS|CSTF|Fire Safety - 1 Year|,2026-02-20,2027-02-20\n',
      // Streamed into the database as it arrives, never parsed as JSON: the job checks each row.
      validation: 'handler',
    },
    responses: { 202: { description: 'the job (state validating); Location names it', schema: job, example: { ...JOB_EXAMPLE, state: 'validating', done: 0, issued: 0, duplicates: 0, validated: 0 } } },
    errors: [400, 401, 403, 404, 413, 415],
    handler: async ({ ctx }, req, res) => {
      const { org, principal } = callerOf(res);
      try {
        const input = jobInputOf(req);
        checkBody(req, input.kind);
        const length = req.get('content-length');
        const created = await createJob(ctx, org, principal, input, req, length !== undefined && /^\d+$/.test(length) ? { contentLength: Number(length) } : {});
        res.location(`/orgs/${org.id}/jobs/${created.id}`);
        res.status(202).json(created);
      } catch (err: unknown) {
        // Answered before the whole file was read (too large, wrong type): close the connection
        // after the answer instead of reading the rest of the upload.
        if (!req.readableEnded) res.setHeader('connection', 'close');
        throw err;
      }
    },
  },
  {
    method: 'get',
    path: '/orgs/:orgId/jobs',
    summary: "The organisation's bulk jobs, newest first",
    tag: 'jobs',
    access: ALL_ROLES,
    params: [PARAM.orgId],
    query: [queryParameter('limit', '1 to 500 (default 50)', s.string({ pattern: '^[0-9]{1,3}$' }), '50')],
    responses: { 200: { description: 'the jobs', schema: s.object({ jobs: s.array(job) }, ['jobs']), example: { jobs: [JOB_EXAMPLE] } } },
    errors: [400, 401, 403, 404],
    handler: async ({ ctx }, req, res) => {
      const limit = limitOf(req);
      res.json({ jobs: await listJobs(ctx, callerOf(res).org.id, limit === undefined ? {} : { limit }) });
    },
  },
  {
    method: 'get',
    path: '/orgs/:orgId/jobs/:jobId',
    summary: 'A bulk job and its progress (done, total, rate, time left)',
    tag: 'jobs',
    access: ALL_ROLES,
    params: [PARAM.orgId, PARAM.jobId],
    responses: { 200: { description: 'the job', schema: job, example: JOB_EXAMPLE } },
    errors: [401, 403, 404],
    handler: async ({ ctx }, req, res) => {
      res.json(await getJob(ctx, callerOf(res).org.id, req.params['jobId'] as string));
    },
  },
  {
    method: 'get',
    path: '/orgs/:orgId/jobs/:jobId/errors',
    summary: "A bulk job's row errors (row, column, code, message), JSON or CSV",
    tag: 'jobs',
    access: ALL_ROLES,
    params: [PARAM.orgId, PARAM.jobId],
    query: [queryParameter('format', 'json (default) or csv (also chosen by Accept: text/csv)', s.enum(['json', 'csv']), 'json')],
    responses: {
      200: {
        description: 'the row errors; text/csv with format=csv',
        schema: s.object(
          { jobId: s.string(), count: s.integer(), complete: s.boolean({ description: 'false while rows are still being checked' }), errors: s.array(s.anyObject('a row error: row, column, code, message')) },
          ['jobId', 'count', 'complete', 'errors'],
          { open: true },
        ),
        example: { jobId: EXAMPLE.jobId, count: 1, complete: true, errors: [{ row: 14, column: 'Holder DID', code: 'ERR_DID_INVALID', message: 'not a DID' }] },
      },
    },
    errors: [400, 401, 403, 404],
    handler: async ({ ctx }, req, res) => {
      const jobId = req.params['jobId'] as string;
      const format = queryParam(req, 'format');
      if (format !== undefined && format !== 'json' && format !== 'csv') throw new PassportError('ERR_REQUEST_INVALID', 'format must be json or csv', { field: 'format' });
      const report = await listJobErrors(ctx, callerOf(res).org.id, jobId);
      if (format === 'csv' || (format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv')) {
        res.type('text/csv; charset=utf-8').attachment(`${jobId}-errors.csv`).send(renderJobErrorsCsv(report));
        return;
      }
      res.json(report);
    },
  },
  {
    // The job by id alone: its organisation comes from the job, and the caller must belong to it (the guard).
    method: 'get',
    path: '/jobs/:jobId',
    summary: 'A bulk job by id alone, for a caller of its organisation',
    tag: 'jobs',
    access: ALL_ROLES,
    params: [PARAM.jobId],
    responses: { 200: { description: 'the job', schema: job, example: JOB_EXAMPLE } },
    errors: [401, 403, 404],
    handler: async ({ ctx }, req, res) => {
      res.json(await getJob(ctx, callerOf(res).org.id, req.params['jobId'] as string));
    },
  },
];

/**
 * Whether a request is a bulk upload, whose body is a streamed file (CSV or JSON lines) that the
 * app's JSON body parser must let through untouched.
 */
export function isJobUpload(req: { method: string; path: string }): boolean {
  return req.method === 'POST' && /^\/orgs\/[^/]+\/jobs\/?$/.test(req.path);
}
