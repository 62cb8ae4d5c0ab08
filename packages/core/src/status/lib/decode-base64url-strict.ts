import { PassportError } from '../../errors/passport-error.js';

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Decodes base64url without padding (RFC 4648, section 5), refusing any other character: Node's
 * decoder silently skips characters it does not know, which would hide a corrupted list.
 */
export function decodeBase64urlStrict(text: string, what: string): Buffer {
  if (!BASE64URL.test(text) || text.length % 4 === 1) {
    throw new PassportError('ERR_STATUS_LIST_INVALID', `${what} is not base64url without padding`);
  }
  return Buffer.from(text, 'base64url');
}
