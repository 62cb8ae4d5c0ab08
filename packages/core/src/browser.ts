// The core exports that run in browsers (the wallet SDK's browser entry, the web wallet): errors,
// verification results, the JWS signer type, the SD-JWT code without node:crypto, the trust
// registry checks, the status check and the did:web helpers (HTTP and decompression injected).
// Nothing reached from here may import a Node module (checked by test/browser-entry.test.ts); the
// page kit's markup is in `@staff-passport/web-kit/browser`.
export { ERROR_STATUS, httpStatusFor, isErrorCode } from './errors/error-codes.js';
export type { ErrorCode } from './errors/error-codes.js';
export { PassportError } from './errors/passport-error.js';
export { decodeMultibaseBase58btc, encodeMultibaseBase58btc } from './data-integrity/multibase.js';
export type { FieldIssue, PassportErrorOptions } from './errors/passport-error.js';
export { SUPPORTED_ALGS, isSupportedAlg } from './jose/jws-signer.js';
export type { JwsSigner, SupportedAlg } from './jose/jws-signer.js';
export { CheckList, failedChecks } from './verification/verification-result.js';
export type { CheckOutcome, CredentialVerification, VerificationCheck } from './verification/verification-result.js';
export {
  SD_JWT_CHECKS,
  SD_JWT_VC_ENVELOPE_CLAIMS,
  SD_JWT_VC_TYP,
  SD_JWT_VC_TYPS,
  SD_JWT_VC_UNDISCLOSABLE_CLAIMS,
  decodeSdJwt,
  fromSdJwtVcClaims,
  issueSdJwt,
  issueSdJwtVc,
  presentSdJwt,
  toSdJwtVcClaims,
  verifySdJwt,
  verifySdJwtVc,
  webCryptoSaltGenerator,
  webCryptoSha256,
  webCryptoVerifySignature,
} from './sd-jwt/browser.js';
export type {
  DecodeSdJwtOptions,
  DecodedJwt,
  DecodedSdJwt,
  DisclosableClaim,
  Disclosure,
  Hasher,
  IssueSdJwtOptions,
  IssueSdJwtVcOptions,
  IssuerKeyRequest,
  IssuerKeyResolver,
  KeyBindingOptions,
  KeyBindingPolicy,
  PresentSdJwtOptions,
  PublicKeyInput,
  SaltGenerator,
  SdJwtVcCredentialView,
  SdJwtVcVerification,
  SdJwtVerification,
  SignatureVerifier,
  VerifySdJwtOptions,
  VerifySdJwtVcOptions,
} from './sd-jwt/browser.js';
// The trust registry checks a wallet runs to show who offers or asks (browser-safe files only).
export { checkVerifierAsks } from './trust/check-verifier-asks.js';
export type { CheckVerifierAsksOptions, VerifierAsksCheck } from './trust/check-verifier-asks.js';
export { findTrustedOrganisation } from './trust/find-trusted-organisation.js';
export { findUnregisteredAsks } from './trust/find-unregistered-asks.js';
export { verifyTrustRegistry } from './trust/verify-trust-registry.js';
export type { TrustRegistryVerification, VerifyTrustRegistryOptions } from './trust/verify-trust-registry.js';
export type { RegisteredAsk, RegisteredCredentialAsk, TrustRegistry, TrustRegistryEntry, TrustedOrganisation, UnregisteredAsk, VerifierCredentialAsk } from './trust/trust-registry-model.js';
export { isObject } from './lib/is-object.js';
// The status check (Bitstring and Token Status Lists) with the platform's fetch and decompression injected.
export { checkStatusEntries } from './status/check-status-entries.js';
export type { CheckStatusEntriesOptions, CredentialStatusResult, CredentialStatusState } from './status/check-status-entries.js';
export type { DecompressStatusList } from './status/decompress-status-list.js';
export { decompressWithStreams } from './status/decompress-with-streams.js';
export { StatusListCache } from './status/status-list-cache.js';
export type { StatusListFetcher, StatusListRequest, StatusListResponse } from './status/status-list-fetcher.js';
// did:web names and addresses (did:web method specification).
export { didWebFromUrl, didWebToUrl } from './did/did-web-url.js';
