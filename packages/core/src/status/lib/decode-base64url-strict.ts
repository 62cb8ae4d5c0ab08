import { base64url } from 'jose';
import { PassportError } from '../../errors/passport-error.js';

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Decodes base64url without padding (RFC 4648, section 5), refusing any other character: lenient
 * decoders silently skip characters they do not know, which would hide a corrupted list. Runs in
 * browsers (the status check of `@staff-passport/core/browser`).
 */
export function decodeBase64urlStrict(text: string, what: string): Uint8Array {
  if (!BASE64URL.test(text) || text.length % 4 === 1) {
    throw new PassportError('ERR_STATUS_LIST_INVALID', `${what} is not base64url without padding`);
  }
  return base64url.decode(text);
}
