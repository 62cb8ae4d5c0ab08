import { sign, type KeyObject } from 'node:crypto';
import { PassportError } from '../errors/passport-error.js';

/**
 * Signs the bytes a Data Integrity cryptosuite produces (for `eddsa-rdfc-2022`, the 64 bytes of
 * proof configuration hash and document hash). Injected so the key can live anywhere: a
 * `node:crypto` KeyObject, Veramo's key manager, an HSM.
 */
export interface DataIntegritySigner {
  /** The DID URL of the verification method, written into the proof. */
  readonly verificationMethod: string;
  /** The raw signature over `data` (64 bytes for Ed25519). */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/**
 * A {@link DataIntegritySigner} for an Ed25519 private key (Pure EdDSA, RFC 8032; deterministic,
 * so the same input always gives the same proof).
 *
 * @example
 * const { privateKey } = generateKeyPairSync('ed25519');
 * const signer = createEd25519Signer(privateKey, `${did}#${encodeEd25519Multikey(publicKey)}`);
 * @throws PassportError `ERR_DI_CRYPTOSUITE_UNSUPPORTED` when the key is not an Ed25519 private key.
 */
export function createEd25519Signer(privateKey: KeyObject, verificationMethod: string): DataIntegritySigner {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new PassportError('ERR_DI_CRYPTOSUITE_UNSUPPORTED', 'eddsa-rdfc-2022 signs with an Ed25519 private key');
  }
  return {
    verificationMethod,
    sign: async (data) => new Uint8Array(sign(null, data, privateKey)),
  };
}
