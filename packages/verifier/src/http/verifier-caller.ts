import type { Response } from 'express';
import type { VerifierPlatformPrincipal } from '../auth/authenticate-verifier-key.js';
import type { VerifierPrincipal } from '../auth/verifier-roles.js';
import type { VerifierOrganisation } from '../organisations/verifier-organisation.js';
import type { VerifierContext } from '../verifier-context.js';

/** The signed-in caller of an organisation's route (`res.locals.caller`), set by the guard. */
export interface VerifierCaller {
  principal: VerifierPrincipal;
  org: VerifierOrganisation;
  /** The verifier's context acting for {@link VerifierCaller.org}: what the handler works with. */
  ctx: VerifierContext;
}

/**
 * The caller the guard signed in, for a route with roles.
 *
 * @example
 * const { ctx, principal } = callerOf(res);
 */
export function callerOf(res: Response): VerifierCaller {
  const caller = res.locals['caller'] as VerifierCaller | undefined;
  if (!caller) throw new Error('the route guard must run before this handler (a route with roles)');
  return caller;
}

/**
 * The platform administrator the guard signed in, for a `platform` route.
 *
 * @example
 * const { actor } = platformAdminOf(res);
 */
export function platformAdminOf(res: Response): VerifierPlatformPrincipal {
  const admin = res.locals['platformAdmin'] as VerifierPlatformPrincipal | undefined;
  if (!admin) throw new Error('the route guard must run before this handler (a platform route)');
  return admin;
}
