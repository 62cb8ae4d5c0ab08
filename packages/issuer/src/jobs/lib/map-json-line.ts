import { PassportError, isObject } from '@staff-passport/core';
import { parseDeliverTo } from '../../collect/hold-bulk-row.js';
import { parseIssueRequest } from '../../issuing/issue-credential.js';
import type { MappedRow, RowEnvironment } from './bulk-row.js';

/**
 * Maps a line of a JSON lines file, `{credential, options?, deliverTo?}` (`POST /credentials/issue`'s body, and whom to hold it for),
 * to an issue request in the job's format unless the line names its own.
 */
export function mapJsonLine(value: unknown, env: RowEnvironment): MappedRow {
  try {
    // `deliverTo` beside {credential, options}: the credential is held for that person (issue 19).
    const { deliverTo, ...rest } = isObject(value) ? value : { deliverTo: undefined };
    const request = parseIssueRequest(isObject(value) ? rest : value);
    return {
      request: { credential: request.credential, options: { ...request.options, format: request.options?.format ?? env.format } },
      ...(deliverTo === undefined ? {} : { deliverTo: parseDeliverTo(deliverTo) }),
    };
  } catch (err: unknown) {
    if (!(err instanceof PassportError)) throw err;
    return { issues: [{ column: err.field ?? null, code: err.code, message: err.message }] };
  }
}
