import type { Readable } from 'node:stream';
import { PassportError } from '@staff-passport/core';
import { type FieldError } from '@staff-passport/web-kit';
import busboy from 'busboy';
import type { Request } from 'express';
import type { IssuerContext } from '../../../issuer-context.js';
import { CREDENTIAL_FORMATS, type CredentialFormat } from '../../../issuing/secure-credential.js';
import { createJob } from '../../../jobs/create-job.js';
import { JOB_KINDS, type BulkJob, type JobKind } from '../../../jobs/job.js';
import { checkCsrf, type ConsoleCaller } from '../../console-session.js';

/** The upload form's fields besides the file (shown again when the form has errors). */
export interface BulkUploadFields {
  kind?: string;
  format?: string;
  cstfVersion?: string;
  cstfAligned?: string;
}

/** What an upload came to: a job, or the form's errors. `closeConnection` when the rest of the upload was not read. */
export type BulkUploadOutcome = { job: BulkJob } | { errors: FieldError[]; fields: BulkUploadFields; closeConnection?: boolean };

/** The id (and name) of the file input. */
export const FILE_FIELD = 'file';

const EXTENSIONS: Readonly<Record<JobKind, readonly string[]>> = {
  'training-compliance': ['csv', 'txt'],
  assignment: ['csv', 'txt'],
  jsonl: ['jsonl', 'ndjson', 'json', 'txt'],
};

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? '' : filename.slice(dot + 1).toLowerCase();
}

function formFields(fields: Record<string, string>): BulkUploadFields {
  const out: BulkUploadFields = {};
  for (const name of ['kind', 'format', 'cstfVersion', 'cstfAligned'] as const) if (fields[name] !== undefined) out[name] = fields[name];
  return out;
}

function fieldErrors(fields: Record<string, string>, filename: string): FieldError[] {
  const errors: FieldError[] = [];
  const kind = fields['kind'];
  const known = kind !== undefined && (JOB_KINDS as readonly string[]).includes(kind);
  if (!known) errors.push({ field: 'kind', message: 'Select what is in the file' });
  if (fields['format'] !== undefined && fields['format'] !== '' && !CREDENTIAL_FORMATS.includes(fields['format'] as CredentialFormat)) {
    errors.push({ field: 'format', message: 'Select a credential format' });
  }
  if (filename === '') errors.push({ field: FILE_FIELD, message: 'Select a file to upload' });
  else if (known && !EXTENSIONS[kind as JobKind].includes(extensionOf(filename))) {
    errors.push({ field: FILE_FIELD, message: kind === 'jsonl' ? 'The selected file must be a JSON lines file (.jsonl)' : 'The selected file must be a CSV' });
  }
  return errors;
}

function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

// createJob's refusals, said on the form field they are about.
function errorOfJob(err: PassportError): FieldError | undefined {
  switch (err.code) {
    case 'ERR_BODY_TOO_LARGE': {
      const limit = /(\d+) byte/.exec(err.message)?.[1];
      return { field: FILE_FIELD, message: limit ? `The selected file must be smaller than ${formatBytes(Number(limit))}` : 'The selected file is too large' };
    }
    case 'ERR_BULK_FILE_INVALID':
      return { field: FILE_FIELD, message: err.message.startsWith('the file ') ? `The selected file ${err.message.slice('the file '.length)}` : `The selected file cannot be used: ${err.message}` };
    case 'ERR_FORMAT_UNSUPPORTED':
      return { field: 'format', message: 'Select a credential format' };
    case 'ERR_REQUEST_INVALID':
      if (err.field === 'cstfVersion') return { field: 'cstfVersion', message: 'CSTF version must be a version such as 1.2' };
      if (err.field === 'kind') return { field: 'kind', message: 'Select what is in the file' };
      return { field: FILE_FIELD, message: 'The file did not finish uploading. Try again' };
    default:
      return undefined;
  }
}

/**
 * Reads the console's bulk upload form (`multipart/form-data`: the CSRF token and the job's
 * options first, then the file) and streams the file straight into `createJob`, exactly as
 * `POST /orgs/{id}/jobs` does with its body: the file is never held in memory. Form problems (no
 * file, wrong type, empty, a missing column, too large) come back as field errors.
 *
 * @throws PassportError `ERR_FORBIDDEN` (the CSRF token is missing or wrong).
 */
export function receiveBulkUpload(ctx: IssuerContext, caller: ConsoleCaller, req: Request): Promise<BulkUploadOutcome> {
  return new Promise<BulkUploadOutcome>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 10, parts: 12, fieldSize: 1024, fieldNameSize: 64 } });
    } catch {
      // Not multipart (or no boundary): there is no file in it.
      req.resume();
      resolve({ errors: [{ field: FILE_FIELD, message: 'Select a file to upload' }], fields: {} });
      return;
    }
    let upload: Promise<BulkUploadOutcome> | undefined;
    let settled = false;
    const settle = (outcome: Promise<BulkUploadOutcome> | BulkUploadOutcome): void => {
      if (settled) return;
      settled = true;
      Promise.resolve(outcome).then(resolve, reject);
    };

    const receive = async (file: Readable, filename: string): Promise<BulkUploadOutcome> => {
      try {
        checkCsrf(caller, fields);
      } catch (err: unknown) {
        file.resume();
        throw err;
      }
      const errors = fieldErrors(fields, filename);
      if (errors.length > 0) {
        file.resume();
        return { errors, fields: formFields(fields) };
      }
      const aligned = fields['cstfAligned'];
      const version = fields['cstfVersion']?.trim();
      try {
        const job = await createJob(ctx, caller.org, caller.principal, {
          kind: fields['kind'] as JobKind,
          ...(fields['format'] ? { format: fields['format'] as CredentialFormat } : {}),
          options: { ...(version ? { cstfVersion: version } : {}), ...(aligned === 'true' ? { cstfAligned: true } : {}) },
        }, file);
        return { job };
      } catch (err: unknown) {
        const error = err instanceof PassportError ? errorOfJob(err) : undefined;
        if (!error) {
          file.resume();
          throw err;
        }
        if (err instanceof PassportError && err.code === 'ERR_BODY_TOO_LARGE') {
          // Answer now rather than read the rest of a file over the limit; the connection closes after the answer.
          req.unpipe(parser);
          settle({ errors: [error], fields: formFields(fields), closeConnection: true });
        }
        file.resume();
        return { errors: [error], fields: formFields(fields) };
      }
    };

    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, file, info) => {
      if (name !== FILE_FIELD || upload) {
        file.resume();
        return;
      }
      upload = receive(file, info.filename ?? '');
      // Keep a rejection handled until the form has been read to its end.
      upload.catch(() => undefined);
    });
    parser.on('close', () => {
      settle(upload ?? { errors: fieldErrors(fields, ''), fields: formFields(fields) });
    });
    parser.on('error', (err: unknown) => {
      req.unpipe(parser);
      req.resume();
      // A broken form: a file under way fails on its own (the upload did not complete).
      settle(upload ?? Promise.reject(new PassportError('ERR_REQUEST_INVALID', 'the form could not be read', { field: 'body', cause: err })));
    });
    req.pipe(parser);
  });
}
