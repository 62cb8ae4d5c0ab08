// The wallet SDK's browser entry (`@staff-passport/wallet-sdk/browser`): everything that runs in a
// browser. Nothing reached from here imports a Node module (checked by test/browser-entry.test.ts);
// index.ts (the Node entry) re-exports all of it and adds the SQLite stores.
export { IndexedDbCredentialStore } from './browser/indexed-db-credential-store.js';
export { IndexedDbKeyStore } from './browser/indexed-db-key-store.js';
export { IndexedDbSharingLog } from './browser/indexed-db-sharing-log.js';
export { openWalletDatabase } from './browser/lib/wallet-database.js';
export { openBrowserWallet } from './browser/open-browser-wallet.js';
export type { OpenBrowserWalletOptions } from './browser/open-browser-wallet.js';
export { EXPIRING_WITHIN_DAYS, describeCredential } from './credentials/describe-credential.js';
export type { CredentialDescription, DescribeCredentialOptions, ExpiryState } from './credentials/describe-credential.js';
export { readCredential, storeCredential } from './credentials/store-credential.js';
export type { StoreCredentialOptions } from './credentials/store-credential.js';
export { exportWallet } from './export/export-wallet.js';
export type { ExportWalletOptions } from './export/export-wallet.js';
export { importWallet } from './export/import-wallet.js';
export type { ImportWalletResult } from './export/import-wallet.js';
export { WALLET_EXPORT_FORMAT, WALLET_EXPORT_VERSION } from './export/wallet-export-format.js';
export type { WalletExportContents, WalletExportFile } from './export/wallet-export-format.js';
export type { CreateKeyOptions, ExportedHolderKey, ExportedKeys, HolderDidMethod, HolderKey, HolderKeyAlg, KeyStore } from './keys/key-store.js';
export { holderDidFor } from './keys/lib/holder-did.js';
export { exportSharingLog } from './log/export-sharing-log.js';
export type { SharingLogExport } from './log/export-sharing-log.js';
export type { SharingLogAction, SharingLogEntry, SharingLogFilter, SharingLogStore } from './log/sharing-log.js';
export { MemoryCredentialStore } from './memory/memory-credential-store.js';
export { MemoryKeyStore } from './memory/memory-key-store.js';
export type { MemoryKeyStoreOptions } from './memory/memory-key-store.js';
export { MemorySharingLog } from './memory/memory-sharing-log.js';
export { createVpJwt } from './presentations/create-vp-jwt.js';
export type { EnvelopedPresentation, PresentationRequestAnswer } from './presentations/create-vp-jwt.js';
export { checkCredentialStatus } from './status/check-credential-status.js';
export type { CredentialStatusCheck, WalletCredentialStatus } from './status/check-credential-status.js';
export type { CredentialFilter, CredentialStore, StoredCredential, WalletCredentialFormat } from './stores/credential-store.js';
export { Wallet } from './wallet.js';
export type { WalletOptions } from './wallet.js';
export type { OrganisationLookup, WalletOrganisation, WalletParts } from './wallet-parts.js';
export {
  DEFAULT_FORMAT_PREFERENCE,
  acceptCredentialOffer,
  finishCredentialCollection,
  pollDeferred,
  readCredentialOffer,
  rejectCredentialOffer,
  startCredentialCollection,
} from './offers/index.js';
export type {
  AcceptCredentialOfferOptions,
  AcceptOfferResult,
  CollectionRequest,
  CollectionResult,
  FinishCredentialCollectionOptions,
  OfferPreview,
  OfferedCredential,
  PendingCredential,
  StartCredentialCollectionOptions,
  TxCodeRequirement,
} from './offers/index.js';
export { previewDisclosures, readPresentationRequest, refusePresentationRequest, sharePresentation } from './sharing/index.js';
export type {
  CandidateCredential,
  CredentialQueryPreview,
  DisclosedClaim,
  DisclosurePreview,
  PreviewClaim,
  ReadPresentationRequestOptions,
  ShareChoice,
  SharePresentationOptions,
  SharePreview,
  ShareResult,
  VerifierRegistration,
} from './sharing/index.js';
export { createTrustRegistryLookup, didWebUrl, resolveDid, verifyDidJwt } from './lib/index.js';
export type { DidDocument, DidVerificationMethod, ResolveDidOptions, TrustRegistryLookupOptions, VerifiedDidJwt, VerifyDidJwtOptions } from './lib/index.js';
