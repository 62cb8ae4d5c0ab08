import { PassportError, type JwsSigner } from '@staff-passport/core/browser';
import type { CreateKeyOptions, ExportedHolderKey, ExportedKeys, HolderKey, KeyStore } from '../keys/key-store.js';
import { checkExportedKey } from '../keys/lib/check-exported-key.js';
import { createWebCryptoSigner, exportPrivateJwk, generateHolderKey, importPrivateJwk } from '../keys/lib/web-crypto-keys.js';

interface Entry {
  key: HolderKey;
  privateKey: CryptoKey;
}

/** Options for {@link MemoryKeyStore}. */
export interface MemoryKeyStoreOptions {
  /** The clock stamped on new keys' `createdAt` (default the system clock). */
  now?: () => Date;
}

/**
 * A {@link KeyStore} in memory: WebCrypto keys in a Map, gone when the process ends. For tests and
 * short-lived wallets, in Node and browsers. Its keys are extractable, so a wallet export can
 * carry them.
 *
 * @example
 * const keys = new MemoryKeyStore();
 * const holder = await keys.createKey({ alg: 'ES256', method: 'did:jwk' });
 * const signer = await keys.signerFor(holder.did); // signer.kid === holder.kid
 */
export class MemoryKeyStore implements KeyStore {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => Date;

  constructor(options: MemoryKeyStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  async createKey(options: CreateKeyOptions = {}): Promise<HolderKey> {
    const { key, privateKey } = await generateHolderKey(options, this.now(), true);
    this.entries.set(key.did, { key, privateKey });
    return structuredClone(key);
  }

  listKeys(): Promise<HolderKey[]> {
    return Promise.resolve([...this.entries.values()].map((e) => structuredClone(e.key)));
  }

  getKey(did: string): Promise<HolderKey | undefined> {
    const found = this.entries.get(did);
    return Promise.resolve(found && structuredClone(found.key));
  }

  /** @throws PassportError `ERR_WALLET_KEY_NOT_FOUND` when this store holds no key for the DID. */
  signerFor(did: string): Promise<JwsSigner> {
    const found = this.entries.get(did);
    if (!found) return Promise.reject(new PassportError('ERR_WALLET_KEY_NOT_FOUND', `this wallet holds no key for ${did}`, { field: 'holder' }));
    return Promise.resolve(createWebCryptoSigner(found.privateKey, found.key.alg, found.key.kid));
  }

  deleteKey(did: string): Promise<boolean> {
    return Promise.resolve(this.entries.delete(did));
  }

  async exportKeys(): Promise<ExportedKeys> {
    const keys: ExportedHolderKey[] = [];
    for (const { key, privateKey } of this.entries.values()) keys.push({ ...structuredClone(key), privateJwk: await exportPrivateJwk(privateKey) });
    return { keys, withheld: [] };
  }

  /** @throws PassportError `ERR_WALLET_EXPORT_INVALID` when the key is not an Ed25519 or P-256 key pair matching its DID. */
  async importKey(exported: ExportedHolderKey): Promise<HolderKey> {
    const existing = this.entries.get(exported.did);
    if (existing) return structuredClone(existing.key);
    const key = checkExportedKey(exported);
    this.entries.set(key.did, { key, privateKey: await importPrivateJwk(exported.privateJwk, key.alg, true) });
    return structuredClone(key);
  }
}

