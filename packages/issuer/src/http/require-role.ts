import type { RequestHandler } from 'express';
import { PassportError } from '@staff-passport/core';
import { authenticateApiKey, authorise, type Principal } from '../api-keys/authenticate-api-key.js';
import type { Role } from '../api-keys/create-api-key.js';
import type { IssuerContext } from '../issuer-context.js';
import { getOrganisation } from '../organisations/get-organisation.js';
import { orgIdOf } from './request-helpers.js';

/** Finds who is calling for an organisation: an API key, or the organisation's OIDC bearer token. */
export type Authenticator = (authorization: string | undefined, orgId: string, remoteAddress: string | undefined) => Promise<Principal>;

/** The default authenticator: API keys only. */
export function apiKeyAuthenticator(ctx: IssuerContext): Authenticator {
  return (authorization) => authenticateApiKey(ctx, authorization);
}

/**
 * Middleware for an organisation's routes: authenticates the caller, checks the organisation in
 * the path exists and is the caller's, and that the caller has one of the roles; sets
 * `res.locals.caller`. Another organisation's id gets the same answer as one that does not exist
 * (404), so no caller learns which organisations exist or what they hold.
 */
export function requireRole(ctx: IssuerContext, authenticate: Authenticator, roles: readonly Role[]): RequestHandler {
  return async (req, res, next) => {
    const orgId = orgIdOf(req);
    const principal = await authenticate(req.get('authorization'), orgId, req.socket.remoteAddress);
    if (principal.orgId !== orgId) throw new PassportError('ERR_ORG_NOT_FOUND', 'no organisation with that id', { field: 'orgId' });
    authorise(principal, orgId, roles);
    const org = await getOrganisation(ctx, orgId);
    res.locals['caller'] = { principal, org };
    next();
  };
}
