import { PassportError } from '../errors/passport-error.js';
import { isObject } from '../lib/is-object.js';
import type { JwsSigner } from './jws-signer.js';

/** base64url without padding (RFC 7515, section 2). */
export function base64url(input: string | Uint8Array): string {
  // A string is encoded as UTF-8 straight into the Buffer (no intermediate TextEncoder copy).
  return (typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input.buffer, input.byteOffset, input.byteLength)).toString('base64url');
}

/**
 * Builds and signs a compact JWS (RFC 7515, section 7.1) whose payload is a JSON object.
 *
 * @example
 * const jwt = await signCompactJws({ typ: 'vc+jwt' }, credential, signer);
 */
export async function signCompactJws(header: Record<string, unknown>, payload: object, signer: JwsSigner): Promise<string> {
  const protectedHeader = base64url(JSON.stringify({ ...header, alg: signer.alg, kid: signer.kid }));
  const signingInput = `${protectedHeader}.${base64url(JSON.stringify(payload))}`;
  return `${signingInput}.${await signer.sign(signingInput)}`;
}

/** The decoded, not yet verified, parts of a compact JWS. */
export interface DecodedJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/**
 * Decodes a compact JWS without verifying it.
 *
 * @throws PassportError with the code given, when the text is not a compact JWS of JSON objects.
 */
export function decodeCompactJws(jws: string, code: 'ERR_VC_MALFORMED' | 'ERR_VP_MALFORMED'): DecodedJws {
  const parts = typeof jws === 'string' ? jws.split('.') : [];
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) {
    throw new PassportError(code, 'not a compact JWS (three base64url parts)');
  }
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as unknown;
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown;
    if (!isObject(header) || !isObject(payload)) throw new Error('header and payload must be JSON objects');
    return { header, payload };
  } catch (cause: unknown) {
    throw new PassportError(code, 'the JWS header or payload is not a JSON object', { cause });
  }
}

export { isObject } from '../lib/is-object.js';
