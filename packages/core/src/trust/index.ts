// The trust registry: which DID is which ODS organisation, allowed which credential types, when.
// Every file here but load-trust-registry.ts (and its lib/guarded-fetch-text.ts) is browser-safe.
export { addTrustRegistryEntry } from './add-trust-registry-entry.js';
export { checkIssuerTrust } from './check-issuer-trust.js';
export type { CheckIssuerTrustOptions, IssuerTrust } from './check-issuer-trust.js';
export { createJwkSigner } from './create-jwk-signer.js';
export { createTrustRegistryDraft } from './create-trust-registry-draft.js';
export type { CreateTrustRegistryDraftOptions } from './create-trust-registry-draft.js';
export { findTrustedOrganisation } from './find-trusted-organisation.js';
export { generateRegistryKey } from './generate-registry-key.js';
export type { RegistryKeyPair } from './generate-registry-key.js';
export { listTrustedOrganisations } from './list-trusted-organisations.js';
export { loadTrustRegistry } from './load-trust-registry.js';
export type { FetchRegistryText, LoadTrustRegistryOptions } from './load-trust-registry.js';
export { parseTrustRegistry, parseTrustRegistryDraft } from './parse-trust-registry.js';
export { removeTrustRegistryEntries } from './remove-trust-registry-entries.js';
export { renewTrustRegistry } from './renew-trust-registry.js';
export type { RenewTrustRegistryOptions } from './renew-trust-registry.js';
export { signTrustRegistry } from './sign-trust-registry.js';
export type { SignTrustRegistryOptions } from './sign-trust-registry.js';
export { TRUST_REGISTRY_JWT_TYP, TRUST_REGISTRY_MEDIA_TYPE, TRUST_REGISTRY_TYPE } from './trust-registry-model.js';
export type { RegistryJwk, TrustRegistry, TrustRegistryDraft, TrustRegistryEntry, TrustRegistryOperator, TrustedOrganisation } from './trust-registry-model.js';
export { validateTrustRegistry } from './validate-trust-registry.js';
export type { ValidateTrustRegistryOptions } from './validate-trust-registry.js';
export { verifyTrustRegistry } from './verify-trust-registry.js';
export type { TrustRegistryVerification, VerifyTrustRegistryOptions } from './verify-trust-registry.js';
