// Shared wallet internals that run in browsers: DID resolution, JWT signing and verification,
// SD-JWT claim reading, HTTP exchanges and the trust registry lookup.
export { createTrustRegistryLookup } from './create-trust-registry-lookup.js';
export type { TrustRegistryLookupOptions } from './create-trust-registry-lookup.js';
export { findDidKey } from './find-did-key.js';
export { findOrganisationOf } from './find-organisation-of.js';
export type { FindDidKeyOptions } from './find-did-key.js';
export { httpRequest } from './http-request.js';
export type { HttpAnswer, HttpRequestOptions } from './http-request.js';
export { didWebUrl, resolveDid } from './resolve-did.js';
export type { ResolveDidOptions } from './resolve-did.js';
export type { DidDocument, DidVerificationMethod } from './did-document.js';
export { readSdJwtClaims } from './sd-jwt-claims.js';
export type { SdJwtClaims } from './sd-jwt-claims.js';
export { signJwt } from './sign-jwt.js';
export { verifyDidJwt } from './verify-did-jwt.js';
export type { VerifiedDidJwt, VerifyDidJwtOptions } from './verify-did-jwt.js';
