import type { RequestHandler } from 'express';
import { PassportError } from '@staff-passport/core';
import { authenticateApiKey, authorise } from '../api-keys/authenticate-api-key.js';
import type { Role } from '../api-keys/create-api-key.js';
import type { Authenticator } from '../auth/create-authenticator.js';
import type { IssuerContext } from '../issuer-context.js';
import { getOrganisation } from '../organisations/get-organisation.js';
import { orgIdOf } from './request-helpers.js';

/**
 * Middleware for an organisation's routes: signs the caller in (API key or the organisation's
 * OIDC bearer token; another organisation's key gets the same 404 as an organisation that does not
 * exist, so no caller learns which organisations exist or what they hold), checks the caller has
 * one of the roles, and sets `res.locals.caller`.
 */
export function requireRole(ctx: IssuerContext, authenticate: Authenticator, roles: readonly Role[]): RequestHandler {
  return async (req, res, next) => {
    const orgId = orgIdOf(req);
    const principal = await authenticate(req, orgId);
    authorise(principal, orgId, roles);
    const org = await getOrganisation(ctx, orgId);
    res.locals['caller'] = { principal, org };
    next();
  };
}

/**
 * An authenticator that accepts API keys only (no OIDC, no rate limit): for tools and tests that
 * drive the API as a system would.
 */
export function apiKeyAuthenticator(ctx: IssuerContext): Authenticator {
  return async (req, orgId) => {
    const principal = await authenticateApiKey(ctx, req.headers.authorization);
    if (principal.orgId !== orgId) throw new PassportError('ERR_ORG_NOT_FOUND', 'no organisation with that id', { field: 'orgId' });
    return { ...principal, kind: 'api-key', roles: [principal.role] };
  };
}
