import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { PassportError } from '../errors/passport-error.js';

/** Seals and opens small secrets kept at rest (keys, live offers) with AES-256-GCM. */
export interface SecretBox {
  /** `v1.<iv>.<tag>.<ciphertext>` (base64url); `aad` binds it to its row (e.g. the key's DID). */
  seal(plain: Uint8Array | string, aad?: string): string;
  /**
   * @throws PassportError `ERR_CONFIG_INVALID` when it does not open with this secret (or was altered).
   */
  open(sealed: string, aad?: string): Buffer;
}

/**
 * A {@link SecretBox} keyed from the configured secret (64 hex characters) by HKDF-SHA256 with a
 * purpose label, so each use (verifier key, wallet keys, issuer offers) has its own key.
 *
 * @example
 * const box = createSecretBox(config.secretKey, 'staff-passport issuer offers');
 * const sealed = box.seal(offerJson, offerId);
 * @throws PassportError `ERR_CONFIG_INVALID` when the secret is not 64 hex characters.
 */
export function createSecretBox(secretKeyHex: string, purpose: string): SecretBox {
  if (!/^[0-9a-fA-F]{64}$/.test(secretKeyHex)) throw new PassportError('ERR_CONFIG_INVALID', 'the secret key must be 64 hex characters', { field: 'secretKey' });
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secretKeyHex, 'hex'), Buffer.alloc(0), purpose, 32));
  return {
    seal(plain, aad) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));
      const body = Buffer.concat([cipher.update(typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed, aad) {
      try {
        const [version, iv, tag, body] = sealed.split('.');
        if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed value');
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
      } catch (cause: unknown) {
        throw new PassportError('ERR_CONFIG_INVALID', `a sealed ${purpose} value does not open with this secret`, { field: 'secretKey', cause });
      }
    },
  };
}
