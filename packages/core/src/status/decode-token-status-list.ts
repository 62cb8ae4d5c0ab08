import { inflateLimited } from './lib/decompress-limited.js';
import { readTokenStatusList, tokenStatusListOf } from './lib/read-token-status-list.js';
import { DEFAULT_MAX_STATUS_LIST_BYTES } from './status-limits.js';
import type { TokenStatusList } from './token-status-list.js';

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
  const { bits, compressed } = readTokenStatusList(statusList);
  return tokenStatusListOf(bits, inflateLimited(compressed, options.maxBytes ?? DEFAULT_MAX_STATUS_LIST_BYTES));
}
