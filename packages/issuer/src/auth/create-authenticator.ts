import { PassportError, createSignInLimiter, type ErrorCode, type SignInLimiter } from '@staff-passport/core';
import { authenticateApiKey, type Principal } from '../api-keys/authenticate-api-key.js';
import type { Role } from '../api-keys/create-api-key.js';
import type { IssuerContext } from '../issuer-context.js';
import { authenticateBearer, type OidcPrincipal } from './authenticate-bearer.js';
import { recordAuthFailure } from './lib/record-auth-failure.js';
import type { OidcOptions } from './oidc-options.js';

/** An API key's principal, marked as such. */
export interface ApiKeyPrincipal extends Principal {
  kind: 'api-key';
  /** The key's one role, as a list (the same shape as {@link OidcPrincipal.roles}). */
  roles: Role[];
}

/** Who is calling, by API key or by OIDC access token. */
export type AuthenticatedPrincipal = ApiKeyPrincipal | OidcPrincipal;

/** What the authenticator reads from a request (an express `Request` is one). */
export interface AuthRequest {
  headers: { authorization?: string | undefined };
  /** The client's address as the app sees it (express's `req.ip`, which honours `trust proxy`). */
  ip?: string | undefined;
  socket?: { remoteAddress?: string | undefined };
}

/** Signs in the caller of a request for the organisation in its URL. */
export type Authenticator = (req: AuthRequest, orgId: string) => Promise<AuthenticatedPrincipal>;

/** Options for {@link createAuthenticator}. */
export interface CreateAuthenticatorOptions extends OidcOptions {
  /** Counts failed sign-ins per address and organisation (default: {@link createSignInLimiter}'s defaults); `false` for none. */
  limiter?: SignInLimiter | false;
}

// Failures that a wrong or stolen credential causes. A missing header (a browser's first try) and
// an unreachable identity provider (not the caller's doing) are not counted.
const COUNTED = new Set<ErrorCode>(['ERR_AUTH_INVALID', 'ERR_FORBIDDEN', 'ERR_ORG_NOT_FOUND', 'ERR_OIDC_TOKEN_INVALID', 'ERR_OIDC_NOT_CONFIGURED']);
const API_KEY = /^bearer +sp_/i;

/**
 * The one sign-in step of every protected route: an `sp_` bearer token is an API key, anything
 * else an OIDC access token from the organisation's identity provider. Either way the principal
 * returned belongs to the organisation in the URL (an API key of another organisation is refused
 * here too, as if that organisation did not exist: `ERR_ORG_NOT_FOUND`). Failed sign-ins are counted per address and organisation; a caller over the limit is
 * refused with 429 before its credential is even looked at. Failures are in the audit log.
 *
 * @example
 * const authenticate = createAuthenticator(ctx);
 * app.post('/orgs/:orgId/credentials/issue', async (req, res) => {
 *   const principal = await authenticate(req, orgIdOf(req));
 *   authorise(principal, principal.orgId, ['issuer', 'org-admin']);
 * });
 * @throws PassportError `ERR_RATE_LIMITED` (a {@link RateLimitedError}), `ERR_AUTH_MISSING`,
 *   `ERR_AUTH_INVALID`, `ERR_ORG_NOT_FOUND` (an API key of another organisation), `ERR_FORBIDDEN`
 *   (a token granting no role), `ERR_OIDC_NOT_CONFIGURED`, `ERR_OIDC_TOKEN_INVALID`,
 *   `ERR_OIDC_PROVIDER_UNAVAILABLE`.
 */
export function createAuthenticator(ctx: IssuerContext, options: CreateAuthenticatorOptions = {}): Authenticator {
  const limiter = options.limiter === false ? undefined : (options.limiter ?? createSignInLimiter(options.nowMs ? { nowMs: options.nowMs } : {}));

  const signIn = async (authorization: string | undefined, orgId: string, ip: string): Promise<AuthenticatedPrincipal> => {
    if (!authorization || !API_KEY.test(authorization)) return authenticateBearer(ctx, authorization, orgId, { ...options, ip });
    let principal: Principal;
    try {
      principal = await authenticateApiKey(ctx, authorization);
    } catch (err: unknown) {
      if (err instanceof PassportError && err.code !== 'ERR_AUTH_MISSING') {
        await recordAuthFailure(ctx, { orgId, method: 'api-key', code: err.code, reason: 'unknown-key', ip }, options);
      }
      throw err;
    }
    if (principal.orgId !== orgId) {
      // The answer an organisation that does not exist gets (as the issuer's routes give): a key
      // learns nothing about other organisations.
      await recordAuthFailure(ctx, { orgId, method: 'api-key', code: 'ERR_ORG_NOT_FOUND', reason: 'other-organisation', ip }, options);
      throw new PassportError('ERR_ORG_NOT_FOUND', 'no organisation with that id', { field: 'orgId' });
    }
    return { ...principal, kind: 'api-key', roles: [principal.role] };
  };

  return async (req, orgId) => {
    const ip = req.ip ?? req.socket?.remoteAddress ?? 'unknown';
    const key = JSON.stringify([ip, orgId]);
    if (limiter) {
      try {
        limiter.check(key);
      } catch (err: unknown) {
        // Written once per window per caller (the audit throttle), however long the flood.
        await recordAuthFailure(ctx, { orgId, method: API_KEY.test(req.headers.authorization ?? '') ? 'api-key' : 'oidc', code: 'ERR_RATE_LIMITED', reason: 'rate-limited', ip }, options);
        throw err;
      }
    }
    try {
      return await signIn(req.headers.authorization, orgId, ip);
    } catch (err: unknown) {
      if (limiter && err instanceof PassportError && COUNTED.has(err.code)) limiter.fail(key);
      throw err;
    }
  };
}
