import { resolveJwksIn } from '@staff-passport/core';
import type { JWTVerifyGetKey } from 'jose';
import type { AuthContext } from '../auth-context.js';
import type { OidcConfig } from '../oidc-config.js';
import type { OidcOptions } from '../oidc-options.js';

/**
 * The key set of an organisation's identity provider, cached per organisation: discovery runs
 * once an hour, jose's remote key set refreshes keys itself (cooldown between fetches), and a
 * failed discovery is remembered for the cooldown so bad requests do not hammer the IdP.
 *
 * @throws PassportError `ERR_OIDC_PROVIDER_UNAVAILABLE` (discovery failed or names an unusable JWKS URL).
 */
export function resolveJwks(ctx: AuthContext, config: OidcConfig, options: OidcOptions): Promise<JWTVerifyGetKey> {
  // Discovery, the remote key set and the cache rules are core's, shared with the verifier (issue 20).
  return resolveJwksIn(ctx.authState.jwks, config.orgId, config, options);
}

/** Forgets an organisation's cached key set (its configuration changed). */
export function forgetJwks(ctx: AuthContext, orgId: string): void {
  ctx.authState.jwks.delete(orgId);
}
