import { decodeJwt, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { PassportError, type ErrorCode } from '@staff-passport/core';
import type { Principal } from '../api-keys/authenticate-api-key.js';
import type { Role } from '../api-keys/create-api-key.js';
import type { AuthContext } from './auth-context.js';
import { getOidcConfig } from './get-oidc-config.js';
import { recordAuthFailure } from './lib/record-auth-failure.js';
import { rolesFromClaims } from './lib/roles-from-claims.js';
import { resolveJwks } from './lib/resolve-jwks.js';
import type { OidcOptions } from './oidc-options.js';

/**
 * Who is calling, signed in through the organisation's identity provider. Shaped like an API key's
 * {@link Principal} (so `authorise` and the issuing code take it as is), plus who signed in.
 */
export interface OidcPrincipal extends Principal {
  kind: 'oidc';
  /** `oidc:<sub>`: what the audit log and issuing records name as the actor. */
  keyId: string;
  /** The highest of {@link OidcPrincipal.roles}: org-admin, then issuer, then auditor. */
  role: Role;
  /** Every role the token's role claim maps to. */
  roles: Role[];
  /** The token's `sub` (a user, or the client for client-credentials tokens). */
  subject: string;
  /** The token's `iss`, the organisation's configured identity provider. */
  issuer: string;
  /** The OAuth client the token was issued to (`client_id`, else `azp`), when the token says. */
  clientId?: string;
}

/** Options for {@link authenticateBearer}. */
export interface AuthenticateBearerOptions extends OidcOptions {
  /** The caller's address, kept with failures in the audit log. */
  ip?: string | undefined;
}

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
// Three base64url parts; the signature may be empty (alg "none"), which is then refused by alg.
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const MAX_TOKEN = 16 * 1024;
// RFC 9068 section 2.1 types access tokens `at+jwt`; many providers still send `JWT` or nothing.
// Anything else (an ID token's logout+jwt, a credential's vc+jwt, a DPoP proof) is not an access token.
const ACCESS_TOKEN_TYPES = new Set(['at+jwt', 'application/at+jwt', 'jwt']);
const DEFAULT_CLOCK_TOLERANCE_S = 30;

/** Which check a token failed, from jose's error codes. */
function reasonFor(err: unknown): { code: ErrorCode; reason: string } {
  const joseCode = (err as { code?: unknown } | null)?.code;
  const claim = (err as { claim?: unknown } | null)?.claim;
  switch (joseCode) {
    case 'ERR_JWT_EXPIRED':
      return { code: 'ERR_OIDC_TOKEN_INVALID', reason: 'expired' };
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'iss') return { code: 'ERR_OIDC_TOKEN_INVALID', reason: 'issuer' };
      if (claim === 'aud') return { code: 'ERR_OIDC_TOKEN_INVALID', reason: 'audience' };
      if (claim === 'nbf') return { code: 'ERR_OIDC_TOKEN_INVALID', reason: 'not-yet-valid' };
      return { code: 'ERR_OIDC_TOKEN_INVALID', reason: 'claims' };
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return { code: 'ERR_OIDC_TOKEN_INVALID', reason: 'signature' };
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return { code: 'ERR_OIDC_TOKEN_INVALID', reason: 'key-not-found' };
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return { code: 'ERR_OIDC_TOKEN_INVALID', reason: 'alg-not-allowed' };
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return { code: 'ERR_OIDC_TOKEN_INVALID', reason: 'malformed' };
    default:
      // Timeouts, a JWKS that is not one, a refused connection: the provider, not the token.
      return { code: 'ERR_OIDC_PROVIDER_UNAVAILABLE', reason: 'provider-unavailable' };
  }
}

