import { createECDH, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { PassportError } from '../../errors/passport-error.js';

/** The Veramo key types {@link KeyObjectKms} holds. */
export type KeyObjectKeyType = 'Ed25519' | 'Secp256r1';

/** A private key ready to sign, with the public key as Veramo records it. */
export interface LoadedKey {
  readonly type: KeyObjectKeyType;
  readonly privateKey: KeyObject;
  /** Ed25519: the 32-byte key; P-256: the 33-byte compressed point (as `@veramo/kms-local` writes it). */
  readonly publicKeyHex: string;
}

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410, section 7): node:crypto has no raw import.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** Whether a Veramo key type is one this KMS holds. */
export function isKeyObjectKeyType(type: unknown): type is KeyObjectKeyType {
  return type === 'Ed25519' || type === 'Secp256r1';
}

/**
 * Builds a signing `KeyObject` from a private key in `@veramo/kms-local`'s stored format: hex of the
 * raw bytes, Ed25519 as the 32-byte seed or seed||public (64 bytes, what kms-local writes), P-256 as
 * the 32-byte scalar.
 *
 * @example
 * const { privateKey, publicKeyHex } = keyFromPrivateKeyHex('Ed25519', generatePrivateKeyHex('Ed25519'));
 * @throws PassportError `ERR_REQUEST_INVALID` for a key type we do not hold or bytes that are not such a key.
 */
export function keyFromPrivateKeyHex(type: string, privateKeyHex: string): LoadedKey {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(privateKeyHex)) {
    throw new PassportError('ERR_REQUEST_INVALID', `the ${type} private key is not hex`, { field: 'privateKeyHex' });
  }
  const bytes = Buffer.from(privateKeyHex, 'hex');
  if (type === 'Ed25519') {
    if (bytes.length !== 32 && bytes.length !== 64) {
      throw new PassportError('ERR_REQUEST_INVALID', `an Ed25519 private key is 32 or 64 bytes, not ${bytes.length}`, { field: 'privateKeyHex' });
    }
    // Like kms-local, the seed alone is the key: the public half of a 64-byte form is derived again.
    const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, bytes.subarray(0, 32)]), format: 'der', type: 'pkcs8' });
    const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
    return { type, privateKey, publicKeyHex: Buffer.from(x ?? '', 'base64url').toString('hex') };
  }
  if (type === 'Secp256r1') {
    if (bytes.length !== 32) {
      throw new PassportError('ERR_REQUEST_INVALID', `a P-256 private key is 32 bytes, not ${bytes.length}`, { field: 'privateKeyHex' });
    }
    const ecdh = createECDH('prime256v1');
    try {
      ecdh.setPrivateKey(bytes);
    } catch (cause: unknown) {
      throw new PassportError('ERR_REQUEST_INVALID', 'the P-256 private key is not a scalar in [1, n-1]', { field: 'privateKeyHex', cause });
    }
    const point = ecdh.getPublicKey();
    const privateKey = createPrivateKey({
      key: { kty: 'EC', crv: 'P-256', d: bytes.toString('base64url'), x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') },
      format: 'jwk',
    });
    return { type, privateKey, publicKeyHex: ecdh.getPublicKey('hex', 'compressed') };
  }
  throw new PassportError('ERR_REQUEST_INVALID', `keys of type ${type} are not held by this key management system (Ed25519 and Secp256r1 are)`, { field: 'type' });
}

/**
 * A new private key, as hex in the format `@veramo/kms-local` writes (so a database stays readable
 * by it): Ed25519 seed||public, P-256 the 32-byte scalar. The issuer keeps its organisations' keys
 * in this form, sealed, in their records.
 *
 * @example
 * const sealed = box.seal(generatePrivateKeyHex('Secp256r1'), kid);
 */
export function generatePrivateKeyHex(type: KeyObjectKeyType): string {
  if (type === 'Ed25519') {
    const { d, x } = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
    return Buffer.concat([Buffer.from(d ?? '', 'base64url'), Buffer.from(x ?? '', 'base64url')]).toString('hex');
  }
  const { d } = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return Buffer.from(d ?? '', 'base64url').toString('hex');
}
