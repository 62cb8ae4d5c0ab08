import { PassportError, authorisePrincipal } from '@staff-passport/core';
import type { Request, RequestHandler, Response } from 'express';
import type { VerifierPrincipal } from '../../auth/verifier-roles.js';
import type { VerifierCaller } from '../../http/verifier-caller.js';
import { getVerifierOrganisation } from '../../organisations/get-verifier-organisation.js';
import { scopeToOrganisation } from '../../organisations/scope-to-organisation.js';
import type { VerifierContext } from '../../verifier-context.js';
import { clearDeskSession, readDeskSession, type DeskSession } from './desk-session.js';

/** Signs a desk session's token in again (an API key, or the OpenID provider's access token for the session's organisation). */
export type DeskTokenCheck = (session: DeskSession, req: Request) => Promise<VerifierPrincipal>;

/**
 * The principal of the request's desk session, signed in again with its token (so revoked keys
 * and expired tokens end the session), or undefined when it has none.
 *
 * @throws PassportError the sign-in's codes when the token is no longer accepted.
 */
export async function deskPrincipalOf(ctx: VerifierContext, req: Request, check: DeskTokenCheck): Promise<VerifierPrincipal | undefined> {
  const session = readDeskSession(ctx, req);
  if (!session) return undefined;
  const principal = await check(session, req);
  if (principal.orgId !== session.orgId) throw new PassportError('ERR_AUTH_INVALID', 'the session does not match its sign-in', { field: 'authorization' });
  return principal;
}

/**
 * The desk pages' sign-in step: a checker's session, signed in again on every page; the page then
 * works with the context of the checker's organisation (`deskCallerOf(res).ctx`). No session, or
 * one no longer accepted, sends the browser to the sign-in page (back here afterwards).
 */
export function requireDeskSession(ctx: VerifierContext, check: DeskTokenCheck): RequestHandler {
  return async (req, res, next) => {
    let principal: VerifierPrincipal | undefined;
    try {
      principal = await deskPrincipalOf(ctx, req, check);
    } catch (err: unknown) {
      if (!(err instanceof PassportError) || err.code === 'ERR_OIDC_PROVIDER_UNAVAILABLE' || err.code === 'ERR_RATE_LIMITED') throw err;
      clearDeskSession(ctx, res);
      res.redirect(303, '/desk/sign-in?expired=1');
      return;
    }
    if (!principal) {
      // Back to the page after signing in; a form post is not repeated (its page is shown instead).
      res.redirect(303, req.method === 'GET' ? `/desk/sign-in?next=${encodeURIComponent(req.originalUrl)}` : '/desk/sign-in');
      return;
    }
    const org = await getVerifierOrganisation(ctx, principal.orgId);
    // The desk runs checks: a checker's. Other roles use the API (profiles, the audit log).
    authorisePrincipal(principal, org.id, ['checker']);
    const caller: VerifierCaller = { principal, org, ctx: scopeToOrganisation(ctx, org) };
    res.locals['desk'] = caller;
    next();
  };
}

/** The signed-in checker of a desk page, set by {@link requireDeskSession}. */
export function deskCallerOf(res: Response): VerifierCaller {
  const caller = res.locals['desk'] as VerifierCaller | undefined;
  if (!caller) throw new Error('requireDeskSession must run before this page');
  return caller;
}
