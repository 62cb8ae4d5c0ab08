import { randomBytes } from 'node:crypto';
import { PassportError } from '../errors/passport-error.js';
import { sha256Hex } from '../lib/sha256.js';

/** A new API key: the secret, shown once, and the hash that is all a service keeps of it. */
export interface GeneratedApiKey {
  /** The bearer token (`<prefix>_<43 base64url characters>`). Never stored. */
  apiKey: string;
  /** Its SHA-256 (hex): what the key is looked up by. */
  keyHash: string;
}

const BEARER_KEY = /^Bearer ([A-Za-z0-9_-]{10,200})$/;

/**
 * A fresh API key with 256 bits of randomness, and its hash.
 *
 * @example
 * const { apiKey, keyHash } = generateApiKey('sp');
 */
export function generateApiKey(prefix: string): GeneratedApiKey {
  const apiKey = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { apiKey, keyHash: sha256Hex(apiKey) };
}

/**
 * The hash of the API key in an `Authorization: Bearer <key>` header, to look the key up by: the
 * secret itself is never stored or compared.
 *
 * @example
 * const keyHash = apiKeyHashOf(req.get('authorization'));
 * @throws PassportError `ERR_AUTH_MISSING` (no header), `ERR_AUTH_INVALID` (not a bearer key).
 */
export function apiKeyHashOf(authorization: string | undefined): string {
  if (!authorization) throw new PassportError('ERR_AUTH_MISSING', 'send an API key as Authorization: Bearer <key>', { field: 'authorization' });
  const match = BEARER_KEY.exec(authorization);
  if (!match) throw new PassportError('ERR_AUTH_INVALID', 'the Authorization header is not a bearer API key', { field: 'authorization' });
  return sha256Hex(match[1]!);
}
