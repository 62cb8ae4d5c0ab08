export { openNodeWallet } from './node/open-node-wallet.js';
export type { OpenNodeWalletOptions } from './node/open-node-wallet.js';
export { SqliteCredentialStore, WALLET_SCHEMA } from './node/sqlite-credential-store.js';
export { VeramoHolderKeys } from './node/veramo-holder-keys.js';
export type { CredentialStore, StoredCredential } from './stores/credential-store.js';
export type { HolderKeys } from './stores/holder-keys.js';
export { Wallet } from './wallet.js';
export type { PresentationRequestAnswer } from './wallet.js';
