import { deflateSync } from 'node:zlib';
import { DEFAULT_COMPRESSION_LEVEL } from './status-limits.js';
import type { TokenStatusBits, TokenStatusList } from './token-status-list.js';

/** A Status List in JSON (draft-ietf-oauth-status-list, section 4.2). */
export interface TokenStatusListJson {
  bits: TokenStatusBits;
  /** base64url of the ZLIB-compressed byte array. */
  lst: string;
  aggregation_uri?: string;
}

/** Options for {@link encodeTokenStatusList}. */
export interface EncodeTokenStatusListOptions {
  /** DEFLATE level, 1 to 9 (the draft recommends 9; the default favours speed). */
  compressionLevel?: number;
}

/**
 * Compresses a list with DEFLATE in the ZLIB format and encodes it as base64url, the JSON Status
 * List `{bits, lst}` (draft-ietf-oauth-status-list, sections 4.1 and 4.2).
 *
 * @example
 * encodeTokenStatusList(list); // { bits: 1, lst: 'eNrbuRgAAhcBXQ' }
 */
export function encodeTokenStatusList(list: TokenStatusList, options: EncodeTokenStatusListOptions = {}): TokenStatusListJson {
  const level = options.compressionLevel ?? DEFAULT_COMPRESSION_LEVEL;
  return { bits: list.bits, lst: deflateSync(list.bytes, { level }).toString('base64url') };
}
