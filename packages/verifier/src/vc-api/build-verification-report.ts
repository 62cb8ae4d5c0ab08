import type { ErrorCode, VerificationCheck } from '@staff-passport/core';
import { listChecks } from '../verification/list-checks.js';
import type { VerifiedCredential } from '../verification/verified-credential.js';

/** A failed check, as listed in `errors`. */
export interface ReportError {
  code: ErrorCode;
  check: string;
  message: string;
  credentialIndex?: number;
}

/** What the verify endpoints answer: every check with its outcome, the failures, and what was verified. */
export interface VerificationReport {
  verified: boolean;
  checks: VerificationCheck[];
  errors: ReportError[];
  warnings: string[];
  holder?: string;
  credentials: { index: number; verified: boolean; issuer?: string; types: string[]; id?: string }[];
}

/**
 * Builds the VC API report from the presentation's checks and its credentials' results: the one
 * place their public JSON is made. Without credentials the report is not verified unless
 * `credentialsRequired` is false (a VC API presentation may carry none).
 *
 * @example
 * buildVerificationReport([], [credential]).errors.map((e) => e.code);
 */
export function buildVerificationReport(checks: VerificationCheck[], credentials: VerifiedCredential[], holder?: string, rules: { credentialsRequired?: boolean } = {}): VerificationReport {
  const all = listChecks({ checks, credentials });
  const errors = all
    .filter((c) => c.outcome === 'failed' && c.code)
    .map((c) => ({ code: c.code!, check: c.check, message: c.message ?? '', ...(c.credentialIndex === undefined ? {} : { credentialIndex: c.credentialIndex }) }));
  return {
    verified: errors.length === 0 && (credentials.length > 0 || rules.credentialsRequired === false) && credentials.every((c) => c.verified),
    checks: all,
    errors,
    warnings: [],
    ...(holder ? { holder } : {}),
    credentials: credentials.map((c, index) => ({
      index,
      verified: c.verified,
      ...(c.issuer.did ? { issuer: c.issuer.did } : {}),
      types: c.types,
      ...(typeof c.credential?.['id'] === 'string' ? { id: c.credential['id'] } : {}),
    })),
  };
}
