import { PassportError, isObject } from '@staff-passport/core/browser';
import { httpRequest } from '../lib/http-request.js';
import type { WalletParts } from '../wallet-parts.js';
import { issuerError } from './lib/issuer-error.js';
import { describeConfiguration, loadIssuer } from './lib/load-issuer.js';
import type { OfferPreview, TxCodeRequirement } from './offer-preview.js';

const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const AUTHORIZATION_CODE_GRANT = 'authorization_code';

/**
 * Reads a credential offer (OpenID4VCI 1.0, section 4.1): an `openid-credential-offer://` link, an
 * https link with the same query, or the text of its QR code, carrying `credential_offer` (by
 * value) or `credential_offer_uri` (fetched), with a pre-authorised code grant (for
 * `acceptCredentialOffer`) or an `authorization_code` grant (for `startCredentialCollection`: the
 * person signs in at the organisation). Then fetches the credential issuer metadata
 * (section 12.2.2, well-known segment before the path) and the authorisation server metadata
 * (RFC 8414), and looks the issuer up in the trust registry. Nothing is stored.
 *
 * @example
 * const preview = await readCredentialOffer(parts, scannedText);
 * preview.credentials.map((c) => c.name); preview.txCode?.length;
 * @throws PassportError `ERR_WALLET_OFFER_INVALID` for a malformed link, offer or metadata, or one
 *   with neither grant; `ERR_WALLET_ISSUER_ERROR` when the issuer answers an error.
 */
export async function readCredentialOffer(parts: WalletParts, text: string): Promise<OfferPreview> {
  const offer = await loadOffer(parts, text);
  const credentialIssuer = offer['credential_issuer'];
  if (typeof credentialIssuer !== 'string' || !/^https?:\/\//.test(credentialIssuer)) throw invalid('the offer has no http(s) credential_issuer', 'credential_issuer');
  const configurationIds = offer['credential_configuration_ids'];
  if (!Array.isArray(configurationIds) || configurationIds.length === 0 || !configurationIds.every((id) => typeof id === 'string')) {
    throw invalid('the offer lists no credential_configuration_ids', 'credential_configuration_ids');
  }
  const grants = isObject(offer['grants']) ? offer['grants'] : {};
  const preAuthorized = grants[PRE_AUTHORIZED_GRANT];
  const hasPreAuthorized = isObject(preAuthorized) && typeof preAuthorized['pre-authorized_code'] === 'string' && preAuthorized['pre-authorized_code'] !== '';
  const authorizationCode = grants[AUTHORIZATION_CODE_GRANT];
  if (!hasPreAuthorized && !isObject(authorizationCode)) {
    throw invalid('the offer has neither a pre-authorised code grant nor an authorization code grant', 'grants');
  }
  // Section 4.1.1: issuer_state binds the authorization request to this offer.
  const issuerState = isObject(authorizationCode) && typeof authorizationCode['issuer_state'] === 'string' ? authorizationCode['issuer_state'] : undefined;
  const grant = hasPreAuthorized ? preAuthorized : (authorizationCode as Record<string, unknown>);

  const issuer = await loadIssuer(parts, credentialIssuer, grant);
  const credentials = (configurationIds as string[]).map((id) => describeConfiguration(issuer.issuerMetadata, id));
  const txCode = hasPreAuthorized ? readTxCode(preAuthorized['tx_code']) : undefined;
  const expiresAt = readExpiry(offer);
  return {
    ...issuer,
    credentials,
    ...(txCode ? { txCode } : {}),
    ...(expiresAt ? { expiresAt } : {}),
    ...(hasPreAuthorized ? { preAuthorizedCode: preAuthorized['pre-authorized_code'] as string } : {}),
    ...(isObject(authorizationCode) ? { authorizationCode: issuerState === undefined ? {} : { issuerState } } : {}),
    offer,
  };
}

async function loadOffer(parts: WalletParts, text: string): Promise<Record<string, unknown>> {
  const trimmed = text.trim();
  let params: URLSearchParams;
  try {
    const url = new URL(trimmed);
    params = url.searchParams;
  } catch {
    throw invalid('the offer is not a link', 'offer');
  }
  const byValue = params.get('credential_offer');
  const byReference = params.get('credential_offer_uri');
  if ((byValue === null) === (byReference === null)) throw invalid('the link must carry exactly one of credential_offer and credential_offer_uri', 'offer');
  if (byValue !== null) {
    try {
      const parsed: unknown = JSON.parse(byValue);
      if (isObject(parsed)) return parsed;
    } catch {
      // reported below
    }
    throw invalid('credential_offer is not a JSON object', 'credential_offer');
  }
  if (!/^https:\/\/|^http:\/\/(127\.|localhost|\[::1\])/.test(byReference!)) throw invalid('credential_offer_uri must be https', 'credential_offer_uri');
  const answer = await httpRequest(parts.fetch, byReference!, { errorCode: 'ERR_WALLET_ISSUER_ERROR', what: 'the credential offer URI' });
  if (!answer.ok) throw issuerError(answer, 'the credential offer URI');
  if (!isObject(answer.body)) throw invalid('the credential offer URI did not answer a JSON object', 'credential_offer_uri');
  return answer.body;
}

function readTxCode(txCode: unknown): TxCodeRequirement | undefined {
  if (txCode === undefined) return undefined;
  if (!isObject(txCode)) throw invalid('tx_code is not an object', 'tx_code');
  const inputMode = txCode['input_mode'] === 'text' ? 'text' : 'numeric';
  const length = typeof txCode['length'] === 'number' && Number.isInteger(txCode['length']) && txCode['length'] > 0 ? txCode['length'] : undefined;
  const description = typeof txCode['description'] === 'string' ? txCode['description'].slice(0, 300) : undefined;
  return { inputMode, ...(length ? { length } : {}), ...(description ? { description } : {}) };
}

function readExpiry(offer: Record<string, unknown>): string | undefined {
  // Not in OpenID4VCI: an extension some issuers add; seconds since the epoch or ISO 8601.
  const value = offer['expires_at'] ?? offer['exp'];
  const date = typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

function invalid(message: string, field: string): PassportError {
  return new PassportError('ERR_WALLET_OFFER_INVALID', message, { field });
}
