import { sign as cryptoSign, type KeyObject } from 'node:crypto';
import type { IKey, ManagedKeyInfo, MinimalImportableKey, TKeyType } from '@veramo/core';
import { AbstractKeyManagementSystem, type AbstractPrivateKeyStore, type ManagedPrivateKey } from '@veramo/key-manager';
import { PassportError } from '../errors/passport-error.js';
import type { SupportedAlg } from '../jose/jws-signer.js';
import { TtlCache } from '../lib/ttl-cache.js';
import { generatePrivateKeyHex, isKeyObjectKeyType, keyFromPrivateKeyHex, type KeyObjectKeyType, type LoadedKey } from './lib/key-object-from-hex.js';

/** Options for {@link KeyObjectKms}. */
export interface KeyObjectKmsOptions {
  /** How many decrypted keys stay in memory (least recently used go first). Default 1,000. */
  maxCachedKeys?: number;
  /** The name the key manager knows this KMS by, reported in `ManagedKeyInfo.kms`. Default `local`. */
  kmsName?: string;
}

/**
 * Signs synchronously with one key held by a {@link KeyObjectKms}: the cost of a call is the
 * signature and a base64url encoding. It holds the key's `KeyObject` itself, so the key leaving
 * the KMS's cache (bounded) does not stop it; deleting the key through the KMS does.
 */
export interface KeyObjectSigner {
  readonly kid: string;
  readonly type: KeyObjectKeyType;
  readonly alg: SupportedAlg;
  /** True once the key was deleted through the KMS; `signSync` then throws. */
  readonly deleted: boolean;
  /**
   * Signs bytes (a string is signed as its UTF-8 bytes) and returns the base64url JWS signature:
   * Ed25519 (RFC 8037) or ES256 as r||s (RFC 7518, section 3.4).
   *
   * @throws PassportError `ERR_KEY_NOT_FOUND` when the key has been deleted since.
   */
  signSync(data: Uint8Array | string): string;
}

// Veramo's algorithm names per key type, as @veramo/kms-local reports them in `meta.algorithms`.
const ALGORITHMS: Record<KeyObjectKeyType, readonly string[]> = { Ed25519: ['EdDSA', 'Ed25519'], Secp256r1: ['ES256'] };
const JWS_ALG: Record<KeyObjectKeyType, SupportedAlg> = { Ed25519: 'EdDSA', Secp256r1: 'ES256' };

interface CachedKey extends LoadedKey {
  deleted: boolean;
}

