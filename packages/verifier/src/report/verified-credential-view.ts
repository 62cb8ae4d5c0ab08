import type { VerificationCheck } from '@staff-passport/core';

/**
 * One credential of a presentation as the verification pipeline saw it: what the report and the
 * export read. The pipeline builds it; the report never sees the credential itself.
 */
export interface VerifiedCredentialView {
  /** Position in the presentation. */
  index: number;
  format: 'vc+jwt' | 'jwt_vc_json' | 'dc+sd-jwt' | 'ldp_vc';
  /** Catalogue type names, for example `['TrainingRecord']`. */
  types: string[];
  /** `name` and `odsCode` come from the trust registry only. */
  issuer: { did: string; name?: string; odsCode?: string };
  /** credentialSubject claims as disclosed (SD-JWT: only the disclosed ones). */
  subject: Record<string, unknown>;
  validFrom?: string;
  validUntil?: string;
  /** Every check passed. */
  verified: boolean;
  /** From @staff-passport/core; a status check that could not be done has code `ERR_STATUS_UNKNOWN`. */
  checks: VerificationCheck[];
  /** SHA-256 hex of the credential as received. */
  hash: string;
}
