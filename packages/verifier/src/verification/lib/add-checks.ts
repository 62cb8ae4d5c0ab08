import type { VerificationCheck } from '@staff-passport/core';
import type { VerifiedCredential } from '../verified-credential.js';

/** Records a step's checks on the one result, which stays verified only while no check failed. */
export function addChecks(credential: VerifiedCredential, checks: readonly VerificationCheck[]): void {
  credential.checks.push(...checks);
  credential.verified = credential.checks.every((c) => c.outcome !== 'failed');
}
