import { PassportError, resolveJwksIn, rolesFromClaims, verifyAccessToken } from '@staff-passport/core';
import type { VerifierContext } from '../verifier-context.js';
import type { VerifierOidcConfig } from './verifier-oidc-config.js';
import { VERIFIER_ROLES, type VerifierPrincipal } from './verifier-roles.js';

const CLOCK_TOLERANCE_S = 30;

/**
 * An organisation's OpenID provider configuration, when it has one.
 *
 * @example
 * const config = await getVerifierOidcConfig(ctx, orgId);
 */
export async function getVerifierOidcConfig(ctx: Pick<VerifierContext, 'stores'>, orgId: string): Promise<VerifierOidcConfig | undefined> {
  const found = await ctx.stores.oidcConfigs.find(orgId);
  return found ? (found.config as VerifierOidcConfig) : undefined;
}

/**
 * The keys of an organisation's provider, from the context's cache (discovery, then jose's remote
 * key set with its cooldown).
 *
 * @throws PassportError `ERR_OIDC_PROVIDER_UNAVAILABLE`
 */
export function providerKeysOf(ctx: Pick<VerifierContext, 'identityProviders'>, orgId: string, config: Pick<VerifierOidcConfig, 'issuer' | 'jwksUri' | 'updatedAt'>) {
  return resolveJwksIn(ctx.identityProviders.jwks, orgId, config, { allowHttpLoopback: ctx.identityProviders.allowHttpLoopback });
}

/**
 * Signs in with an access token from the organisation's own OpenID provider (a JWT, RFC 9068):
 * checked against that organisation's configuration only (issuer, audience, keys, algorithms,
 * expiry with a small clock skew), its role claim mapped to the verifier's roles.
 *
 * @example
 * const principal = await authenticateOidcToken(ctx, accessToken, orgId);
 * @throws PassportError `ERR_OIDC_NOT_CONFIGURED`, `ERR_OIDC_TOKEN_INVALID`, `ERR_FORBIDDEN` (no role granted), `ERR_OIDC_PROVIDER_UNAVAILABLE`.
 */
export async function authenticateOidcToken(ctx: Pick<VerifierContext, 'stores' | 'identityProviders' | 'now'>, token: string, orgId: string): Promise<VerifierPrincipal> {
  const config = await getVerifierOidcConfig(ctx, orgId);
  if (!config) throw new PassportError('ERR_OIDC_NOT_CONFIGURED', 'this organisation does not sign in with an OpenID provider', { field: 'authorization' });
  const payload = await verifyAccessToken(token, config, await providerKeysOf(ctx, orgId, config), { now: ctx.now(), clockToleranceSeconds: CLOCK_TOLERANCE_S });
  const roles = rolesFromClaims(payload, config.roleClaim, config.roleMapping, VERIFIER_ROLES);
  if (!roles[0]) throw new PassportError('ERR_FORBIDDEN', `the access token's ${config.roleClaim} grant no role in this organisation`, { field: 'authorization' });
  const sub = payload.sub;
  const name = typeof payload['name'] === 'string' ? payload['name'] : undefined;
  return { kind: 'oidc', orgId, role: roles[0], roles, actor: `oidc:${sub}`, displayName: name ?? sub };
}
