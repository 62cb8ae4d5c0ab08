import type { VerificationCheck } from '@staff-passport/core';
import type { ExportedAttributes } from '../report/export-verified-attributes.js';
import type { ProfileReport } from '../report/profile-report.js';

/** The outcome of a check: the profile report, the verified attributes, and every check made. */
export interface CheckResult {
  id: string;
  requestId: string;
  profileId: string;
  decision: ProfileReport['overall']['decision'];
  report: ProfileReport;
  attributes: ExportedAttributes;
  /** Presentation-level checks (holder proof, nonce, audience) and each credential's. */
  checks: VerificationCheck[];
  credentialHashes: string[];
  createdAt: string;
  expiresAt: string;
}
