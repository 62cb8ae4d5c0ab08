/** CachingKeyStore: Veramo's key store read once per key, invalidated by writes made through it. */
import { describe, expect, it } from '@jest/globals';
import type { IKey, ManagedKeyInfo } from '@veramo/core';
import { AbstractKeyStore } from '@veramo/key-manager';
import { CachingKeyStore } from '../../../src/agent/lib/caching-key-store.js';

/** An in-memory key store that counts reads. */
class CountingKeyStore extends AbstractKeyStore {
  readonly keys = new Map<string, IKey>();
  reads = 0;

  override async getKey({ kid }: { kid: string }): Promise<IKey> {
    this.reads++;
    const key = this.keys.get(kid);
    if (!key) throw new Error('Key not found');
    return { ...key };
  }

  override async importKey(args: Partial<IKey>): Promise<boolean> {
    this.keys.set(args.kid!, args as IKey);
    return true;
  }

  override async deleteKey({ kid }: { kid: string }): Promise<boolean> {
    if (!this.keys.delete(kid)) throw new Error('Key not found');
    return true;
  }

  override async listKeys(): Promise<ManagedKeyInfo[]> {
    return [...this.keys.values()];
  }
}

const key = (kid: string, publicKeyHex = 'ab'): IKey => ({ kid, kms: 'local', type: 'Ed25519', publicKeyHex, meta: { algorithms: ['EdDSA'] } });

describe('CachingKeyStore', () => {
  it('reads a key from the store once, then from memory, as an independent copy', async () => {
    const inner = new CountingKeyStore();
    const store = new CachingKeyStore(inner);
    await store.importKey(key('k1'));
    const first = await store.getKey({ kid: 'k1' });
    first.meta!.algorithms = ['changed'];
    const second = await store.getKey({ kid: 'k1' });
    expect(inner.reads).toBe(1);
    expect(second).toEqual(key('k1'));
  });

  it('forgets a key on delete and on import', async () => {
    const inner = new CountingKeyStore();
    const store = new CachingKeyStore(inner);
    await store.importKey(key('k1'));
    await store.getKey({ kid: 'k1' });
    await store.deleteKey({ kid: 'k1' });
    await expect(store.getKey({ kid: 'k1' })).rejects.toThrow('Key not found');
    await store.importKey(key('k1', 'cd'));
    expect((await store.getKey({ kid: 'k1' })).publicKeyHex).toBe('cd');
    await store.importKey(key('k1', 'ef'));
    expect((await store.getKey({ kid: 'k1' })).publicKeyHex).toBe('ef');
  });

  it('does not cache a read that a delete overtook', async () => {
    const inner = new CountingKeyStore();
    const store = new CachingKeyStore(inner);
    await store.importKey(key('k1'));
    const reading = store.getKey({ kid: 'k1' });
    await store.deleteKey({ kid: 'k1' });
    await reading;
    await expect(store.getKey({ kid: 'k1' })).rejects.toThrow('Key not found');
  });

  it('keeps at most maxEntries keys in memory', async () => {
    const inner = new CountingKeyStore();
    const store = new CachingKeyStore(inner, 2);
    for (const kid of ['a', 'b', 'c']) await store.importKey(key(kid));
    for (const kid of ['a', 'b', 'c']) await store.getKey({ kid });
    expect(inner.reads).toBe(3);
    await store.getKey({ kid: 'c' });
    await store.getKey({ kid: 'b' });
    expect(inner.reads).toBe(3);
    await store.getKey({ kid: 'a' });
    expect(inner.reads).toBe(4);
  });
});
