export type { AuthContext } from './auth-context.js';
export { authenticateBearer } from './authenticate-bearer.js';
export type { AuthenticateBearerOptions, OidcPrincipal } from './authenticate-bearer.js';
export { createAuthenticator } from './create-authenticator.js';
export type { ApiKeyPrincipal, AuthRequest, AuthenticatedPrincipal, Authenticator, CreateAuthenticatorOptions } from './create-authenticator.js';
// Shared with the verifier through core (issue 20).
export { createSignInLimiter, RateLimitedError } from '@staff-passport/core';
export { addAuthHeaders } from '@staff-passport/web-kit';
export type { SignInLimiter, SignInLimiterOptions } from '@staff-passport/core';
export { deleteOidcConfig } from './delete-oidc-config.js';
export { getOidcConfig } from './get-oidc-config.js';
export { DEFAULT_OIDC_ALGS, DEFAULT_ROLE_CLAIM, OIDC_ALGS } from './oidc-config.js';
export type { OidcAlg, OidcConfig, OidcConfigInput } from './oidc-config.js';
export type { OidcOptions } from './oidc-options.js';
export { parseOidcConfigInput } from './parse-oidc-config-input.js';
export type { ParseOidcConfigOptions } from './parse-oidc-config-input.js';
export { setOidcConfig } from './set-oidc-config.js';
