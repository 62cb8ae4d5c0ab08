import { signCompactJws } from '../jose/compact-jws.js';
import type { JwsSigner } from '../jose/jws-signer.js';
import { PassportError } from '../errors/passport-error.js';
import { encodeTokenStatusList, type TokenStatusListJson } from './encode-token-status-list.js';
import { STATUS_LIST_JWT_MEDIA_TYPE, STATUS_LIST_JWT_TYPE } from './status-list-media-types.js';
import type { TokenStatusList } from './token-status-list.js';

export { STATUS_LIST_JWT_MEDIA_TYPE, STATUS_LIST_JWT_TYPE };

/** Options for {@link signStatusListToken}. */
export interface SignStatusListTokenOptions {
  /** The list's URI: the `sub` claim, equal to the `uri` in the tokens' `status` claims. */
  uri: string;
  /** The statuses, or a list already encoded. */
  list: TokenStatusList | TokenStatusListJson;
  signer: JwsSigner;
  /** `iat`; default now. */
  issuedAt?: Date;
  /** `exp`, recommended (section 5.1). */
  expiresAt?: Date;
  /** `ttl`: how long a consumer may cache the token, in seconds (section 5.1). */
  ttlSeconds?: number;
  /** `iss`, when the referenced tokens carry one (our issuer DID). */
  issuer?: string;
  /** DEFLATE level when `list` is not yet encoded. */
  compressionLevel?: number;
}

function seconds(date: Date, field: string): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new PassportError('ERR_STATUS_LIST_INVALID', `${field} is not a date`, { field });
  return Math.floor(ms / 1000);
}

/**
 * Builds and signs a Status List Token in JWT format (draft-ietf-oauth-status-list, section 5.1):
 * header `typ: statuslist+jwt`, claims `sub`, `iat`, `exp?`, `ttl?`, `iss?` and `status_list`.
 *
 * @throws PassportError `ERR_STATUS_LIST_INVALID` for a bad date or a `ttlSeconds` that is not positive.
 * @example
 * const jwt = await signStatusListToken({ uri: listUrl, list, signer, ttlSeconds: 300, issuer: orgDid });
 */
export async function signStatusListToken(options: SignStatusListTokenOptions): Promise<string> {
  if (options.ttlSeconds !== undefined && (!Number.isFinite(options.ttlSeconds) || options.ttlSeconds <= 0)) {
    throw new PassportError('ERR_STATUS_LIST_INVALID', 'ttlSeconds must be a positive number', { field: 'ttlSeconds' });
  }
  const statusList = 'lst' in options.list ? options.list : encodeTokenStatusList(options.list, { ...(options.compressionLevel === undefined ? {} : { compressionLevel: options.compressionLevel }) });
  const claims = {
    sub: options.uri,
    iat: seconds(options.issuedAt ?? new Date(), 'issuedAt'),
    ...(options.expiresAt ? { exp: seconds(options.expiresAt, 'expiresAt') } : {}),
    ...(options.ttlSeconds === undefined ? {} : { ttl: options.ttlSeconds }),
    ...(options.issuer === undefined ? {} : { iss: options.issuer }),
    status_list: statusList,
  };
  return signCompactJws({ typ: STATUS_LIST_JWT_TYPE }, claims, options.signer);
}
