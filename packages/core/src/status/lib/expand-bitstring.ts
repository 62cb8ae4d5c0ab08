import { PassportError } from '../../errors/passport-error.js';
import { decodeBase64urlStrict } from './decode-base64url-strict.js';
import { gunzipLimited } from './decompress-limited.js';

/**
 * The Bitstring Expansion Algorithm (Bitstring Status List v1.0, section 3.4): multibase-decode
 * (base64url, prefix `u`) then GZIP-decompress, stopping at `maxBytes`.
 */
export function expandBitstring(encodedList: unknown, maxBytes: number): Buffer {
  if (typeof encodedList !== 'string' || !encodedList.startsWith('u')) {
    throw new PassportError('ERR_STATUS_LIST_INVALID', 'encodedList must be multibase base64url (prefix "u")');
  }
  return gunzipLimited(decodeBase64urlStrict(encodedList.slice(1), 'encodedList'), maxBytes);
}
