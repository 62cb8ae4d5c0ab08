import { PassportError, isObject } from '@staff-passport/core/browser';
import type { ExportedHolderKey } from '../keys/key-store.js';
import { checkExportedKey } from '../keys/lib/check-exported-key.js';
import type { SharingLogEntry } from '../log/sharing-log.js';
import type { StoredCredential } from '../stores/credential-store.js';
import type { WalletParts } from '../wallet-parts.js';
import { decryptWithPassphrase } from './lib/passphrase-cipher.js';
import { WALLET_EXPORT_FORMAT, WALLET_EXPORT_VERSION } from './wallet-export-format.js';

/** What {@link importWallet} added (items the wallet had already are not counted). */
export interface ImportWalletResult {
  keys: number;
  credentials: number;
  log: number;
  /** Holder DIDs the file carried keys for that this key store cannot take (it has no `importKey`). */
  keysNotImported: string[];
  /** Holder DIDs whose keys the exporting wallet could not export. */
  keysWithheld: string[];
}

/**
 * Restores a file from {@link exportWallet} into this wallet's stores, empty or not: keys,
 * credentials and log entries the wallet already holds (same DID or id) are kept as they are, so
 * importing twice adds nothing the second time.
 *
 * @example
 * const result = await importWallet(parts, JSON.parse(await readFile('wallet-export.json', 'utf8')), { passphrase });
 * @throws PassportError `ERR_WALLET_EXPORT_INVALID` for a file that is not a wallet export (or a key
 *   that does not match its DID), `ERR_WALLET_PASSPHRASE_INVALID` for a wrong passphrase.
 */
export async function importWallet(
  parts: Pick<WalletParts, 'keys' | 'credentials' | 'log'>,
  file: unknown,
  options: { passphrase: string },
): Promise<ImportWalletResult> {
  const parsed = typeof file === 'string' ? parseJson(file) : file;
  if (!isObject(parsed) || parsed['format'] !== WALLET_EXPORT_FORMAT) throw invalid('this is not a Staff Passport wallet export');
  if (parsed['version'] !== WALLET_EXPORT_VERSION) throw invalid(`export version ${String(parsed['version'])} is not supported (expected ${WALLET_EXPORT_VERSION})`);
  const plain = await decryptWithPassphrase(parsed, options.passphrase, { format: WALLET_EXPORT_FORMAT, version: WALLET_EXPORT_VERSION });
  const contents = parseJson(plain);
  if (!isObject(contents) || contents['format'] !== WALLET_EXPORT_FORMAT || !Array.isArray(contents['credentials']) || !Array.isArray(contents['log'])) {
    throw invalid('the export contents are not a wallet export');
  }
  const keys = contents['keys'] === undefined ? [] : contents['keys'];
  if (!Array.isArray(keys)) throw invalid('keys must be a list');
  // Everything is checked before anything is written: a bad file imports nothing.
  for (const key of keys) if (!isObject(key)) throw invalid('a key in the export is malformed');
  keys.forEach((key) => checkExportedKey(key as unknown as ExportedHolderKey));
  const credentials = contents['credentials'].map(checkCredential);
  const log = contents['log'].map(checkLogEntry);

  const result: ImportWalletResult = {
    keys: 0,
    credentials: 0,
    log: 0,
    keysNotImported: [],
    keysWithheld: Array.isArray(contents['keysWithheld']) ? contents['keysWithheld'].filter((d): d is string => typeof d === 'string') : [],
  };
  for (const key of keys) {
    const { did } = key as unknown as ExportedHolderKey;
    if (await parts.keys.getKey(did)) continue;
    if (!parts.keys.importKey) {
      result.keysNotImported.push(did);
      continue;
    }
    await parts.keys.importKey(key as unknown as ExportedHolderKey);
    result.keys++;
  }
  for (const credential of credentials) {
    if (await parts.credentials.get(credential.id)) continue;
    await parts.credentials.put(credential);
    result.credentials++;
  }
  const logged = new Set((await parts.log.list()).map((e) => e.id));
  for (const entry of log) {
    if (logged.has(entry.id)) continue;
    await parts.log.append(entry);
    logged.add(entry.id);
    result.log++;
  }
  return result;
}

function invalid(message: string): PassportError {
  return new PassportError('ERR_WALLET_EXPORT_INVALID', message, { field: 'file' });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause: unknown) {
    throw new PassportError('ERR_WALLET_EXPORT_INVALID', 'the export is not JSON', { field: 'file', cause });
  }
}

function checkCredential(value: unknown): StoredCredential {
  if (!isObject(value) || typeof value['id'] !== 'string' || typeof value['format'] !== 'string' || typeof value['holder'] !== 'string' || !Array.isArray(value['types'])) {
    throw invalid('a credential in the export is malformed');
  }
  return value as unknown as StoredCredential;
}

function checkLogEntry(value: unknown): SharingLogEntry {
  if (!isObject(value) || typeof value['id'] !== 'string' || typeof value['action'] !== 'string' || !isObject(value['counterparty'])) {
    throw invalid('a sharing log entry in the export is malformed');
  }
  return value as unknown as SharingLogEntry;
}
