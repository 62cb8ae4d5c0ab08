import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { PassportError } from '@staff-passport/core';
import type { Principal } from '../api-keys/authenticate-api-key.js';
import { appendAuditEvent } from '../audit/append-audit-event.js';
import type { IssuerContext } from '../issuer-context.js';
import { CREDENTIAL_FORMATS, type CredentialFormat } from '../issuing/secure-credential.js';
import type { Organisation } from '../organisations/organisation.js';
import { insertJob, loadJobRow } from '../store/job-store.js';
import { deleteUpload, insertUploadChunk, readUploadChunks } from '../store/job-upload-store.js';
import { JOB_KINDS, jobFromRow, type BulkJob, type JobKind, type JobOptions, type JobRow } from './job.js';
import { jobRunnerFor } from './job-runner.js';
import { rowEnvironmentOf } from './lib/bulk-row.js';
import { openBulkSource } from './lib/open-bulk-source.js';
import { receiveUpload } from './lib/receive-upload.js';

/** What a bulk upload is. */
export interface CreateJobInput {
  kind: JobKind;
  /** The format every row is issued in (a JSON line may name its own). Default `vc+jwt`. */
  format?: CredentialFormat;
  options?: JobOptions;
}

const VERSION = /^[0-9]+(\.[0-9]+){0,2}$/;

function checkInput(input: CreateJobInput): void {
  if (!(JOB_KINDS as readonly string[]).includes(input.kind)) {
    throw new PassportError('ERR_REQUEST_INVALID', `kind must be one of ${JOB_KINDS.join(', ')}`, { field: 'kind' });
  }
  if (input.format !== undefined && !CREDENTIAL_FORMATS.includes(input.format)) {
    throw new PassportError('ERR_FORMAT_UNSUPPORTED', `format must be one of ${CREDENTIAL_FORMATS.join(', ')}`, { field: 'format' });
  }
  const version = input.options?.cstfVersion;
  if (version !== undefined && !VERSION.test(version)) throw new PassportError('ERR_REQUEST_INVALID', 'cstfVersion must be a version such as 1.2', { field: 'cstfVersion' });
}

/**
 * Creates a bulk issuing job from an uploaded file: streams the body into the database in chunks
 * (hashed on the way, up to the size limit), where every instance can read it, checks the file's header and that it has rows, records the
 * job with a `job.create` audit event, and starts it in the background: every row is validated
 * first, and only a file with no row errors issues. Answers at once with the job (state
 * `validating`); poll {@link getJob} for progress.
 *
 * @example
 * const job = await createJob(ctx, org, principal, { kind: 'training-compliance' }, createReadStream('compliance.csv'));
 * @throws PassportError `ERR_REQUEST_INVALID` (kind, options, upload cut off), `ERR_FORMAT_UNSUPPORTED`, `ERR_BODY_TOO_LARGE`,
 *   `ERR_BULK_FILE_INVALID` (empty, no rows, header unreadable or missing a required column, named in `field`).
 */
export async function createJob(
  ctx: IssuerContext,
  org: Organisation,
  principal: Pick<Principal, 'keyId'>,
  input: CreateJobInput,
  body: Readable,
  upload: { contentLength?: number } = {},
): Promise<BulkJob> {
  checkInput(input);
  const runner = jobRunnerFor(ctx);
  const { maxUploadBytes } = runner.options;
  if (upload.contentLength !== undefined && upload.contentLength > maxUploadBytes) {
    throw new PassportError('ERR_BODY_TOO_LARGE', `the file is over the ${maxUploadBytes} byte limit`, { field: 'body' });
  }
  const format = input.format ?? 'vc+jwt';
  const options: JobOptions = input.options ?? {};
  const id = `job_${randomBytes(16).toString('hex')}`;
  const db = ctx.db;
  try {
    const received = await receiveUpload(body, { write: (chunkNo, data) => insertUploadChunk(db, id, chunkNo, data), discard: () => deleteUpload(db, id) }, maxUploadBytes);
    if (received.bytes === 0) throw new PassportError('ERR_BULK_FILE_INVALID', 'the file is empty', { field: 'body' });
    // The header and a first row now, so a wrong file is refused at once rather than as a failed job.
    const source = await openBulkSource(input.kind, readUploadChunks(db, id), rowEnvironmentOf(org, format, options, ctx.now()));
    const first = await source.rows.next();
    await source.close();
    if (first.done) throw new PassportError('ERR_BULK_FILE_INVALID', 'the file has a header but no rows', { field: 'body' });
    const now = ctx.now();
    const at = now.toISOString();
    const row = await runner.exclusive(async (tx) => {
      await insertJob(tx, {
        id,
        org_id: org.id,
        kind: input.kind,
        format,
        options: JSON.stringify(options),
        file_sha256: received.sha256,
        file_bytes: received.bytes,
        created_by: principal.keyId,
        created_at: at,
      });
      await appendAuditEvent(tx, {
        orgId: org.id,
        actor: principal.keyId,
        action: 'job.create',
        subject: id,
        detail: { kind: input.kind, format, bytes: received.bytes, sha256: received.sha256 },
        at: now,
      });
      return (await loadJobRow(tx, id)) as JobRow;
    });
    runner.start(id);
    return jobFromRow(row, now);
  } catch (err: unknown) {
    await deleteUpload(db, id);
    throw err;
  }
}
