import type { VerificationCheck } from '@staff-passport/core';
import type { CredentialFormat } from './verification-input.js';

/**
 * One credential as the verifier verified it: the one result every step adds to, from the
 * format's checks to the profile report and the export (as digitalbazaar/vc attaches
 * `statusResult` to one result). The format step makes it; the status and trust steps add their
 * checks to it; the VC API report, the profile rules and the export read it. Only the report
 * builders choose what of it is made public.
 */
export interface VerifiedCredential {
  /** Position in the answer (across every presentation of it), stamped on each check. */
  index: number;
  format: CredentialFormat;
  /** Catalogue type names, for example `['TrainingRecord']`. */
  types: string[];
  /** The issuer's DID (empty when the credential names none); `name` and `odsCode` come from the trust registry only. */
  issuer: { did: string; name?: string; odsCode?: string };
  /** credentialSubject claims as disclosed (SD-JWT: only the disclosed ones). */
  subject: Record<string, unknown>;
  validFrom?: string;
  validUntil?: string;
  /** No check failed. */
  verified: boolean;
  /** Every check, in the order the steps made them; a status check that could not be done has code `ERR_STATUS_UNKNOWN`. */
  checks: VerificationCheck[];
  /** SHA-256 hex of the credential as received. */
  hash: string;
  /** The claims as verified (the credential, or an SD-JWT VC's disclosed claims): never stored nor reported whole. */
  credential?: Record<string, unknown>;
}

/** A presentation as the verifier verified it: the holder's proof, then every credential in it. */
export interface VerifiedPresentation {
  /** The presentation's own checks (holder proof, challenge, audience). */
  checks: VerificationCheck[];
  holder?: string;
  credentials: VerifiedCredential[];
}

