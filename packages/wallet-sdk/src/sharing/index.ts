// Sharing credentials by OpenID4VP 1.0 (DCQL, or Presentation Exchange 2.0). Runs in browsers.
export { readPresentationRequest } from './read-presentation-request.js';
export type { ReadPresentationRequestOptions } from './read-presentation-request.js';
export { previewDisclosures } from './preview-disclosures.js';
export type { DisclosedClaim, DisclosurePreview } from './preview-disclosures.js';
export { refusePresentationRequest } from './refuse-presentation-request.js';
export { sharePresentation } from './share-presentation.js';
export type { ShareChoice, SharePresentationOptions, ShareResult } from './share-presentation.js';
export type { CandidateCredential, CredentialQueryPreview, PreviewClaim, SharePreview, VerifierRegistration } from './share-preview.js';
