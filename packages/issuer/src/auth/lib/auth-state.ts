import type { JWTVerifyGetKey } from 'jose';
import type { AuthContext } from '../auth-context.js';

/** The key set of one organisation's identity provider, while it is being found or once found. */
export interface JwksEntry {
  /** What the entry was built from (issuer, JWKS URL, configuration time): a change rebuilds it. */
  fingerprint: string;
  createdAt: number;
  failed: boolean;
  keys: Promise<JWTVerifyGetKey>;
}

/** One kind of sign-in failure recently written to the audit log. */
export interface ThrottledFailure {
  until: number;
  suppressed: number;
}

/** What OIDC sign-in remembers between requests: per issuer context, so tests and hosts never share it. */
export interface AuthState {
  jwks: Map<string, JwksEntry>;
  failures: Map<string, ThrottledFailure>;
  /** Failures written in the current window, all kinds together, and when that window ends. */
  window: { until: number; written: number; suppressed: number };
}

const STATES = new WeakMap<AuthContext, AuthState>();

/** The sign-in state of an issuer context, made on first use. */
export function authStateOf(ctx: AuthContext): AuthState {
  let state = STATES.get(ctx);
  if (!state) {
    state = { jwks: new Map(), failures: new Map(), window: { until: 0, written: 0, suppressed: 0 } };
    STATES.set(ctx, state);
  }
  return state;
}
