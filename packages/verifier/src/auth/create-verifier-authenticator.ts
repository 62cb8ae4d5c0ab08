import { PassportError, createSignInLimiter, type ErrorCode, type SignInLimiter } from '@staff-passport/core';
import type { Request } from 'express';
import type { VerifierAuthenticator } from '../http/guard-verifier-route.js';
import type { VerifierContext } from '../verifier-context.js';
import { authenticateVerifierKey } from './authenticate-verifier-key.js';
import type { VerifierPrincipal } from './verifier-roles.js';

/** Options for {@link createVerifierAuthenticator}. */
export interface CreateVerifierAuthenticatorOptions {
  /** Counts failed sign-ins per address (default: core's `createSignInLimiter` defaults); `false` for none. */
  limiter?: SignInLimiter | false;
  /**
   * Signs in a request without an `Authorization` header another way (the desk's session cookie,
   * on its GETs); undefined when it has none either.
   */
  fromSession?: (req: Request) => Promise<VerifierPrincipal | undefined>;
  /** Signs in a bearer token that is not one of our API keys (the organisation's OpenID provider's access token). */
  bearer?: (req: Request, authorization: string) => Promise<VerifierPrincipal>;
}

// Failures a wrong or stolen credential causes; a missing header (a first try) is not counted.
const COUNTED = new Set<ErrorCode>(['ERR_AUTH_INVALID', 'ERR_FORBIDDEN', 'ERR_OIDC_TOKEN_INVALID', 'ERR_OIDC_NOT_CONFIGURED']);
const API_KEY = /^bearer +spva?_/i;

/**
 * The verifier's sign-in: an organisation's API key (`Authorization: Bearer spv_...`), else a
 * bearer token of the organisation's OpenID provider (when `bearer` is given), else the desk's
 * session (when `fromSession` is given); callers that fail too often from one address are refused
 * for a while (429 `ERR_RATE_LIMITED` with `retry-after`).
 *
 * @example
 * const app = createVerifierApp(ctx, { authenticate: createVerifierAuthenticator(ctx) });
 * @throws PassportError `ERR_AUTH_MISSING`, `ERR_AUTH_INVALID`, `ERR_FORBIDDEN`, `ERR_RATE_LIMITED`, and the OpenID provider's codes.
 */
export function createVerifierAuthenticator(ctx: Pick<VerifierContext, 'stores'>, options: CreateVerifierAuthenticatorOptions = {}): VerifierAuthenticator {
  const limiter = options.limiter === false ? undefined : (options.limiter ?? createSignInLimiter());
  const signIn = async (req: Request, given: string | undefined): Promise<VerifierPrincipal> => {
    const authorization = given ?? req.get('authorization');
    if (authorization === undefined) {
      const session = await options.fromSession?.(req);
      if (session) return session;
    } else if (!API_KEY.test(authorization) && options.bearer) {
      return options.bearer(req, authorization);
    }
    return authenticateVerifierKey(ctx, authorization);
  };
  return async (req, authorization) => {
    const key = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    limiter?.check(key);
    try {
      return await signIn(req, authorization);
    } catch (err: unknown) {
      if (limiter && err instanceof PassportError && COUNTED.has(err.code)) limiter.fail(key);
      throw err;
    }
  };
}
