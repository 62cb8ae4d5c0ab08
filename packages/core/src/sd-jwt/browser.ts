// The SD-JWT exports that run in browsers (the web wallet): index.ts less default-crypto.ts,
// which needs node:crypto. Pass a hasher and signature verifier, or take the WebCrypto defaults.
export { decodeSdJwt } from './decode-sd-jwt.js';
export type { DecodeSdJwtOptions, DecodedSdJwt } from './decode-sd-jwt.js';
export { fromSdJwtVcClaims } from './from-sd-jwt-vc-claims.js';
export type { SdJwtVcCredentialView } from './from-sd-jwt-vc-claims.js';
export { issueSdJwt } from './issue-sd-jwt.js';
export type { IssueSdJwtOptions } from './issue-sd-jwt.js';
export { SD_JWT_VC_TYP, SD_JWT_VC_UNDISCLOSABLE_CLAIMS, issueSdJwtVc } from './issue-sd-jwt-vc.js';
export type { IssueSdJwtVcOptions } from './issue-sd-jwt-vc.js';
export { presentSdJwt } from './present-sd-jwt.js';
export type { DisclosableClaim, KeyBindingOptions, PresentSdJwtOptions } from './present-sd-jwt.js';
export { SD_JWT_VC_ENVELOPE_CLAIMS, toSdJwtVcClaims } from './to-sd-jwt-vc-claims.js';
export type {
  DecodedJwt,
  Disclosure,
  Hasher,
  IssuerKeyRequest,
  IssuerKeyResolver,
  KeyBindingPolicy,
  PublicKeyInput,
  SaltGenerator,
  SignatureVerifier,
} from './types.js';
export { SD_JWT_CHECKS, verifySdJwt } from './verify-sd-jwt.js';
export type { SdJwtVerification, VerifySdJwtOptions } from './verify-sd-jwt.js';
export { SD_JWT_VC_TYPS, verifySdJwtVc } from './verify-sd-jwt-vc.js';
export type { SdJwtVcVerification, VerifySdJwtVcOptions } from './verify-sd-jwt-vc.js';
export { webCryptoSaltGenerator, webCryptoSha256, webCryptoVerifySignature } from './web-crypto.js';
