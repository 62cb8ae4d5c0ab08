import { isObject } from '../../lib/is-object.js';
import type { ErrorCode } from '../../errors/error-codes.js';
import { PassportError } from '../../errors/passport-error.js';
import type { DecodedJwt } from '../types.js';
import { decodeBase64urlText } from './base64url.js';

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** The parts of an SD-JWT or SD-JWT+KB in compact form (RFC 9901, section 4). */
export interface SdJwtParts {
  issuerJwt: string;
  /** The Disclosures, in the order given. */
  disclosures: string[];
  /** The KB-JWT, when the text is an SD-JWT+KB. */
  kbJwt: string | undefined;
  /** `<Issuer-signed JWT>~<Disclosure 1>~...~<Disclosure N>~`: the SD-JWT without the KB-JWT (the `sd_hash` input). */
  sdJwt: string;
}

/**
 * Splits `<Issuer-signed JWT>~<Disclosure 1>~...~<Disclosure N>~<optional KB-JWT>` strictly: the
 * trailing `~` is required, no Disclosure may be empty, and each part has only its alphabet.
 *
 * @throws PassportError `ERR_SDJWT_MALFORMED`.
 */
export function splitSdJwt(compact: unknown): SdJwtParts {
  if (typeof compact !== 'string') throw new PassportError('ERR_SDJWT_MALFORMED', 'an SD-JWT is a string');
  const last = compact.lastIndexOf('~');
  if (last < 0) throw new PassportError('ERR_SDJWT_MALFORMED', 'not an SD-JWT: no "~" separator (RFC 9901, section 4)');
  const parts = compact.slice(0, last).split('~');
  const issuerJwt = parts[0]!;
  if (!JWS.test(issuerJwt)) throw new PassportError('ERR_SDJWT_MALFORMED', 'the Issuer-signed JWT is not a compact JWS');
  const disclosures = parts.slice(1);
  for (const [i, d] of disclosures.entries()) {
    if (!BASE64URL.test(d)) throw new PassportError('ERR_SDJWT_MALFORMED', `Disclosure ${i} is empty or not base64url`);
  }
  const tail = compact.slice(last + 1);
  if (tail !== '' && !JWS.test(tail)) throw new PassportError('ERR_SDJWT_MALFORMED', 'the part after the last "~" is neither empty nor a KB-JWT');
  return { issuerJwt, disclosures, kbJwt: tail === '' ? undefined : tail, sdJwt: compact.slice(0, last + 1) };
}

/**
 * Decodes a compact JWS whose header and payload are JSON objects, without verifying it.
 *
 * @throws PassportError with the code given.
 */
export function decodeJwt(jws: string, code: ErrorCode): DecodedJwt {
  const first = jws.indexOf('.');
  const second = jws.indexOf('.', first + 1);
  if (first < 0 || second < 0 || jws.indexOf('.', second + 1) >= 0) throw new PassportError(code, 'not a compact JWS (three base64url parts)');
  let header: unknown;
  let payload: unknown;
  try {
    header = JSON.parse(decodeBase64urlText(jws.slice(0, first)));
    payload = JSON.parse(decodeBase64urlText(jws.slice(first + 1, second)));
  } catch (cause: unknown) {
    throw new PassportError(code, 'the JWS header or payload is not base64url-encoded JSON', { cause });
  }
  if (!isObject(header) || !isObject(payload)) throw new PassportError(code, 'the JWS header and payload must be JSON objects');
  return { header, payload, encoded: jws };
}
