import { PassportError } from '../errors/passport-error.js';

/** The `status` claim of a Referenced Token such as an SD-JWT VC (draft-ietf-oauth-status-list, section 6.2). */
export type TokenStatusClaim = { status_list: { idx: number; uri: string } };

/**
 * The `status` claim that points a token at its entry in a Status List Token.
 *
 * @throws PassportError `ERR_STATUS_INDEX_OUT_OF_RANGE` when `idx` is not a non-negative integer.
 * @example
 * const payload = { ...claims, status: tokenStatusClaim({ uri: listUrl, idx: 412 }) };
 */
export function tokenStatusClaim(options: { uri: string; idx: number }): TokenStatusClaim {
  if (!Number.isSafeInteger(options.idx) || options.idx < 0) {
    throw new PassportError('ERR_STATUS_INDEX_OUT_OF_RANGE', `idx must be a non-negative integer, not ${options.idx}`);
  }
  return { status_list: { idx: options.idx, uri: options.uri } };
}
