import { PassportError } from '@staff-passport/core';
import { parseIssueRequest } from '../../issuing/issue-credential.js';
import type { MappedRow, RowEnvironment } from './bulk-row.js';

/**
 * Maps a line of a JSON lines file, `{credential, options?}` as `POST /credentials/issue` takes it,
 * to an issue request in the job's format unless the line names its own.
 */
export function mapJsonLine(value: unknown, env: RowEnvironment): MappedRow {
  try {
    const request = parseIssueRequest(value);
    return { request: { credential: request.credential, options: { ...request.options, format: request.options?.format ?? env.format } } };
  } catch (err: unknown) {
    if (!(err instanceof PassportError)) throw err;
    return { issues: [{ column: err.field ?? null, code: err.code, message: err.message }] };
  }
}
