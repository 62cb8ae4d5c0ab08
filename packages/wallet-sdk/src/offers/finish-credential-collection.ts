import { PassportError, isObject } from '@staff-passport/core/browser';
import { httpRequest } from '../lib/http-request.js';
import type { WalletParts } from '../wallet-parts.js';
import type { CollectionRequest, CollectionResult, FinishCredentialCollectionOptions } from './collection-request.js';
import { readAccessToken, requestCredentials, type PlannedRequest } from './lib/request-credentials.js';

/**
 * Finishes a collection when the browser comes back from the sign-in: reads the authorization
 * response (OpenID4VCI 1.0, section 5.2; RFC 6749, 4.1.2) from the redirect URL, checks its
 * `state` is this request's (RFC 6749, 10.12) and its `iss` the authorisation server's (RFC 9207),
 * exchanges the code with the PKCE code verifier (section 6.1; RFC 7636, 4.5), then requests each
 * credential the token allows (section 8.2: by the `credential_identifiers` of the token
 * response's `authorization_details`, else by configuration id) with a key proof, binding them to
 * the holder key; stores them verified, notifies the issuer (section 11) and logs `received`.
 *
 * `access_denied` (section 5.2 refers to RFC 6749, 4.1.2.1: the organisation found nothing waiting
 * for the person who signed in, or they are not its staff, or they declined) and a token that
 * allows nothing are the outcome `nothing-waiting`, not errors.
 *
 * @example
 * const request = await startCredentialCollection(parts, offer, { clientId, redirectUri });
 * // ... the browser signs in and comes back to redirectUri?code=...&state=...
 * const result = await finishCredentialCollection(parts, request, location.href);
 * if (result.outcome === 'collected') show(result.credentials);
 * @throws PassportError `ERR_WALLET_OFFER_INVALID` (field `state` or `iss`) for an answer that is
 *   not this request's; `ERR_WALLET_ISSUER_ERROR` for any other error the issuer answers (its
 *   `error` as the field); `ERR_WALLET_KEY_NOT_FOUND` for an unknown `holder`.
 */
export async function finishCredentialCollection(parts: WalletParts, request: CollectionRequest, redirectUrl: string, options: FinishCredentialCollectionOptions = {}): Promise<CollectionResult> {
  const answer = readAuthorizationResponse(request, redirectUrl);
  const nothing = (message?: string): CollectionResult => ({
    outcome: 'nothing-waiting',
    credentialIssuer: request.credentialIssuer,
    ...(request.issuerName ? { issuerName: request.issuerName } : {}),
    ...(request.organisation ? { organisation: request.organisation } : {}),
    ...(message ? { message } : {}),
  });
  const error = answer.get('error');
  if (error === 'access_denied') return nothing(answer.get('error_description')?.slice(0, 300));
  if (error !== null) {
    const description = answer.get('error_description');
    throw new PassportError('ERR_WALLET_ISSUER_ERROR', `the authorization endpoint answered ${error}${description ? `: ${description.slice(0, 300)}` : ''}`, { field: error });
  }
  const code = answer.get('code');
  if (!code) throw new PassportError('ERR_WALLET_ISSUER_ERROR', 'the authorization response carries no code', { field: 'code' });

  const tokenAnswer = await httpRequest(parts.fetch, request.authorizationServerMetadata['token_endpoint'] as string, {
    form: { grant_type: 'authorization_code', code, code_verifier: request.codeVerifier, redirect_uri: request.redirectUri, client_id: request.clientId },
    errorCode: 'ERR_WALLET_ISSUER_ERROR',
    what: 'the token endpoint',
  });
  const token = readAccessToken(tokenAnswer);
  const details = isObject(tokenAnswer.body) ? tokenAnswer.body['authorization_details'] : undefined;
  const planned = Array.isArray(details) ? plannedFromDetails(request, details) : request.credentials.map((c) => ({ configurationId: c.configurationId, format: c.format }));
  if (planned.length === 0) return nothing();
  const result = await requestCredentials(parts, { ...request, token, clientId: request.clientId }, planned, { ...options, skipUnknown: !Array.isArray(details) });
  if (result.credentials.length === 0 && result.pending.length === 0) return nothing();
  return { outcome: 'collected', ...result };
}

/** The response's parameters, once its `state` and `iss` are checked. */
function readAuthorizationResponse(request: CollectionRequest, redirectUrl: string): URLSearchParams {
  let url: URL;
  try {
    url = new URL(redirectUrl);
  } catch {
    throw invalid('the sign-in did not come back to a URL', 'redirectUrl');
  }
  const params = url.searchParams;
  // RFC 6749, 10.12: an answer without our state is not to this request (a forged or stale one).
  if (params.get('state') !== request.state) throw invalid('the answer from the sign-in does not belong to this collection: start again', 'state');
  // RFC 9207, section 2.4: the answer must name the authorisation server the request went to.
  const iss = params.get('iss');
  const expected = request.authorizationServerMetadata['issuer'];
  if (iss !== null ? iss !== expected : request.authorizationServerMetadata['authorization_response_iss_parameter_supported'] === true) {
    throw invalid(`the answer from the sign-in names ${iss ?? 'no issuer'}, not ${String(expected)}`, 'iss');
  }
  return params;
}

/** Section 6.2: one request per credential identifier of each `openid_credential` entry the wallet asked for. */
function plannedFromDetails(request: CollectionRequest, details: unknown[]): PlannedRequest[] {
  const planned: PlannedRequest[] = [];
  for (const entry of details) {
    if (!isObject(entry) || entry['type'] !== 'openid_credential') continue;
    const asked = request.credentials.find((c) => c.configurationId === entry['credential_configuration_id']);
    const identifiers = Array.isArray(entry['credential_identifiers']) ? entry['credential_identifiers'].filter((i): i is string => typeof i === 'string') : [];
    if (!asked) continue;
    for (const credentialIdentifier of identifiers) planned.push({ configurationId: asked.configurationId, format: asked.format, credentialIdentifier });
  }
  return planned;
}

function invalid(message: string, field: string): PassportError {
  return new PassportError('ERR_WALLET_OFFER_INVALID', message, { field });
}
