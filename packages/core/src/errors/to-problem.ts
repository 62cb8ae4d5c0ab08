import { httpStatusFor } from './error-codes.js';
import { PassportError, type FieldIssue } from './passport-error.js';

/** An RFC 9457 problem details document, with our stable code and the field at fault. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  field?: string;
  issues?: FieldIssue[];
  instance?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://w3id.org/staff-passport/errors#';

/**
 * Turns any thrown value into problem details. A {@link PassportError} keeps its code, field and
 * issues; anything else is an internal error whose message is never echoed.
 *
 * @example
 * res.status(p.status).type('application/problem+json').json(p) // where p = toProblem(err)
 */
export function toProblem(err: unknown): ProblemDetails {
  if (err instanceof PassportError) {
    const status = httpStatusFor(err.code);
    const internal = status >= 500;
    return {
      type: `${TYPE_BASE}${err.code}`,
      title: internal ? 'Internal error' : err.message,
      status,
      code: err.code,
      ...(err.field && !internal ? { field: err.field } : {}),
      ...(err.issues.length > 0 && !internal ? { issues: err.issues } : {}),
    };
  }
  return { type: `${TYPE_BASE}ERR_INTERNAL`, title: 'Internal error', status: 500, code: 'ERR_INTERNAL' };
}
