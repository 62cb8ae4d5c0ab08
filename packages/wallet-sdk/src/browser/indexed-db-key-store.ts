import { PassportError, type JwsSigner } from '@staff-passport/core/browser';
import type { CreateKeyOptions, ExportedHolderKey, ExportedKeys, HolderKey, KeyStore } from '../keys/key-store.js';
import { createWebCryptoSigner, generateHolderKey, importPrivateJwk } from '../keys/lib/web-crypto-keys.js';
import { checkExportedKey } from '../keys/lib/check-exported-key.js';
import { KEYS, inTransaction } from './lib/wallet-database.js';

interface Record_ {
  did: string;
  key: HolderKey;
  /** Non-extractable: IndexedDB keeps the CryptoKey by structured clone, and nothing can read its bytes. */
  privateKey: CryptoKey;
}

/**
 * A {@link KeyStore} for browsers: WebCrypto keys created non-extractable and kept in IndexedDB
 * (structured clone keeps a CryptoKey usable across reloads without its private bytes ever being
 * readable by script). So a wallet export cannot carry these keys: {@link exportKeys} lists them as
 * withheld. Imported keys (from another wallet's export) are stored non-extractable too.
 *
 * @example
 * const keys = new IndexedDbKeyStore(await openWalletDatabase('staff-passport'));
 * const holder = await keys.createKey({ alg: 'ES256' });
 */
export class IndexedDbKeyStore implements KeyStore {
  private readonly now: () => Date;

  constructor(
    private readonly db: IDBDatabase,
    options: { now?: () => Date } = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async createKey(options: CreateKeyOptions = {}): Promise<HolderKey> {
    const { key, privateKey } = await generateHolderKey(options, this.now(), false);
    await inTransaction(this.db, KEYS, 'readwrite', (s) => s.put({ did: key.did, key, privateKey } satisfies Record_));
    return key;
  }

  async listKeys(): Promise<HolderKey[]> {
    const all = await inTransaction<Record_[]>(this.db, KEYS, 'readonly', (s) => s.getAll() as IDBRequest<Record_[]>);
    return all.map((r) => r.key).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.did.localeCompare(b.did));
  }

  async getKey(did: string): Promise<HolderKey | undefined> {
    return (await this.record(did))?.key;
  }

  /** @throws PassportError `ERR_WALLET_KEY_NOT_FOUND` when this store holds no key for the DID. */
  async signerFor(did: string): Promise<JwsSigner> {
    const found = await this.record(did);
    if (!found) throw new PassportError('ERR_WALLET_KEY_NOT_FOUND', `this wallet holds no key for ${did}`, { field: 'holder' });
    return createWebCryptoSigner(found.privateKey, found.key.alg, found.key.kid);
  }

  async deleteKey(did: string): Promise<boolean> {
    const found = await this.record(did);
    await inTransaction(this.db, KEYS, 'readwrite', (s) => s.delete(did));
    return found !== undefined;
  }

  /** Lists every key as withheld: their private parts cannot leave the browser. */
  async exportKeys(): Promise<ExportedKeys> {
    return { keys: [], withheld: (await this.listKeys()).map((k) => k.did) };
  }

  /** @throws PassportError `ERR_WALLET_EXPORT_INVALID` when the key does not match its DID. */
  async importKey(exported: ExportedHolderKey): Promise<HolderKey> {
    const existing = await this.getKey(exported.did);
    if (existing) return existing;
    const key = checkExportedKey(exported);
    const privateKey = await importPrivateJwk(exported.privateJwk, key.alg, false);
    await inTransaction(this.db, KEYS, 'readwrite', (s) => s.put({ did: key.did, key, privateKey } satisfies Record_));
    return key;
  }

  private record(did: string): Promise<Record_ | undefined> {
    return inTransaction<Record_ | undefined>(this.db, KEYS, 'readonly', (s) => s.get(did) as IDBRequest<Record_ | undefined>);
  }
}
