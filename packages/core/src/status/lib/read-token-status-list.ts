import { PassportError } from '../../errors/passport-error.js';
import { isObject } from '../../lib/is-object.js';
import { isTokenStatusBits, TokenStatusList, type TokenStatusBits } from '../token-status-list.js';
import { decodeBase64urlStrict } from './decode-base64url-strict.js';

/** A JSON Status List `{bits, lst}` read but not yet decompressed. */
export interface CompressedTokenStatusList {
  bits: TokenStatusBits;
  /** `lst`, base64url-decoded: ZLIB data. */
  compressed: Uint8Array;
}

/**
 * Reads a JSON Status List (draft-ietf-oauth-status-list, section 4.2) up to its ZLIB bytes, so the
 * caller decompresses them its own way (zlib in Node, `DecompressionStream` in browsers).
 *
 * @throws PassportError `ERR_STATUS_LIST_INVALID`
 */
export function readTokenStatusList(statusList: unknown): CompressedTokenStatusList {
  if (!isObject(statusList)) throw new PassportError('ERR_STATUS_LIST_INVALID', 'status_list must be an object');
  const { bits, lst } = statusList;
  if (!isTokenStatusBits(bits)) throw new PassportError('ERR_STATUS_LIST_INVALID', 'status_list.bits must be 1, 2, 4 or 8');
  if (typeof lst !== 'string' || lst.length === 0) throw new PassportError('ERR_STATUS_LIST_INVALID', 'status_list.lst must be a string');
  return { bits, compressed: decodeBase64urlStrict(lst, 'status_list.lst') };
}

/**
 * The statuses of a decompressed list; every whole status the bytes hold is addressable.
 *
 * @throws PassportError `ERR_STATUS_LIST_INVALID` when the list holds no statuses.
 */
export function tokenStatusListOf(bits: TokenStatusBits, bytes: Uint8Array): TokenStatusList {
  if (bytes.length === 0) throw new PassportError('ERR_STATUS_LIST_INVALID', 'status_list.lst holds no statuses');
  return new TokenStatusList({ bits, bytes });
}
