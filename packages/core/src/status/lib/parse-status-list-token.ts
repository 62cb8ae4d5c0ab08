import { PassportError } from '../../errors/passport-error.js';
import { isObject } from '../../lib/is-object.js';
import { readTokenStatusList, type CompressedTokenStatusList } from './read-token-status-list.js';

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
export function parseStatusListToken(payload: Record<string, unknown>): { claims: StatusListTokenClaims; list: CompressedTokenStatusList } {
  const { sub, iat, exp, ttl, iss } = payload;
  if (typeof sub !== 'string' || sub.length === 0) throw new PassportError('ERR_STATUS_LIST_INVALID', 'the Status List Token has no sub');
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw new PassportError('ERR_STATUS_LIST_INVALID', 'the Status List Token has no iat');
  if (exp !== undefined && (typeof exp !== 'number' || !Number.isFinite(exp))) throw new PassportError('ERR_STATUS_LIST_INVALID', 'exp must be a number');
  if (ttl !== undefined && (typeof ttl !== 'number' || !(ttl > 0))) throw new PassportError('ERR_STATUS_LIST_INVALID', 'ttl must be a positive number');
  if (iss !== undefined && typeof iss !== 'string') throw new PassportError('ERR_STATUS_LIST_INVALID', 'iss must be a string');
  if (!isObject(payload['status_list'])) throw new PassportError('ERR_STATUS_LIST_INVALID', 'the Status List Token has no status_list');
  const list = readTokenStatusList(payload['status_list']);
  return {
    claims: { sub, iat, ...(exp === undefined ? {} : { exp }), ...(ttl === undefined ? {} : { ttl }), ...(iss === undefined ? {} : { iss }) },
    list,
  };
}
