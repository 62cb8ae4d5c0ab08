import type { JwksEntry } from '@staff-passport/core';

/** One kind of sign-in failure recently written to the audit log. */
export interface ThrottledFailure {
  until: number;
  suppressed: number;
}

/** What OIDC sign-in remembers between requests, held by the issuer context ({@link createAuthState}). */
export interface AuthState {
  jwks: Map<string, JwksEntry>;
  failures: Map<string, ThrottledFailure>;
  /** Failures written in the current window, all kinds together, and when that window ends. */
  window: { until: number; written: number; suppressed: number };
}

/**
 * A new, empty sign-in state: one per issuer context (a field of it, so tests and hosts never
 * share one). What it holds is per instance: the identity providers' key sets (a cache) and the
 * throttle of sign-in failures written to the audit log (see docs/deployment.md).
 */
export function createAuthState(): AuthState {
  return { jwks: new Map(), failures: new Map(), window: { until: 0, written: 0, suppressed: 0 } };
}
