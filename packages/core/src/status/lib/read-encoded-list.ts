import { PassportError } from '../../errors/passport-error.js';
import { decodeBase64urlStrict } from './decode-base64url-strict.js';

/**
 * The GZIP bytes of a Bitstring Status List's `encodedList`: multibase base64url (prefix `u`)
 * decoded (Bitstring Status List v1.0, section 3.4, first step). Decompression is the caller's, so
 * this runs in browsers too.
 *
 * @throws PassportError `ERR_STATUS_LIST_INVALID`
 */
export function readEncodedList(encodedList: unknown): Uint8Array {
  if (typeof encodedList !== 'string' || !encodedList.startsWith('u')) {
    throw new PassportError('ERR_STATUS_LIST_INVALID', 'encodedList must be multibase base64url (prefix "u")');
  }
  return decodeBase64urlStrict(encodedList.slice(1), 'encodedList');
}
