import type { Logger } from '@staff-passport/core';
import type { Resolvable } from 'did-resolver';

/** What the verifier needs: injected, so tests freeze the clock and choose what may be fetched. */
export interface VerifierContext {
  /** DID resolution (did:web behind the SSRF guard, cached). */
  resolver: Resolvable;
  logger: Logger;
  now: () => Date;
  /** Allowed clock difference between issuer, holder and verifier, seconds. */
  clockSkewSeconds: number;
}