function stringClaim(payload: JWTPayload | undefined, name: string): string | undefined {
  const value = payload?.[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Signs in with an OIDC access token (a JWT from the organisation's own identity provider, RFC
 * 9068) for the organisation in the URL: the token is checked against that organisation's
 * configuration only (issuer, audience, key set, algorithms), with `exp` and `nbf` allowing a small
 * clock skew, and its role claim mapped to our roles. Every failure is written to the audit log
 * (throttled), with the token's `iss` and `sub` when decodable, never the token.
 *
 * @example
 * const principal = await authenticateBearer(ctx, req.get('authorization'), orgId, { ip: req.ip });
 * authorise(principal, orgId, ['issuer', 'org-admin']);
 * @throws PassportError `ERR_AUTH_MISSING` (no header), `ERR_OIDC_NOT_CONFIGURED` (the organisation
 *   has no OIDC configuration), `ERR_OIDC_TOKEN_INVALID` (malformed, not a JWT, algorithm not
 *   allowed, bad signature, unknown key, wrong issuer or audience, expired, not yet valid),
 *   `ERR_FORBIDDEN` (a valid token whose roles map to none of ours), `ERR_OIDC_PROVIDER_UNAVAILABLE`
 *   (discovery or the key set could not be fetched).
 */
export async function authenticateBearer(
  ctx: AuthContext,
  authorization: string | undefined,
  orgId: string,
  options: AuthenticateBearerOptions = {},
): Promise<OidcPrincipal> {
  if (!authorization) throw new PassportError('ERR_AUTH_MISSING', 'send an access token as Authorization: Bearer <token>', { field: 'authorization' });

  let claimed: JWTPayload | undefined;
  const fail = async (code: ErrorCode, reason: string, message: string, verified?: JWTPayload, cause?: unknown): Promise<PassportError> => {
    const claims = verified ?? claimed;
    await recordAuthFailure(
      ctx,
      { orgId, method: 'oidc', code, reason, ip: options.ip, iss: stringClaim(claims, 'iss'), sub: stringClaim(claims, 'sub'), claimsVerified: verified !== undefined },
      options,
    );
    return new PassportError(code, message, { field: 'authorization', ...(cause === undefined ? {} : { cause }) });
  };

  const token = authorization.length <= MAX_TOKEN + 10 ? BEARER.exec(authorization)?.[1] : undefined;
  if (!token) throw await fail('ERR_OIDC_TOKEN_INVALID', 'malformed', 'the Authorization header is not a bearer token');
  if (JWT_SHAPE.test(token)) {
    try {
      claimed = decodeJwt(token);
    } catch {
      // Left undefined: the failure is recorded without claims.
    }
  }

  const config = await getOidcConfig(ctx, orgId);
  if (!config) throw await fail('ERR_OIDC_NOT_CONFIGURED', 'not-configured', 'this organisation does not accept OIDC sign-in');
  if (!JWT_SHAPE.test(token)) throw await fail('ERR_OIDC_TOKEN_INVALID', 'not-a-jwt', 'the access token is not a JWT');

  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch (err: unknown) {
    throw await fail('ERR_OIDC_TOKEN_INVALID', 'malformed', 'the access token is not a JWT', undefined, err);
  }
  // Checked before any key is fetched: `none`, HS* and anything else not configured never gets further.
  if (typeof header.alg !== 'string' || !(config.allowedAlgs as readonly string[]).includes(header.alg)) {
    throw await fail('ERR_OIDC_TOKEN_INVALID', 'alg-not-allowed', `the access token's algorithm is not one of ${config.allowedAlgs.join(', ')}`);
  }
  const typ: unknown = header.typ;
  if (typ !== undefined && (typeof typ !== 'string' || !ACCESS_TOKEN_TYPES.has(typ.toLowerCase()))) {
    throw await fail('ERR_OIDC_TOKEN_INVALID', 'typ', 'the token is not an access token');
  }

  let payload: JWTPayload;
  try {
    const keys = await resolveJwks(ctx, config, options);
    ({ payload } = await jwtVerify(token, keys, {
      issuer: config.issuer,
      audience: config.audience,
      algorithms: config.allowedAlgs,
      clockTolerance: options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_S,
      currentDate: ctx.now(),
      requiredClaims: ['sub', 'exp'],
    }));
  } catch (err: unknown) {
    if (err instanceof PassportError) throw await fail(err.code, 'provider-unavailable', err.message, undefined, err);
    const { code, reason } = reasonFor(err);
    const message = code === 'ERR_OIDC_TOKEN_INVALID' ? `the access token is not valid (${reason})` : "the organisation's identity provider could not be reached";
    throw await fail(code, reason, message, undefined, err);
  }

  const subject = payload.sub;
  if (typeof subject !== 'string' || subject.length === 0 || subject.length > 255) {
    throw await fail('ERR_OIDC_TOKEN_INVALID', 'claims', 'the access token has no usable sub', payload);
  }
  const roles = rolesFromClaims(payload, config.roleClaim, config.roleMapping);
  const role = roles[0];
  if (!role) throw await fail('ERR_FORBIDDEN', 'no-role', `the access token's ${config.roleClaim} grant no role in this organisation`, payload);

  const clientId = stringClaim(payload, 'client_id') ?? stringClaim(payload, 'azp');
  return {
    kind: 'oidc',
    keyId: `oidc:${subject}`,
    orgId: config.orgId,
    role,
    roles,
    subject,
    issuer: config.issuer,
    ...(clientId === undefined ? {} : { clientId }),
  };
}
