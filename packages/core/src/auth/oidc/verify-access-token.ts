import { jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { PassportError } from '../../errors/passport-error.js';

/**
 * Checks an access token from an organisation's OpenID provider (a JWT, RFC 9068) against that
 * organisation's configuration: signature with the provider's keys, one of the algorithms allowed,
 * issuer, audience, expiry and not-before with a small clock skew, and a `sub`. Returns its claims.
 *
 * @example
 * const claims = await verifyAccessToken(token, config, keys, { now: ctx.now() });
 * @throws PassportError `ERR_OIDC_TOKEN_INVALID` (field `authorization`, the jose error as cause).
 */
export async function verifyAccessToken(
  token: string,
  config: { issuer: string; audience: string; allowedAlgs: readonly string[] },
  keys: JWTVerifyGetKey,
  options: { now: Date; clockToleranceSeconds?: number },
): Promise<JWTPayload & { sub: string }> {
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: config.issuer,
      audience: config.audience,
      algorithms: [...config.allowedAlgs],
      clockTolerance: options.clockToleranceSeconds ?? 30,
      currentDate: options.now,
      requiredClaims: ['sub', 'exp'],
    });
    if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 255) throw new Error('no usable sub');
    return payload as JWTPayload & { sub: string };
  } catch (err: unknown) {
    throw new PassportError('ERR_OIDC_TOKEN_INVALID', 'the access token is not valid', { field: 'authorization', cause: err });
  }
}
