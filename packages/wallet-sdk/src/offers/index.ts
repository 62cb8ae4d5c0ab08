// Receiving credentials by OpenID4VCI 1.0 (pre-authorised code flow, and the authorization code flow
// where staff sign in at their organisation to collect). Runs in browsers.
export { acceptCredentialOffer } from './accept-credential-offer.js';
export type { AcceptCredentialOfferOptions } from './accept-credential-offer.js';
export { DEFAULT_FORMAT_PREFERENCE } from './offer-preview.js';
export type { AcceptOfferResult, OfferPreview, OfferedCredential, PendingCredential, TxCodeRequirement } from './offer-preview.js';
export { pollDeferred } from './poll-deferred.js';
export { readCredentialOffer } from './read-credential-offer.js';
export { rejectCredentialOffer } from './reject-credential-offer.js';
export type { CollectionRequest, CollectionResult, FinishCredentialCollectionOptions, StartCredentialCollectionOptions } from './collection-request.js';
export { finishCredentialCollection } from './finish-credential-collection.js';
export { startCredentialCollection } from './start-credential-collection.js';
