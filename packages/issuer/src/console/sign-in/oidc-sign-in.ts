import {
  PassportError,
  finishOidcSignIn as finishSignIn,
  startOidcSignIn as startSignIn,
  type OidcCallbackQuery,
  type OidcClientConfig,
  type OidcSignInOptions,
  type OidcSignInResult,
  type OidcSignInState,
} from '@staff-passport/core';
import type { AuthContext } from '../../auth/auth-context.js';
import { getOidcConfig } from '../../auth/get-oidc-config.js';
import { resolveJwks } from '../../auth/lib/resolve-jwks.js';
import type { OidcConfig } from '../../auth/oidc-config.js';

// The protocol (discovery, PKCE, the token request, the ID token's checks) is core's, shared with
// the verifier desk (issue 20); what is the console's own is where its configuration comes from.
export { OIDC_SCOPE, OIDC_SIGN_IN_TTL_MS } from '@staff-passport/core';
export type { OidcCallbackQuery, OidcSignInOptions, OidcSignInResult, OidcSignInState } from '@staff-passport/core';

/** The organisation's configuration when the console may offer its sign-in (it names the console's client id). */
export async function consoleOidcConfig(ctx: AuthContext, orgId: string): Promise<(OidcConfig & { clientId: string }) | undefined> {
  if (!/^org_[0-9a-f]{16}$/.test(orgId)) return undefined;
  const config = await getOidcConfig(ctx, orgId);
  return config?.clientId ? { ...config, clientId: config.clientId } : undefined;
}

/**
 * Starts signing in to the console with the organisation's OpenID provider (core's
 * `startOidcSignIn`: authorization code with PKCE, RFC 8707 `resource`).
 *
 * @example
 * const { authorizationUrl, state } = await startOidcSignIn(ctx, { orgId, redirectUri: `${ctx.publicUrl}/console/sign-in/callback` });
 * @throws PassportError `ERR_OIDC_NOT_CONFIGURED` (no OIDC configuration with a console client id),
 *   `ERR_OIDC_PROVIDER_UNAVAILABLE` (discovery failed or names endpoints that are not allowed).
 */
export async function startOidcSignIn(
  ctx: AuthContext,
  input: { orgId: string; redirectUri: string; next?: string },
  options: OidcSignInOptions = {},
): Promise<{ authorizationUrl: string; state: OidcSignInState }> {
  const config: OidcClientConfig | undefined = await consoleOidcConfig(ctx, input.orgId);
  if (!config) throw new PassportError('ERR_OIDC_NOT_CONFIGURED', "this organisation does not offer sign-in with its own accounts in the console", { field: 'org' });
  return startSignIn(config, input, { ...options, now: ctx.now });
}

/**
 * Finishes the console's sign-in when the provider sends the browser back (core's
 * `finishOidcSignIn`), with the organisation's configuration and the key set the API checks tokens with.
 *
 * @throws PassportError `ERR_OIDC_SIGN_IN_FAILED`, `ERR_OIDC_NOT_CONFIGURED`, `ERR_OIDC_PROVIDER_UNAVAILABLE`.
 */
export async function finishOidcSignIn(ctx: AuthContext, saved: OidcSignInState, query: OidcCallbackQuery, options: OidcSignInOptions = {}): Promise<OidcSignInResult> {
  let config: (OidcConfig & { clientId: string }) | undefined;
  return finishSignIn(saved, query, {
    ...options,
    now: ctx.now,
    loadConfig: async () => (config = await consoleOidcConfig(ctx, saved.orgId)),
    keysFor: () => resolveJwks(ctx, config!, { allowHttpLoopback: options.allowHttpLoopback ?? false, ...(options.fetchJson ? { fetchJson: options.fetchJson } : {}) }),
  });
}
