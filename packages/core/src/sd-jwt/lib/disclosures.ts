import { PassportError } from '../../errors/passport-error.js';
import type { Hasher } from '../types.js';
import { asciiBytes, decodeBase64urlText, encodeBase64url, encodeBase64urlText } from './base64url.js';

/** A Disclosure's contents (RFC 9901, sections 4.2.1 and 4.2.2). */
export interface DisclosureContents {
  salt: string;
  /** Absent for an array element. */
  name?: string;
  value: unknown;
}

/** Claim names a Disclosure may not carry (RFC 9901, section 7.1, step 3.3.2.2). */
export const RESERVED_CLAIM_NAMES: ReadonlySet<string> = new Set(['_sd', '...']);

/**
 * Decodes a Disclosure: base64url of a JSON array `[salt, name, value]` (an object property) or
 * `[salt, value]` (an array element).
 *
 * @throws PassportError `ERR_SDJWT_DISCLOSURE_INVALID`.
 */
export function parseDisclosure(encoded: string): DisclosureContents {
  let array: unknown;
  try {
    array = JSON.parse(decodeBase64urlText(encoded));
  } catch (cause: unknown) {
    throw new PassportError('ERR_SDJWT_DISCLOSURE_INVALID', 'a Disclosure is not base64url-encoded JSON', { cause });
  }
  if (!Array.isArray(array) || (array.length !== 2 && array.length !== 3)) {
    throw new PassportError('ERR_SDJWT_DISCLOSURE_INVALID', 'a Disclosure must be a JSON array of two or three elements (RFC 9901, section 4.2)');
  }
  if (typeof array[0] !== 'string') throw new PassportError('ERR_SDJWT_DISCLOSURE_INVALID', 'the salt of a Disclosure must be a string');
  if (array.length === 2) return { salt: array[0], value: array[1] as unknown };
  const name: unknown = array[1];
  if (typeof name !== 'string') throw new PassportError('ERR_SDJWT_DISCLOSURE_INVALID', 'the claim name of a Disclosure must be a string');
  if (RESERVED_CLAIM_NAMES.has(name)) throw new PassportError('ERR_SDJWT_DISCLOSURE_INVALID', `a Disclosure may not carry the claim name "${name}"`);
  return { salt: array[0], name, value: array[2] as unknown };
}

/** Encodes a Disclosure (RFC 9901, sections 4.2.1 and 4.2.2). */
export function encodeDisclosure(salt: string, name: string | undefined, value: unknown): string {
  return encodeBase64urlText(JSON.stringify(name === undefined ? [salt, value] : [salt, name, value]));
}

/** base64url of the hash of the US-ASCII bytes of a text (RFC 9901, sections 4.2.3 and 4.3.1). */
export function digestOf(text: string, hasher: Hasher): string | Promise<string> {
  const hashed = hasher(asciiBytes(text));
  return hashed instanceof Uint8Array ? encodeBase64url(hashed) : hashed.then(encodeBase64url);
}

/** The digests of several texts, awaiting only when the hasher is asynchronous. */
export function digestsOf(texts: readonly string[], hasher: Hasher): string[] | Promise<string[]> {
  const digests = texts.map((t) => digestOf(t, hasher));
  return digests.every((d): d is string => typeof d === 'string') ? digests : Promise.all(digests);
}

/**
 * Checks `_sd_alg` (RFC 9901, section 4.1.1): absent means sha-256, the only one we hash with.
 *
 * @throws PassportError `ERR_VC_ALG_UNSUPPORTED`.
 */
export function assertSha256(payload: Record<string, unknown>): void {
  const alg = payload['_sd_alg'];
  if (alg !== undefined && alg !== 'sha-256') throw new PassportError('ERR_VC_ALG_UNSUPPORTED', `_sd_alg ${String(alg)} is not supported (sha-256)`);
}
