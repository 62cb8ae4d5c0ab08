// OpenID for Verifiable Credential Issuance 1.0 (pre-authorised code flow), per organisation.
export { buildAuthorizationServerMetadata, buildCredentialIssuerMetadata } from './build-issuer-metadata.js';
export { createOffer, hashTxCode, offerLinkFor, offerUriFor, parseCreateOfferInput, validateOfferedCredentials } from './create-offer.js';
export type { CreateOfferInput, CreatedOffer } from './create-offer.js';
export { exchangePreAuthorizedCode } from './exchange-pre-authorized-code.js';
export type { TokenResponse } from './exchange-pre-authorized-code.js';
export { consumeNonce, issueNonce } from './issue-nonce.js';
export type { CredentialResponseBody, HolderKey } from './lib/deliver-credentials.js';
export { OFFER_STATUSES } from './lib/offer-store.js';
export type { OfferStatus, OfferedCredential } from './lib/offer-store.js';
export { completeOffer, getCredentialOfferJson, getOffer, getOfferLink, listOffers, requireOffer, withdrawOffer } from './manage-offers.js';
export type { OfferDelivery, OfferEvent, OfferView } from './manage-offers.js';
export {
  FORMAT_LABELS,
  OFFER_FORMATS,
  OID4VCI_LIMITS,
  PRE_AUTHORIZED_CODE_GRANT,
  PROOF_JWT_TYP,
  configurationIdFor,
  credentialIssuerIdFor,
  listOfferableTypes,
  offerableTypes,
  oid4vciEndpointFor,
  parseConfigurationId,
  wellKnownUrlFor,
} from './oid4vci-settings.js';
export type { CredentialConfiguration, OfferFormat } from './oid4vci-settings.js';
export { NOTIFICATION_EVENTS, receiveNotification } from './receive-notification.js';
export type { NotificationEvent } from './receive-notification.js';
export { requestCredential } from './request-credential.js';
export type { CredentialEndpointResult, RequestCredentialOptions } from './request-credential.js';
export { requestDeferredCredential } from './request-deferred-credential.js';
export { toOauthError } from './to-oauth-error.js';
export type { OauthErrorAnswer, Oid4vciEndpoint } from './to-oauth-error.js';
export { verifyProofJwt } from './verify-proof-jwt.js';
export type { ProofKey, VerifyProofJwtOptions } from './verify-proof-jwt.js';