function signBytes(key: LoadedKey, data: Uint8Array): string {
  const signature =
    key.type === 'Ed25519' ? cryptoSign(null, data, key.privateKey) : cryptoSign('sha256', data, { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return signature.toString('base64url');
}

function checkAlgorithm(kid: string, type: KeyObjectKeyType, algorithm: string | undefined): void {
  if (algorithm !== undefined && !ALGORITHMS[type].includes(algorithm)) {
    throw new PassportError('ERR_REQUEST_INVALID', `key ${kid} (${type}) does not sign with ${algorithm}; it signs with ${ALGORITHMS[type].join(' or ')}`, {
      field: 'algorithm',
    });
  }
}

/**
 * A Veramo key management system that keeps each private key, once decrypted, as a `node:crypto`
 * `KeyObject` and signs with `crypto.sign`: Ed25519 (`EdDSA`/`Ed25519`) and P-256 (`ES256`, r||s).
 *
 * Private keys are stored through the `AbstractPrivateKeyStore` it is given, in exactly the format
 * `@veramo/kms-local` uses (hex of the raw key; with `PrivateKeyStore` + `SecretBox` they stay
 * encrypted in the database), so it reads keys kms-local wrote and kms-local reads keys it writes.
 * Only the decrypted `KeyObject`s are cached, in a bounded map; deleting a key evicts it.
 *
 * A key deleted by another process sharing the database stays usable here until it leaves the
 * cache: delete keys through the agent that signs with them.
 *
 * @example
 * const kms = new KeyObjectKms(new PrivateKeyStore(dataSource, new SecretBox(secretKey)));
 * const keyManager = new KeyManager({ store: keyStore, kms: { local: kms } });
 * const signer = await kms.getSigner(kid, 'EdDSA');
 * const signature = signer.signSync(signingInput);
 */
export class KeyObjectKms extends AbstractKeyManagementSystem {
  readonly #store: AbstractPrivateKeyStore;
  readonly #cache: TtlCache<CachedKey>;
  readonly #loading = new Map<string, Promise<CachedKey>>();
  readonly #kmsName: string;
  // Bumped by every delete: a load that started before one does not cache what it read.
  #epoch = 0;

  constructor(store: AbstractPrivateKeyStore, options: KeyObjectKmsOptions = {}) {
    super();
    this.#store = store;
    this.#kmsName = options.kmsName ?? 'local';
    this.#cache = new TtlCache<CachedKey>(options.maxCachedKeys ?? 1000, Number.POSITIVE_INFINITY);
  }

  /** How many decrypted keys are in memory now. */
  get cachedKeyCount(): number {
    return this.#cache.size;
  }

  /**
   * Creates an Ed25519 or Secp256r1 key and stores it (encrypted by the store's secret box).
   *
   * @throws PassportError `ERR_REQUEST_INVALID` for another key type.
   */
  override async createKey(args: { type: TKeyType; kid?: string }): Promise<ManagedKeyInfo> {
    if (!isKeyObjectKeyType(args.type)) {
      throw new PassportError('ERR_REQUEST_INVALID', `keys of type ${args.type} are not held by this key management system (Ed25519 and Secp256r1 are)`, {
        field: 'type',
      });
    }
    return this.importKey({ type: args.type, ...(args.kid === undefined ? {} : { kid: args.kid }), privateKeyHex: generatePrivateKeyHex(args.type) });
  }

  /**
   * Imports a private key given as hex (kms-local's format); its kid defaults to the public key hex.
   *
   * @throws PassportError `ERR_REQUEST_INVALID` for another key type or bytes that are not such a key.
   */
  override async importKey(args: Pick<MinimalImportableKey, 'type' | 'privateKeyHex'> & { kid?: string }): Promise<ManagedKeyInfo> {
    const loaded = keyFromPrivateKeyHex(args.type, args.privateKeyHex);
    const kid = args.kid ?? loaded.publicKeyHex;
    await this.#store.importKey({ alias: kid, type: loaded.type, privateKeyHex: args.privateKeyHex });
    // The store refuses different bytes under a kid it has, so signers made before stay correct.
    this.#epoch++;
    this.#loading.delete(kid);
    this.#cache.set(kid, { ...loaded, deleted: false });
    return this.#managedKeyInfo(kid, loaded);
  }

  /**
   * The keys in the private key store.
   *
   * @throws PassportError `ERR_REQUEST_INVALID` when the store holds a key type this KMS does not.
   */
  override async listKeys(): Promise<ManagedKeyInfo[]> {
    const keys = await this.#store.listKeys({});
    return keys.map((key) => this.#managedKeyInfo(key.alias, keyFromPrivateKeyHex(key.type, key.privateKeyHex)));
  }

  /** Deletes a key from the store and evicts it from memory; signers made for it stop working. */
  override async deleteKey(args: { kid: string }): Promise<boolean> {
    this.#epoch++;
    this.#loading.delete(args.kid);
    this.#evict(args.kid);
    return this.#store.deleteKey({ alias: args.kid });
  }

  /**
   * Signs `data` (Veramo's `keyManagerSign` calls this); returns the base64url signature.
   *
   * @throws PassportError `ERR_KEY_NOT_FOUND` when the store has no such key, `ERR_REQUEST_INVALID`
   *   when the key does not sign with `algorithm`, `ERR_CONFIG_INVALID` when the key does not decrypt.
   */
  override async sign(args: { keyRef: Pick<IKey, 'kid'>; algorithm?: string; data: Uint8Array }): Promise<string> {
    const key = await this.#load(args.keyRef.kid);
    checkAlgorithm(args.keyRef.kid, key.type, args.algorithm);
    return signBytes(key, args.data);
  }

  /**
   * A synchronous signer for one key, holding its `KeyObject`: the fast path for JWS signing.
   *
   * @example
   * const signer = await kms.getSigner(kid, 'EdDSA');
   * const jws = `${signingInput}.${signer.signSync(signingInput)}`;
   * @throws PassportError `ERR_KEY_NOT_FOUND`, `ERR_REQUEST_INVALID` or `ERR_CONFIG_INVALID` as {@link KeyObjectKms.sign}.
   */
  async getSigner(kid: string, algorithm?: string): Promise<KeyObjectSigner> {
    const key = await this.#load(kid);
    checkAlgorithm(kid, key.type, algorithm);
    return {
      kid,
      type: key.type,
      alg: JWS_ALG[key.type],
      get deleted() {
        return key.deleted;
      },
      signSync(data) {
        if (key.deleted) throw new PassportError('ERR_KEY_NOT_FOUND', `key ${kid} has been deleted`);
        return signBytes(key, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      },
    };
  }

  /**
   * The private `KeyObject` of a key, for worker threads of this process that sign for it (a
   * `KeyObject` is cloned by `postMessage`, the key bytes never leave the process). Deleting the key
   * through the KMS does not reach copies already handed out: give them only to code that lives as
   * long as one job.
   *
   * @throws PassportError `ERR_KEY_NOT_FOUND` or `ERR_CONFIG_INVALID` as {@link KeyObjectKms.sign}.
   */
  async getKeyObject(kid: string): Promise<KeyObject> {
    return (await this.#load(kid)).privateKey;
  }

  /**
   * Not offered: the staff passport signs, it does not agree keys.
   *
   * @throws PassportError `ERR_REQUEST_INVALID` always.
   */
  override async sharedSecret(): Promise<string> {
    throw new PassportError('ERR_REQUEST_INVALID', 'KeyObjectKms does not compute shared secrets (ECDH); use a KMS that does, such as @veramo/kms-local, for X25519 keys');
  }

  #evict(kid: string): void {
    const cached = this.#cache.get(kid);
    if (cached) cached.deleted = true;
    this.#cache.delete(kid);
  }

  async #load(kid: string): Promise<CachedKey> {
    const cached = this.#cache.get(kid);
    if (cached) return cached;
    let loading = this.#loading.get(kid);
    if (!loading) {
      const epoch = this.#epoch;
      loading = this.#readKey(kid).then(
        (key) => {
          if (this.#loading.get(kid) === loading) this.#loading.delete(kid);
          if (this.#epoch === epoch) this.#cache.set(kid, key);
          return key;
        },
        (err: unknown) => {
          if (this.#loading.get(kid) === loading) this.#loading.delete(kid);
          throw err;
        },
      );
      this.#loading.set(kid, loading);
    }
    return loading;
  }

  async #readKey(kid: string): Promise<CachedKey> {
    let stored: ManagedPrivateKey;
    try {
      stored = await this.#store.getKey({ alias: kid });
    } catch (cause: unknown) {
      // Veramo's stores say 'Key not found' for a missing row; anything else is the store failing.
      if (cause instanceof Error && /not.?found/i.test(cause.message)) {
        throw new PassportError('ERR_KEY_NOT_FOUND', `no private key for kid ${kid}`, { cause });
      }
      throw new PassportError('ERR_INTERNAL', `could not read the private key for kid ${kid}`, { cause });
    }
    // SecretBox.decrypt gives an empty string when the ciphertext does not open with the secret.
    if (!stored.privateKeyHex) {
      throw new PassportError('ERR_CONFIG_INVALID', `the private key for kid ${kid} did not decrypt: is the key-encryption secret the one it was stored with?`, {
        field: 'PASSPORT_SECRET_KEY',
      });
    }
    return { ...keyFromPrivateKeyHex(stored.type, stored.privateKeyHex), deleted: false };
  }

  #managedKeyInfo(kid: string, key: LoadedKey): ManagedKeyInfo {
    return { kid, kms: this.#kmsName, type: key.type, publicKeyHex: key.publicKeyHex, meta: { algorithms: [...ALGORITHMS[key.type]] } };
  }
}
