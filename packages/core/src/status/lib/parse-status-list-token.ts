import { isObject } from '../../jose/compact-jws.js';
import { PassportError } from '../../errors/passport-error.js';
import { decodeTokenStatusList } from '../decode-token-status-list.js';
import type { TokenStatusList } from '../token-status-list.js';

/** The claims of a Status List Token we act on (draft-ietf-oauth-status-list, section 5.1). */
export interface StatusListTokenClaims {
  sub: string;
  iat: number;
  exp?: number;
  ttl?: number;
  iss?: string;
}

const TYPES = ['statuslist+jwt', 'application/statuslist+jwt'];

/** Whether a JWS header names a Status List Token (`typ`, compared as a media type: RFC 7515, section 4.1.9). */
export function isStatusListTokenType(typ: unknown): boolean {
  return typeof typ === 'string' && TYPES.includes(typ.toLowerCase());
}

/** Checks the required claims of a Status List Token and decodes its list. */
export function parseStatusListToken(payload: Record<string, unknown>, maxBytes: number): { claims: StatusListTokenClaims; list: TokenStatusList } {
  const { sub, iat, exp, ttl, iss } = payload;
  if (typeof sub !== 'string' || sub.length === 0) throw new PassportError('ERR_STATUS_LIST_INVALID', 'the Status List Token has no sub');
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw new PassportError('ERR_STATUS_LIST_INVALID', 'the Status List Token has no iat');
  if (exp !== undefined && (typeof exp !== 'number' || !Number.isFinite(exp))) throw new PassportError('ERR_STATUS_LIST_INVALID', 'exp must be a number');
  if (ttl !== undefined && (typeof ttl !== 'number' || !(ttl > 0))) throw new PassportError('ERR_STATUS_LIST_INVALID', 'ttl must be a positive number');
  if (iss !== undefined && typeof iss !== 'string') throw new PassportError('ERR_STATUS_LIST_INVALID', 'iss must be a string');
  if (!isObject(payload['status_list'])) throw new PassportError('ERR_STATUS_LIST_INVALID', 'the Status List Token has no status_list');
  const list = decodeTokenStatusList(payload['status_list'], { maxBytes });
  return {
    claims: { sub, iat, ...(exp === undefined ? {} : { exp }), ...(ttl === undefined ? {} : { ttl }), ...(iss === undefined ? {} : { iss }) },
    list,
  };
}
