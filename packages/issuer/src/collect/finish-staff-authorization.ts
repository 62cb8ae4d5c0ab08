import { PassportError } from '@staff-passport/core';
import { finishOidcSignIn, type OidcCallbackQuery, type OidcSignInOptions } from '../console/sign-in/oidc-sign-in.js';
import type { IssuerContext } from '../issuer-context.js';
import { hashSecret } from '../oid4vci/lib/offer-store.js';
import { credentialIssuerIdFor } from '../oid4vci/oid4vci-settings.js';
import { createStaffCollectionStore } from '../store/staff-collection-store.js';
import { requirePersonClaim } from './lib/collection-settings.js';
import { collectionRequestIdFor, newBearerSecret, openCollectionRequest, redirectWith } from './lib/collection-request.js';
import type { AuthorizationRedirect } from './start-staff-authorization.js';
import { findWaitingCredentials } from './lib/waiting-offers.js';

function personNumberOf(claims: Record<string, unknown>, claim: string): string | undefined {
  const value = claims[claim];
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return typeof value === 'string' && value.trim().length > 0 && value.length <= 64 ? value.trim() : undefined;
}

/**
 * Where the organisation's provider sends the person back: finishes their sign-in (state, PKCE,
 * ID token checked as the console does), reads the configured claim of the ID token (never a
 * name), and sends the wallet an authorization code (once, short-lived, RFC 6749 4.1.2) when
 * credentials it asked for wait for that person, or `access_denied` when none do, when the
 * ID token lacks the claim, or when an `issuer_state` named an offer held for someone else.
 *
 * @example
 * const { location } = await finishStaffAuthorization(ctx, org.id, { code, state, iss }, options);
 * @throws PassportError `ERR_OIDC_SIGN_IN_FAILED` when the answer belongs to no request (the wallet is unknown, so it cannot be told).
 */
export async function finishStaffAuthorization(ctx: IssuerContext, orgId: string, query: OidcCallbackQuery, options: OidcSignInOptions): Promise<AuthorizationRedirect> {
  const store = createStaffCollectionStore(ctx.db);
  const row = query.state ? await store.findRequest(collectionRequestIdFor(query.state)) : undefined;
  if (!row || row.org_id !== orgId) throw new PassportError('ERR_OIDC_SIGN_IN_FAILED', 'the answer from the sign-in service belongs to no request: start again from your wallet', { field: 'state' });
  const { wallet, signIn } = openCollectionRequest(ctx, row);
  const back = (params: Record<string, string>): AuthorizationRedirect => ({
    location: redirectWith(wallet.redirectUri, { ...params, state: wallet.state, iss: credentialIssuerIdFor(ctx.publicUrl, orgId) }),
  });
  const denied = (description: string): AuthorizationRedirect => back({ error: 'access_denied', error_description: description });
  if (row.status !== 'signing_in' || row.expires_at <= ctx.now().toISOString()) return denied('the sign-in took too long or was used: start again');
  let personNumber: string | undefined;
  try {
    const { idToken } = await finishOidcSignIn(ctx, signIn, query, options);
    personNumber = personNumberOf(idToken, await requirePersonClaim(ctx, orgId));
  } catch (err: unknown) {
    if (!(err instanceof PassportError)) throw err;
    return denied(err.message);
  }
  if (personNumber === undefined) return denied('your sign-in does not say your person number: ask HR');
  const waiting = await findWaitingCredentials(ctx, orgId, personNumber, wallet.configurationIds, wallet.heldOfferId);
  if (waiting.length === 0) {
    return denied(wallet.heldOfferId ? 'this offer is not for the person who signed in, or has been collected' : 'no credentials are waiting for you here');
  }
  const code = newBearerSecret();
  if (!(await store.signIn(row.id, hashSecret(code), personNumber))) return denied('this sign-in was used already: start again');
  return back({ code });
}
