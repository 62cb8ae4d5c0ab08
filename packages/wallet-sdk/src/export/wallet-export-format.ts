import type { ExportedHolderKey } from '../keys/key-store.js';
import type { SharingLogEntry } from '../log/sharing-log.js';
import type { StoredCredential } from '../stores/credential-store.js';

/** The `format` of a wallet export file. */
export const WALLET_EXPORT_FORMAT = 'staff-passport-wallet-export';
/** The version of the export format this SDK writes and reads. */
export const WALLET_EXPORT_VERSION = 1;

/** What an export carries, once decrypted. */
export interface WalletExportContents {
  format: typeof WALLET_EXPORT_FORMAT;
  version: typeof WALLET_EXPORT_VERSION;
  exportedAt: string;
  credentials: StoredCredential[];
  log: SharingLogEntry[];
  /** The holder keys the store could export (absent when it could export none). */
  keys?: ExportedHolderKey[];
  /** Holder DIDs whose private keys stayed behind (non-extractable browser keys). */
  keysWithheld: string[];
}

/** The file as written: a readable header and the encrypted contents. */
export interface WalletExportFile {
  format: typeof WALLET_EXPORT_FORMAT;
  version: typeof WALLET_EXPORT_VERSION;
  exportedAt: string;
  /** Repeated outside the encryption so a person can see what a file lacks before importing it. */
  keysWithheld: string[];
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
  ciphertext: string;
}
