import { PassportError } from '@staff-passport/core';
import type { RequestHandler } from 'express';
import { authorise } from '../api-keys/authenticate-api-key.js';
import type { Role } from '../api-keys/create-api-key.js';
import { authenticatePlatformKey } from '../api-keys/platform-keys.js';
import { findJobOrganisation } from '../jobs/get-job.js';
import { JOB_ID_PATTERN } from '../jobs/job.js';
import { getOrganisation } from '../organisations/get-organisation.js';
import type { IssuerRoute, IssuerRouteDeps } from './issuer-route.js';
import { requireRole } from './require-role.js';

// A job by id alone: its organisation comes from the job, and the caller must belong to it; a
// caller of another organisation learns nothing (the job is simply not found).
function requireJobRole(deps: IssuerRouteDeps, roles: readonly Role[]): RequestHandler {
  return async (req, res, next) => {
    const jobId = req.params['jobId'];
    if (typeof jobId !== 'string' || !JOB_ID_PATTERN.test(jobId)) throw new PassportError('ERR_JOB_NOT_FOUND', 'no jobId like that', { field: 'jobId' });
    if (!req.get('authorization')) throw new PassportError('ERR_AUTH_MISSING', 'send an API key as Authorization: Bearer <key>', { field: 'authorization' });
    const orgId = await findJobOrganisation(deps.ctx, jobId);
    let principal;
    try {
      principal = await deps.authenticate(req, orgId);
    } catch (err: unknown) {
      if (err instanceof PassportError && err.code === 'ERR_ORG_NOT_FOUND') throw new PassportError('ERR_JOB_NOT_FOUND', 'no job with that id', { field: 'jobId' });
      throw err;
    }
    if (principal.orgId !== orgId) throw new PassportError('ERR_JOB_NOT_FOUND', 'no job with that id', { field: 'jobId' });
    authorise(principal, orgId, roles);
    res.locals['caller'] = { principal, org: await getOrganisation(deps.ctx, orgId) };
    next();
  };
}

/**
 * Applies a route's `access` from the table: nothing for public routes; a platform administrator
 * key for `platform` (the principal in `res.locals.platformAdmin`); otherwise sign-in to the
 * organisation in the path (API key or its OpenID provider's token) with one of the roles listed,
 * or, for a job named by id alone, to the job's organisation.
 */
export function guardIssuerRoute(deps: IssuerRouteDeps, route: IssuerRoute): RequestHandler | undefined {
  const access = route.access;
  if (access === 'public') return undefined;
  if (access === 'platform') {
    return async (req, res, next) => {
      res.locals['platformAdmin'] = await authenticatePlatformKey(deps.ctx, req.get('authorization'));
      next();
    };
  }
  if (route.path.startsWith('/orgs/:orgId')) return requireRole(deps.ctx, deps.authenticate, access);
  if (route.path.startsWith('/jobs/:jobId')) return requireJobRole(deps, access);
  throw new Error(`${route.method} ${route.path}: a route with roles must name its organisation (or job) in the path`);
}
