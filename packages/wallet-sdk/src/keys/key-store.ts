import type { JwsSigner } from '@staff-passport/core/browser';
import type { JWK } from 'jose';

/** Holder key algorithms: Ed25519 (EdDSA) and P-256 (ES256). */
export type HolderKeyAlg = 'EdDSA' | 'ES256';

/** How a holder key is named as a DID. */
export type HolderDidMethod = 'did:key' | 'did:jwk';

/** A holder key the wallet controls, named by its DID. */
export interface HolderKey {
  /** The holder DID (did:key or did:jwk). */
  did: string;
  /** The DID URL of its verification method (the JWS `kid`). */
  kid: string;
  alg: HolderKeyAlg;
  /** The public key, as a JWK (what `cnf.jwk` and OpenID4VCI proofs carry). */
  publicJwk: JWK;
  createdAt: string;
}

/** Options for {@link KeyStore.createKey}. */
export interface CreateKeyOptions {
  /** Default EdDSA. */
  alg?: HolderKeyAlg;
  /** Default did:key. */
  method?: HolderDidMethod;
}

/**
 * Where a wallet keeps holder keys and signs with them: memory (tests), an encrypted SQLite file
 * (Node), non-extractable WebCrypto keys in IndexedDB (browsers). Private keys never leave it,
 * except through {@link KeyStore.exportKeys} where the store allows it.
 */
export interface KeyStore {
  createKey(options?: CreateKeyOptions): Promise<HolderKey>;
  listKeys(): Promise<HolderKey[]>;
  getKey(did: string): Promise<HolderKey | undefined>;
  /**
   * A signer for the holder DID's key; `kid` is the DID URL.
   *
   * @throws PassportError `ERR_WALLET_KEY_NOT_FOUND` when this store holds no key for the DID.
   */
  signerFor(did: string): Promise<JwsSigner>;
  deleteKey(did: string): Promise<boolean>;
  /**
   * The private keys, for the holder's own export. Absent, or listing DIDs under `withheld`, when
   * the store cannot read its keys out (non-extractable WebCrypto keys in IndexedDB).
   */
  exportKeys?(): Promise<ExportedKeys>;
  /** Adds a key from an export; a DID the store already holds is left as it is. */
  importKey?(key: ExportedHolderKey): Promise<HolderKey>;
}

/** A holder key with its private part, as a wallet export carries it. */
export interface ExportedHolderKey extends HolderKey {
  /** The private key as a JWK (with `d`). */
  privateJwk: JWK;
}

/** What {@link KeyStore.exportKeys} could read out. */
export interface ExportedKeys {
  keys: ExportedHolderKey[];
  /** Holder DIDs whose private keys cannot leave the store. */
  withheld: string[];
}
