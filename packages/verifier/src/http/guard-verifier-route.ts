import { PassportError, authorisePrincipal } from '@staff-passport/core';
import type { Request, RequestHandler } from 'express';
import { authenticateVerifierPlatformKey } from '../auth/authenticate-verifier-key.js';
import type { VerifierPrincipal, VerifierRole } from '../auth/verifier-roles.js';
import { getVerifierOrganisation } from '../organisations/get-verifier-organisation.js';
import { scopeToOrganisation } from '../organisations/scope-to-organisation.js';
import type { VerifierContext } from '../verifier-context.js';
import type { VerifierCaller } from './verifier-caller.js';
import type { VerifierRoute } from './verifier-route.js';

/**
 * Signs a request's caller in: its bearer API key or token, or (for the desk's GETs) its desk
 * session; or, when `authorization` is given, that instead (a key typed on the desk's sign-in page,
 * a session's token), with the same failure count.
 */
export type VerifierAuthenticator = (req: Request, authorization?: string) => Promise<VerifierPrincipal>;

/**
 * Applies a route's `access` from the table: nothing for public routes (the desk's wallet-facing
 * protocol endpoints, did:web documents, the VC API); a platform administrator key for
 * `platform`; otherwise sign-in to an organisation with one of the roles listed. The caller's
 * organisation is the one signed in to, and the handler gets the context scoped to it
 * (`callerOf(res).ctx`), so another organisation's ids are not found.
 *
 * @example
 * const guard = (route: VerifierRoute) => guardVerifierRoute(ctx, authenticate, route);
 */
export function guardVerifierRoute(ctx: VerifierContext, authenticate: VerifierAuthenticator, route: VerifierRoute): RequestHandler | undefined {
  const access = route.access;
  if (access === 'public') return undefined;
  if (access === 'platform') {
    return async (req, res, next) => {
      res.locals['platformAdmin'] = await authenticateVerifierPlatformKey(ctx, req.get('authorization'));
      next();
    };
  }
  const roles = access as readonly VerifierRole[];
  return async (req, res, next) => {
    const principal = await authenticate(req);
    let org;
    try {
      org = await getVerifierOrganisation(ctx, principal.orgId);
    } catch (err: unknown) {
      // An organisation removed under a live key: the key no longer signs in.
      if (err instanceof PassportError && err.code === 'ERR_ORG_NOT_FOUND') throw new PassportError('ERR_AUTH_INVALID', 'the API key is not valid', { field: 'authorization' });
      throw err;
    }
    authorisePrincipal(principal, org.id, roles);
    const caller: VerifierCaller = { principal, org, ctx: scopeToOrganisation(ctx, org) };
    res.locals['caller'] = caller;
    next();
  };
}
