import { PassportError } from '@staff-passport/core';
import type { Request, Response } from 'express';
import type { Principal } from '../api-keys/authenticate-api-key.js';
import type { Organisation } from '../organisations/organisation.js';

const ORG_ID = /^org_[0-9a-f]{16}$/;

/**
 * The `orgId` path parameter, checked for shape (a malformed id is simply not found).
 *
 * @throws PassportError `ERR_ORG_NOT_FOUND`
 */
export function orgIdOf(req: Pick<Request, 'params'>): string {
  const orgId = req.params['orgId'];
  if (typeof orgId !== 'string' || !ORG_ID.test(orgId)) throw new PassportError('ERR_ORG_NOT_FOUND', 'no organisation with that id', { field: 'orgId' });
  return orgId;
}

/** The authenticated principal and organisation, set by `requireRole`. */
export function callerOf(res: Response): { principal: Principal; org: Organisation } {
  return res.locals['caller'] as { principal: Principal; org: Organisation };
}

/**
 * A required string field of at most `max` characters.
 *
 * @throws PassportError `ERR_REQUEST_INVALID`
 */
export function stringField(body: Record<string, unknown>, field: string, max = 200): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw new PassportError('ERR_REQUEST_INVALID', `${field} must be text of 1 to ${max} characters`, { field });
  }
  return value;
}

/** An optional string field (see {@link stringField}). */
export function optionalStringField(body: Record<string, unknown>, field: string, max = 200): string | undefined {
  return body[field] === undefined ? undefined : stringField(body, field, max);
}

/**
 * A path parameter matching a pattern.
 *
 * @throws PassportError the `notFound` code given.
 */
export function pathParam(req: Pick<Request, 'params'>, name: string, pattern: RegExp, notFound: 'ERR_NOT_FOUND' | 'ERR_CREDENTIAL_NOT_FOUND' | 'ERR_JOB_NOT_FOUND' = 'ERR_NOT_FOUND'): string {
  const value = req.params[name];
  if (typeof value !== 'string' || !pattern.test(value)) throw new PassportError(notFound, `no ${name} like that`, { field: name });
  return value;
}

/** The value of a query parameter given at most once, or undefined. */
export function queryParam(req: Pick<Request, 'query'>, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new PassportError('ERR_REQUEST_INVALID', `${name} must be given once`, { field: name });
  return value;
}
