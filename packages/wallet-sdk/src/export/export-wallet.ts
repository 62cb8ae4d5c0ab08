import { PassportError } from '@staff-passport/core/browser';
import type { WalletParts } from '../wallet-parts.js';
import { DEFAULT_PBKDF2_ITERATIONS, encryptWithPassphrase } from './lib/passphrase-cipher.js';
import { WALLET_EXPORT_FORMAT, WALLET_EXPORT_VERSION, type WalletExportContents, type WalletExportFile } from './wallet-export-format.js';

/** Options for {@link exportWallet}. */
export interface ExportWalletOptions {
  /** Protects the file; at least 8 characters. */
  passphrase: string;
  /** PBKDF2 iterations; default 600,000. */
  iterations?: number;
}

/**
 * Everything the holder has, as one encrypted JSON file they can keep or move to another wallet:
 * credentials, the sharing log and the holder keys the key store can read out (memory and SQLite
 * stores can; a browser's non-extractable keys cannot, and the file lists those DIDs under
 * `keysWithheld`). Encrypted with AES-256-GCM under a key derived from the passphrase
 * (PBKDF2-SHA256), with WebCrypto, so browser and Node files are interchangeable.
 *
 * @example
 * const file = await exportWallet(parts, { passphrase });
 * await writeFile('wallet-export.json', JSON.stringify(file));
 * @throws PassportError `ERR_REQUEST_INVALID` when the passphrase is shorter than 8 characters.
 */
export async function exportWallet(parts: Pick<WalletParts, 'keys' | 'credentials' | 'log' | 'now'>, options: ExportWalletOptions): Promise<WalletExportFile> {
  if (typeof options.passphrase !== 'string' || options.passphrase.length < 8) {
    throw new PassportError('ERR_REQUEST_INVALID', 'the export passphrase must be at least 8 characters', { field: 'passphrase' });
  }
  const exportedAt = parts.now().toISOString();
  const exported = parts.keys.exportKeys ? await parts.keys.exportKeys() : { keys: [], withheld: (await parts.keys.listKeys()).map((k) => k.did) };
  const contents: WalletExportContents = {
    format: WALLET_EXPORT_FORMAT,
    version: WALLET_EXPORT_VERSION,
    exportedAt,
    credentials: await parts.credentials.list(),
    log: await parts.log.list(),
    ...(exported.keys.length > 0 ? { keys: exported.keys } : {}),
    keysWithheld: exported.withheld,
  };
  const sealed = await encryptWithPassphrase(
    JSON.stringify(contents),
    options.passphrase,
    { format: WALLET_EXPORT_FORMAT, version: WALLET_EXPORT_VERSION },
    options.iterations ?? DEFAULT_PBKDF2_ITERATIONS,
  );
  return { format: WALLET_EXPORT_FORMAT, version: WALLET_EXPORT_VERSION, exportedAt, keysWithheld: exported.withheld, ...sealed };
}
