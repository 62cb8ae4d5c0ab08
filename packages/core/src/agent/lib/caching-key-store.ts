import type { IKey, ManagedKeyInfo } from '@veramo/core';
import { AbstractKeyStore } from '@veramo/key-manager';
import { TtlCache } from '../../lib/ttl-cache.js';

/**
 * Veramo's key store with a bounded memory of the keys it has read, so `keyManagerSign`, which looks
 * the key up on every call, reads the database once per key. Imports and deletes made through it
 * invalidate the entry; a key's row never changes otherwise (its kid names its public key).
 */
export class CachingKeyStore extends AbstractKeyStore {
  readonly #inner: AbstractKeyStore;
  readonly #cache: TtlCache<IKey>;
  // Bumped by every write: a read that started before one does not cache what it read.
  #epoch = 0;

  constructor(inner: AbstractKeyStore, maxEntries = 1000) {
    super();
    this.#inner = inner;
    this.#cache = new TtlCache<IKey>(maxEntries, Number.POSITIVE_INFINITY);
  }

  override async getKey(args: { kid: string }): Promise<IKey> {
    let key = this.#cache.get(args.kid);
    if (!key) {
      const epoch = this.#epoch;
      const row = await this.#inner.getKey(args);
      // A plain copy: the row may be a TypeORM entity carrying relations we must not keep alive.
      key = { kid: row.kid, kms: row.kms, type: row.type, publicKeyHex: row.publicKeyHex, meta: row.meta ?? null };
      if (epoch === this.#epoch) this.#cache.set(args.kid, key);
    }
    // Callers may change what they get; the cached entry stays as read.
    return { ...key, meta: key.meta ? { ...key.meta } : key.meta };
  }

  override async importKey(args: Partial<IKey>): Promise<boolean> {
    this.#invalidate(args.kid);
    try {
      return await this.#inner.importKey(args);
    } finally {
      this.#invalidate(args.kid);
    }
  }

  override async deleteKey(args: { kid: string }): Promise<boolean> {
    this.#invalidate(args.kid);
    try {
      return await this.#inner.deleteKey(args);
    } finally {
      this.#invalidate(args.kid);
    }
  }

  override async listKeys(args: object): Promise<ManagedKeyInfo[]> {
    return this.#inner.listKeys(args);
  }

  #invalidate(kid: string | undefined): void {
    this.#epoch++;
    if (kid !== undefined) this.#cache.delete(kid);
  }
}
