import { PassportError } from '@staff-passport/core/browser';
import { httpRequest } from '../lib/http-request.js';
import type { WalletParts } from '../wallet-parts.js';
import { chooseConfigurations, readAccessToken, requestCredentials, type HolderKeyOptions } from './lib/request-credentials.js';
import type { AcceptOfferResult, OfferPreview } from './offer-preview.js';

const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

/** Options for {@link acceptCredentialOffer}. */
export interface AcceptCredentialOfferOptions extends HolderKeyOptions {
  /** The transaction code the holder was sent (required when the preview says so). */
  txCode?: string;
  /**
   * When the offer has one type in several formats, which to take, most preferred first
   * (default dc+sd-jwt, then jwt_vc_json, then ldp_vc).
   */
  formats?: readonly string[];
  /** Accept only these configuration ids (default every supported one on offer). */
  configurationIds?: readonly string[];
}

/**
 * Accepts a credential offer with the pre-authorised code flow (OpenID4VCI 1.0): the token
 * request with the `tx_code` (section 6.1), a fresh `c_nonce` from the nonce endpoint (section 7),
 * proof JWTs (`openid4vci-proof+jwt`, aud the issuer, appendix F.1) and one credential request per
 * offered type in the preferred format (section 8). Stores each credential, bound to the holder
 * key, sends `credential_accepted` (or `credential_failure`) to the notification endpoint, and
 * logs `received`. Deferred credentials come back in `pending`, for {@link pollDeferred}.
 * An offer with only the authorization code grant is collected by signing in instead
 * (`startCredentialCollection`).
 *
 * @example
 * const preview = await readCredentialOffer(parts, link);
 * const { credentials } = await acceptCredentialOffer(parts, preview, { txCode: '493536' });
 * @throws PassportError `ERR_REQUEST_INVALID` when a required tx code is missing;
 *   `ERR_WALLET_OFFER_INVALID` when nothing on offer can be held, or the offer has no pre-authorised
 *   code; `ERR_WALLET_KEY_NOT_FOUND` for an unknown `holder`; `ERR_WALLET_ISSUER_ERROR` for every
 *   error the issuer answers (its `error` as the field).
 */
export async function acceptCredentialOffer(parts: WalletParts, preview: OfferPreview, options: AcceptCredentialOfferOptions = {}): Promise<AcceptOfferResult> {
  if (preview.preAuthorizedCode === undefined) {
    throw new PassportError('ERR_WALLET_OFFER_INVALID', 'this offer is collected by signing in at the organisation (the authorization code flow)', { field: 'grants' });
  }
  if (preview.txCode && (options.txCode === undefined || options.txCode === '')) {
    throw new PassportError('ERR_REQUEST_INVALID', 'this offer needs the transaction code the holder was sent', { field: 'txCode' });
  }
  const chosen = chooseConfigurations(preview.credentials, options);
  const answer = await httpRequest(parts.fetch, preview.authorizationServerMetadata['token_endpoint'] as string, {
    form: { grant_type: PRE_AUTHORIZED_GRANT, 'pre-authorized_code': preview.preAuthorizedCode, tx_code: preview.txCode ? options.txCode : undefined },
    errorCode: 'ERR_WALLET_ISSUER_ERROR',
    what: 'the token endpoint',
  });
  const token = readAccessToken(answer);
  return requestCredentials(parts, { ...preview, token }, chosen, options);
}
