// Receiving credentials by OpenID4VCI 1.0 (pre-authorised code flow). Runs in browsers.
export { acceptCredentialOffer } from './accept-credential-offer.js';
export type { AcceptCredentialOfferOptions } from './accept-credential-offer.js';
export { DEFAULT_FORMAT_PREFERENCE } from './offer-preview.js';
export type { AcceptOfferResult, OfferPreview, OfferedCredential, PendingCredential, TxCodeRequirement } from './offer-preview.js';
export { pollDeferred } from './poll-deferred.js';
export { readCredentialOffer } from './read-credential-offer.js';
export { rejectCredentialOffer } from './reject-credential-offer.js';
