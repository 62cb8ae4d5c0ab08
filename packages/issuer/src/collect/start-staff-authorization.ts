import { PassportError, isObject } from '@staff-passport/core';
import { startOidcSignIn, type OidcSignInOptions } from '../console/sign-in/oidc-sign-in.js';
import type { IssuerContext } from '../issuer-context.js';
import { hashSecret } from '../oid4vci/lib/offer-store.js';
import { credentialIssuerIdFor, parseConfigurationId } from '../oid4vci/oid4vci-settings.js';
import { createStaffCollectionStore } from '../store/staff-collection-store.js';
import { COLLECTION_LIMITS, OPENID_CREDENTIAL, collectionCallbackFor, requirePersonClaim } from './lib/collection-settings.js';
import { collectionRequestIdFor, redirectWith, sealCollectionRequest, type WalletRequest } from './lib/collection-request.js';
import { checkRedirectUriShape, requireRegisteredRedirectUri } from './lib/wallet-redirect-uris.js';

function invalid(field: string, message: string): PassportError {
  return new PassportError('ERR_REQUEST_INVALID', message, { field });
}

function one(query: Record<string, unknown>, field: string, required: true): string;
function one(query: Record<string, unknown>, field: string, required: false): string | undefined;
function one(query: Record<string, unknown>, field: string, required: boolean): string | undefined {
  const value = query[field];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 4096) throw invalid(field, `${field} must be given once`);
  return value;
}

/** The configuration ids asked for: `authorization_details` of type `openid_credential` (5.1.1) or `scope` (5.1.2). */
function requestedConfigurations(query: Record<string, unknown>): { ids: string[]; byAuthorizationDetails: boolean } {
  const details = one(query, 'authorization_details', false);
  if (details !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(details);
    } catch {
      throw invalid('authorization_details', 'authorization_details must be a JSON array');
    }
    if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > 30) throw invalid('authorization_details', 'authorization_details must be a JSON array of 1 to 30 entries');
    const ids = parsed.map((entry, i) => {
      if (!isObject(entry) || entry['type'] !== OPENID_CREDENTIAL) throw invalid(`authorization_details[${i}].type`, `each entry must have type ${OPENID_CREDENTIAL}`);
      return parseConfigurationId(entry['credential_configuration_id']).id;
    });
    return { ids: [...new Set(ids)], byAuthorizationDetails: true };
  }
  const scope = one(query, 'scope', false);
  // OpenID4VCI 1.0, 5.1.2: scope values the issuer does not know are ignored.
  const ids = (scope ?? '').split(' ').flatMap((value) => {
    try {
      return [parseConfigurationId(value).id];
    } catch {
      return [];
    }
  });
  if (ids.length === 0) throw invalid('scope', 'ask for credentials with authorization_details (type openid_credential) or a scope naming a credential configuration');
  return { ids: [...new Set(ids)], byAuthorizationDetails: false };
}

/** Where to send the wallet's browser next. */
export interface AuthorizationRedirect {
  location: string;
}

/**
 * The authorization endpoint of the authorization code flow (OpenID4VCI 1.0, section 5; RFC 6749,
 * section 4.1.1): checks the wallet's request (response_type `code`, client_id, redirect_uri, PKCE
 * S256 challenge as RFC 7636 and section 5.1 require, a redirect_uri registered for the
 * organisation's wallets, `authorization_details` of type
 * `openid_credential` or `scope`, and an `issuer_state` from a held offer if given), keeps it, and
 * sends the person to sign in at the organisation's own OpenID provider. Errors before the
 * redirect URI is known are thrown (the endpoint answers them itself, RFC 6749, 4.1.2.1); later
 * ones go back to the wallet as `error`.
 *
 * @example
 * const { location } = await startStaffAuthorization(ctx, org.id, req.query, { allowHttpLoopback: false });
 * @throws PassportError `ERR_REQUEST_INVALID` (client_id, redirect_uri), `ERR_REDIRECT_URI_NOT_REGISTERED` (a redirect_uri the organisation did not register for its wallets).
 */
export async function startStaffAuthorization(ctx: IssuerContext, orgId: string, query: Record<string, unknown>, options: OidcSignInOptions): Promise<AuthorizationRedirect> {
  const clientId = one(query, 'client_id', true);
  if (clientId.length > 255) throw invalid('client_id', 'client_id is too long');
  const redirectUri = checkRedirectUriShape(one(query, 'redirect_uri', true), options.allowHttpLoopback ?? false);
  // Only to a redirect URI registered for the organisation's wallets: otherwise an error page, never a redirect (RFC 6749, 4.1.2.1).
  await requireRegisteredRedirectUri(ctx, orgId, redirectUri, options.allowHttpLoopback ?? false);
  const state = one(query, 'state', false);
  // RFC 9207, section 2: `iss` in every authorization response, error responses included.
  const back = (error: string, description: string): AuthorizationRedirect => ({
    location: redirectWith(redirectUri, { error, error_description: description, state, iss: credentialIssuerIdFor(ctx.publicUrl, orgId) }),
  });
  try {
    if (one(query, 'response_type', true) !== 'code') return back('unsupported_response_type', 'response_type must be code');
    const codeChallenge = one(query, 'code_challenge', true);
    if (!/^[A-Za-z0-9_-]{43}$/.test(codeChallenge) || one(query, 'code_challenge_method', true) !== 'S256') {
      throw invalid('code_challenge', 'PKCE is required: code_challenge with code_challenge_method S256');
    }
    const requested = requestedConfigurations(query);
    const issuerState = one(query, 'issuer_state', false);
    let heldOfferId: string | undefined;
    if (issuerState !== undefined) {
      const held = await createStaffCollectionStore(ctx.db).findHeldOfferByIssuerState(orgId, hashSecret(issuerState));
      if (!held) throw invalid('issuer_state', 'issuer_state is not one this issuer gave');
      heldOfferId = held.offer_id;
    }
    await requirePersonClaim(ctx, orgId);
    const { authorizationUrl, state: signIn } = await startOidcSignIn(ctx, { orgId, redirectUri: collectionCallbackFor(ctx.publicUrl, orgId) }, options);
    const wallet: WalletRequest = {
      clientId,
      redirectUri,
      codeChallenge,
      ...(state === undefined ? {} : { state }),
      configurationIds: requested.ids,
      byAuthorizationDetails: requested.byAuthorizationDetails,
      ...(heldOfferId === undefined ? {} : { heldOfferId }),
    };
    const id = collectionRequestIdFor(signIn.state);
    await createStaffCollectionStore(ctx.db).insertRequest({
      id,
      org_id: orgId,
      sealed: sealCollectionRequest(ctx, id, { wallet, signIn }),
      status: 'signing_in',
      code_hash: null,
      person_number: null,
      expires_at: new Date(ctx.now().getTime() + COLLECTION_LIMITS.requestSeconds * 1000).toISOString(),
    });
    return { location: authorizationUrl };
  } catch (err: unknown) {
    if (!(err instanceof PassportError)) throw err;
    const error = err.code === 'ERR_REQUEST_INVALID' || err.code === 'ERR_CREDENTIAL_CONFIGURATION_UNKNOWN' ? 'invalid_request' : err.code === 'ERR_OIDC_PROVIDER_UNAVAILABLE' ? 'temporarily_unavailable' : 'access_denied';
    return back(error, err.message);
  }
}
