import type { Role } from '../api-keys/create-api-key.js';
import type { OidcConfigRow } from '../store/oidc-config-store.js';

/**
 * The JWS algorithms an organisation may accept for access tokens: asymmetric only. `none` and the
 * HMAC algorithms are never allowed: an HS256 token "signed" with the IdP's public key (which
 * anyone can fetch) would otherwise verify (RFC 8725 section 2.1 and 3.1).
 */
export const OIDC_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;
export type OidcAlg = (typeof OIDC_ALGS)[number];

/** The algorithms accepted when a configuration names none: what most identity providers sign with. */
export const DEFAULT_OIDC_ALGS: readonly OidcAlg[] = ['RS256', 'PS256', 'ES256'];

/** The claim roles are read from when a configuration names none. */
export const DEFAULT_ROLE_CLAIM = 'roles';

/** How an organisation's staff sign in with their own identity provider (what an org-admin sends). */
export interface OidcConfigInput {
  /** The identity provider's issuer identifier, exactly as it appears in tokens' `iss`. */
  issuer: string;
  /** The `aud` our access tokens must carry (the resource indicator the IdP issues them for). */
  audience: string;
  /** Where the IdP's keys are; discovered from `<issuer>/.well-known/openid-configuration` when absent. */
  jwksUri?: string;
  /** The claim holding the user's roles or groups (default `roles`); a dotted path reaches into objects. */
  roleClaim?: string;
  /** The IdP's role or group values, each mapped to one of our roles; values not listed grant nothing. */
  roleMapping: Record<string, Role>;
  /** The JWS algorithms accepted (default {@link DEFAULT_OIDC_ALGS}); asymmetric only. */
  allowedAlgs?: OidcAlg[];
  /**
   * The HR console's client id at the identity provider (a public client using the authorization
   * code flow with PKCE). Without it the console does not offer this organisation's sign-in.
   */
  clientId?: string;
}

/** An organisation's stored OIDC configuration. */
export interface OidcConfig {
  orgId: string;
  issuer: string;
  audience: string;
  jwksUri: string | null;
  roleClaim: string;
  roleMapping: Record<string, Role>;
  allowedAlgs: OidcAlg[];
  /** The HR console's client id at the identity provider; `null` when the console does not offer its sign-in. */
  clientId: string | null;
  updatedAt: string;
}

/** Maps a stored row to an {@link OidcConfig}. */
export function oidcConfigFromRow(row: OidcConfigRow): OidcConfig {
  return {
    orgId: row.org_id,
    issuer: row.issuer,
    audience: row.audience,
    jwksUri: row.jwks_uri,
    roleClaim: row.role_claim,
    roleMapping: JSON.parse(row.role_mapping) as Record<string, Role>,
    allowedAlgs: JSON.parse(row.allowed_algs) as OidcAlg[],
    clientId: row.client_id ?? null,
    updatedAt: row.updated_at,
  };
}
