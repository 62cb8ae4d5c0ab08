import { PassportError, type ErrorCode } from '@staff-passport/core';
import type { VerifierContext } from '../verifier-context.js';
import { getVerifierOrganisation } from './get-verifier-organisation.js';
import { scopeToOrganisation } from './scope-to-organisation.js';

/**
 * The verifier's context acting for the organisation a presentation request belongs to: for the
 * routes a person's wallet calls with the request's id alone (no sign-in), which then see that
 * organisation's request and nothing else.
 *
 * @example
 * const orgCtx = await scopeToRequest(ctx, req.params['id'], 'ERR_VP_REQUEST_NOT_FOUND');
 * @throws PassportError `notFound` when no request has that id.
 */
export async function scopeToRequest(ctx: VerifierContext, requestId: string, notFound: ErrorCode): Promise<VerifierContext> {
  const orgId = await ctx.stores.organisations.findRequestOrg(requestId);
  if (orgId === undefined) throw new PassportError(notFound, 'no request with that id', { field: 'id' });
  return orgId === ctx.org.id ? ctx : scopeToOrganisation(ctx, await getVerifierOrganisation(ctx, orgId));
}
