import { createPublicKey, type KeyObject } from 'node:crypto';
import { decodeMultibaseBase58btc, encodeMultibaseBase58btc } from './multibase.js';

/** The multicodec prefix of an Ed25519 public key, `ed25519-pub` (0xed, as an unsigned varint). */
const ED25519_PUB = [0xed, 0x01] as const;

function rawPublicKey(publicKey: KeyObject | Uint8Array): Uint8Array {
  if (publicKey instanceof Uint8Array) return publicKey;
  const jwk = (publicKey.type === 'public' ? publicKey : createPublicKey(publicKey)).export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new TypeError('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

/**
 * The Multikey `publicKeyMultibase` of an Ed25519 public key (Controlled Identifiers 1.0,
 * section 2.2.2: multibase base58-btc of the `ed25519-pub` multicodec prefix and the 32 key bytes).
 *
 * @example
 * encodeEd25519Multikey(publicKey) // 'z6Mk...', also the method-specific id of its did:key
 * @throws TypeError when the key is not an Ed25519 key of 32 bytes.
 */
export function encodeEd25519Multikey(publicKey: KeyObject | Uint8Array): string {
  const raw = rawPublicKey(publicKey);
  if (raw.length !== 32) throw new TypeError('an Ed25519 public key has 32 bytes');
  return encodeMultibaseBase58btc(Uint8Array.from([...ED25519_PUB, ...raw]));
}

/**
 * The 32 bytes of an Ed25519 public key from its Multikey `publicKeyMultibase`, or undefined
 * when the value is not an `ed25519-pub` multikey.
 *
 * @example
 * decodeEd25519Multikey('z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2')?.length // 32
 */
export function decodeEd25519Multikey(publicKeyMultibase: string): Uint8Array | undefined {
  const bytes = decodeMultibaseBase58btc(publicKeyMultibase);
  if (!bytes || bytes.length !== 34 || bytes[0] !== ED25519_PUB[0] || bytes[1] !== ED25519_PUB[1]) return undefined;
  return bytes.subarray(2);
}
