import type { VerificationCheck } from '@staff-passport/core';
import type { VerifiedPresentation } from './verified-credential.js';

/**
 * Every check of a presentation, in the order reports list them: its own (holder proof,
 * challenge), then each credential's. The VC API report and the stored profile check read this.
 *
 * @example
 * listChecks(presentation).filter((c) => c.outcome === 'failed');
 */
export function listChecks(presentation: Pick<VerifiedPresentation, 'checks' | 'credentials'>): VerificationCheck[] {
  return [...presentation.checks, ...presentation.credentials.flatMap((c) => c.checks)];
}
