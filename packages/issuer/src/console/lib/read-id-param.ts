import { PassportError, type ErrorCode } from '@staff-passport/core';
import type { Request } from 'express';

/**
 * A route's id parameter when it has the shape of one (`job_...`, `off_...`, `urn:uuid:...`);
 * otherwise the not-found error the page's 404 is made from, naming the parameter, so a made-up
 * address never reaches the database.
 *
 * @throws PassportError `code` (a not-found code), field `name`, when the parameter is missing or not of that shape.
 * @example
 * const jobId = readIdParam(req, 'jobId', JOB_ID_PATTERN, 'ERR_JOB_NOT_FOUND', 'There is no bulk upload at this address.');
 */
export function readIdParam(req: Request, name: string, pattern: RegExp, code: ErrorCode, message: string): string {
  const id = req.params[name];
  if (typeof id !== 'string' || !pattern.test(id)) throw new PassportError(code, message, { field: name });
  return id;
}
