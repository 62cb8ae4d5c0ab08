/**
 * The roles of an organisation's people on the verifier: a checker runs checks and reads (and
 * deletes) their results; a profile admin manages the organisation's check profiles; an auditor
 * reads its audit log. Platform administrators (`platform` keys) create organisations and their keys.
 */
export const VERIFIER_ROLES = ['checker', 'profile-admin', 'auditor'] as const;

/** One of {@link VERIFIER_ROLES}. */
export type VerifierRole = (typeof VERIFIER_ROLES)[number];

/** Who is calling, signed in to one organisation with an API key or through its OpenID provider. */
export interface VerifierPrincipal {
  kind: 'api-key' | 'oidc';
  orgId: string;
  /** The first of {@link VerifierPrincipal.roles}. */
  role: VerifierRole;
  roles: readonly VerifierRole[];
  /** What the audit log names: `key:<id>` or `oidc:<sub>`. */
  actor: string;
  /** For the desk's header: who signed in. */
  displayName?: string;
}
