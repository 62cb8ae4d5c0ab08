import { isObject } from '../jose/compact-jws.js';
import { PassportError } from '../errors/passport-error.js';
import { decodeBase64urlStrict } from './lib/decode-base64url-strict.js';
import { inflateLimited } from './lib/decompress-limited.js';
import { DEFAULT_MAX_STATUS_LIST_BYTES } from './status-limits.js';
import { isTokenStatusBits, TokenStatusList } from './token-status-list.js';

/** Options for {@link decodeTokenStatusList}. */
export interface DecodeTokenStatusListOptions {
  /** The most bytes decompression may produce; default {@link DEFAULT_MAX_STATUS_LIST_BYTES}. */
  maxBytes?: number;
}

/**
 * Decodes a JSON Status List `{bits, lst}` (draft-ietf-oauth-status-list, section 4.2): base64url,
 * then ZLIB decompression stopped at `maxBytes`. Every whole status the bytes hold is addressable.
 *
 * @throws PassportError `ERR_STATUS_LIST_TOO_LARGE` when `lst` expands past `maxBytes`;
 *   `ERR_STATUS_LIST_INVALID` for anything else that is not a Status List.
 * @example
 * decodeTokenStatusList({ bits: 1, lst: 'eNrbuRgAAhcBXQ' }).get(0); // 1
 */
export function decodeTokenStatusList(statusList: unknown, options: DecodeTokenStatusListOptions = {}): TokenStatusList {
  if (!isObject(statusList)) throw new PassportError('ERR_STATUS_LIST_INVALID', 'status_list must be an object');
  const { bits, lst } = statusList;
  if (!isTokenStatusBits(bits)) throw new PassportError('ERR_STATUS_LIST_INVALID', 'status_list.bits must be 1, 2, 4 or 8');
  if (typeof lst !== 'string' || lst.length === 0) throw new PassportError('ERR_STATUS_LIST_INVALID', 'status_list.lst must be a string');
  const bytes = inflateLimited(decodeBase64urlStrict(lst, 'status_list.lst'), options.maxBytes ?? DEFAULT_MAX_STATUS_LIST_BYTES);
  if (bytes.length === 0) throw new PassportError('ERR_STATUS_LIST_INVALID', 'status_list.lst holds no statuses');
  return new TokenStatusList({ bits, bytes });
}
