/**
 * Settings for OIDC sign-in, the same for every organisation: they come from the deployment's
 * configuration, never from an organisation's own OIDC configuration.
 */
export interface OidcOptions {
  /**
   * Accept `http:` issuer and JWKS URLs on loopback hosts (127.0.0.0/8, ::1, localhost). For tests
   * and local demos only; anywhere else the identity provider is reached over https.
   */
  allowHttpLoopback?: boolean;
  /** Clock skew allowed on `exp` and `nbf`, in seconds (default 30). */
  clockToleranceSeconds?: number;
  /** Time limit for discovery and JWKS fetches, in milliseconds (default 5000). */
  fetchTimeoutMs?: number;
  /**
   * After a fetch, how long before a token with an unknown `kid` may trigger another JWKS fetch,
   * and how long a failed discovery is remembered, in milliseconds (default 30000): a stream of bad
   * tokens cannot turn into a stream of requests to the identity provider.
   */
  jwksCooldownMs?: number;
  /** Fetches the discovery document (default: core's `guardedFetchJson` with the time and size limits). */
  fetchJson?: (url: string) => Promise<unknown>;
  /** Identical sign-in failures are written to the audit log once per this window, in milliseconds (default 60000). */
  auditWindowMs?: number;
  /** At most this many sign-in failures are written to the audit log per window, all sources together (default 100). */
  auditMaxPerWindow?: number;
  /** The clock for caches and throttles, in milliseconds (token times use the context's `now`). */
  nowMs?: () => number;
}
