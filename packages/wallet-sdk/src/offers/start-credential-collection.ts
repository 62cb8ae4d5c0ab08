import { PassportError, isObject } from '@staff-passport/core/browser';
import { base64url } from 'jose';
import type { WalletParts } from '../wallet-parts.js';
import type { CollectionRequest, StartCredentialCollectionOptions } from './collection-request.js';
import { describeConfiguration, loadIssuer, type LoadedIssuer } from './lib/load-issuer.js';
import { chooseConfigurations } from './lib/request-credentials.js';
import type { OfferPreview, OfferedCredential } from './offer-preview.js';

/** At most this many credential configurations in one request (our issuer's limit, and a sane URL). */
const MAX_ASKED = 30;

function randomText(bytes: number): string {
  return base64url.encode(globalThis.crypto.getRandomValues(new Uint8Array(bytes)));
}

async function s256(verifier: string): Promise<string> {
  return base64url.encode(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/**
 * Starts collecting credentials with the authorization code flow (OpenID4VCI 1.0, section 3.4):
 * from an offer carrying the `authorization_code` grant (read by `readCredentialOffer`; its
 * `issuer_state` goes in the request, section 4.1.1), or wallet-initiated from the credential
 * issuer's identifier alone (its metadata says what it issues). Builds the authorization request
 * (section 5.1; RFC 6749, 4.1.1): PKCE with S256 (RFC 7636; section 5.1 requires it of public
 * clients), a fresh `state`, and the credentials asked for as `authorization_details` of type
 * `openid_credential` (5.1.1) or as `scope` (5.1.2). Nothing is stored: the app opens
 * `authorizationUrl` in the browser, keeps the returned request, and gives it, with the URL the
 * browser comes back to, to `finishCredentialCollection`.
 *
 * @example
 * const request = await startCredentialCollection(parts, 'https://issuer.example/orgs/rx1', { clientId: 'my-wallet', redirectUri: 'https://wallet.example/collected' });
 * location.assign(request.authorizationUrl);
 * @throws PassportError `ERR_WALLET_OFFER_INVALID` when the issuer has no authorization endpoint or
 *   supports no PKCE S256, nothing asked for is in a format this wallet holds, or the redirect URI
 *   is not absolute; `ERR_WALLET_ISSUER_ERROR` when the issuer's metadata cannot be fetched.
 */
export async function startCredentialCollection(parts: WalletParts, from: OfferPreview | string, options: StartCredentialCollectionOptions): Promise<CollectionRequest> {
  if (!/^[a-z][a-z0-9+.-]*:\/\/?[^#\s]+$/i.test(options.redirectUri)) throw invalid('the redirect URI must be absolute, without a fragment', 'redirectUri');
  if (options.clientId.length === 0) throw invalid('the wallet needs a client_id', 'clientId');
  let issuer: LoadedIssuer;
  let offered: OfferedCredential[];
  let issuerState: string | undefined;
  if (typeof from === 'string') {
    issuer = await loadIssuer(parts, from);
    const supported = isObject(issuer.issuerMetadata['credential_configurations_supported']) ? Object.keys(issuer.issuerMetadata['credential_configurations_supported']) : [];
    offered = supported.map((id) => describeConfiguration(issuer.issuerMetadata, id));
  } else {
    if (!from.authorizationCode) throw invalid('this offer has no authorization code grant: accept it with its pre-authorised code', 'grants');
    issuer = from;
    offered = from.credentials;
    issuerState = from.authorizationCode.issuerState;
  }
  const as = issuer.authorizationServerMetadata;
  if (typeof as['authorization_endpoint'] !== 'string') throw invalid('this issuer does not let staff collect by signing in (no authorization endpoint)', 'authorization_endpoint');
  const methods = as['code_challenge_methods_supported'];
  if (Array.isArray(methods) && !methods.includes('S256')) throw invalid('the issuer does not support PKCE with S256', 'code_challenge_methods_supported');
  const chosen = chooseConfigurations(offered, options).slice(0, MAX_ASKED);
  const by = options.by ?? 'authorization_details';

  const state = randomText(16);
  const codeVerifier = randomText(32);
  const url = new URL(as['authorization_endpoint']);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    state,
    code_challenge: await s256(codeVerifier),
    code_challenge_method: 'S256',
    ...(by === 'scope'
      ? { scope: chosen.map((c) => scopeOf(issuer.issuerMetadata, c.configurationId)).join(' ') }
      : { authorization_details: JSON.stringify(chosen.map((c) => ({ type: 'openid_credential', credential_configuration_id: c.configurationId }))) }),
    ...(issuerState === undefined ? {} : { issuer_state: issuerState }),
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return {
    authorizationUrl: url.href,
    state,
    codeVerifier,
    clientId: options.clientId,
    redirectUri: options.redirectUri,
    credentialIssuer: issuer.credentialIssuer,
    ...(issuer.issuerName ? { issuerName: issuer.issuerName } : {}),
    ...(issuer.organisation ? { organisation: issuer.organisation } : {}),
    credentials: chosen,
    by,
    issuerMetadata: issuer.issuerMetadata,
    authorizationServerMetadata: as,
    startedAt: parts.now().toISOString(),
  };
}

/** A configuration's `scope` (section 12.2.4), else its id (which our issuer takes as its scope). */
function scopeOf(metadata: Record<string, unknown>, configurationId: string): string {
  const supported = isObject(metadata['credential_configurations_supported']) ? metadata['credential_configurations_supported'] : {};
  const configuration = supported[configurationId];
  return isObject(configuration) && typeof configuration['scope'] === 'string' ? configuration['scope'] : configurationId;
}

function invalid(message: string, field: string): PassportError {
  return new PassportError('ERR_WALLET_OFFER_INVALID', message, { field });
}
