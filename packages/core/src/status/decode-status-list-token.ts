import { decodeCompactJws } from '../jose/compact-jws.js';
import { PassportError } from '../errors/passport-error.js';
import { inflateLimited } from './lib/decompress-limited.js';
import { isStatusListTokenType, parseStatusListToken, type StatusListTokenClaims } from './lib/parse-status-list-token.js';
import { tokenStatusListOf } from './lib/read-token-status-list.js';
import { DEFAULT_MAX_STATUS_LIST_BYTES } from './status-limits.js';
import type { TokenStatusList } from './token-status-list.js';

export type { StatusListTokenClaims } from './lib/parse-status-list-token.js';

/** A decoded, not verified, Status List Token. */
export interface DecodedStatusListToken {
  header: Record<string, unknown>;
  claims: StatusListTokenClaims;
  list: TokenStatusList;
}

/**
 * Decodes a Status List Token JWT without verifying its signature (draft-ietf-oauth-status-list,
 * section 5.1): for display and tests. To rely on a status, use `checkCredentialStatus`, which
 * verifies the signature and the issuer.
 *
 * @throws PassportError `ERR_STATUS_LIST_INVALID` when it is not a Status List Token;
 *   `ERR_STATUS_LIST_TOO_LARGE` when its list expands past `maxBytes`.
 * @example
 * decodeStatusListToken(jwt).list.get(0); // 0 VALID, 1 INVALID, 2 SUSPENDED
 */
export function decodeStatusListToken(jwt: string, options: { maxBytes?: number } = {}): DecodedStatusListToken {
  let decoded;
  try {
    decoded = decodeCompactJws(jwt, 'ERR_VC_MALFORMED');
  } catch (cause: unknown) {
    throw new PassportError('ERR_STATUS_LIST_INVALID', 'not a compact JWS', { cause });
  }
  if (!isStatusListTokenType(decoded.header['typ'])) throw new PassportError('ERR_STATUS_LIST_INVALID', 'typ is not statuslist+jwt');
  const { claims, list } = parseStatusListToken(decoded.payload);
  return { header: decoded.header, claims, list: tokenStatusListOf(list.bits, inflateLimited(list.compressed, options.maxBytes ?? DEFAULT_MAX_STATUS_LIST_BYTES)) };
}
