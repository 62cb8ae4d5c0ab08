import type { ErrorCode } from '../errors/error-codes.js';
import type { FieldIssue } from '../errors/passport-error.js';

export type CheckOutcome = 'passed' | 'failed' | 'skipped';

/** One check of a verification and its outcome. */
export interface VerificationCheck {
  /** What was checked, for example `signature`, `validity`, `presentation.nonce`. */
  check: string;
  outcome: CheckOutcome;
  /** Set when the check failed. */
  code?: ErrorCode;
  message?: string;
  /** Which credential of a presentation (0-based), for per-credential checks. */
  credentialIndex?: number;
  /** Which proof of a Data Integrity proof set or chain (0-based), when there are several. */
  proofIndex?: number;
  issues?: FieldIssue[];
}

/** The outcome of verifying one credential: every check, never only the first failure. */
export interface CredentialVerification {
  verified: boolean;
  checks: VerificationCheck[];
  /** The credential as signed (the JWT payload), when it could be decoded. */
  credential?: Record<string, unknown>;
  issuer?: string;
  /** Catalogue type names of the credential. */
  types?: string[];
}

/** Collects checks in order and says whether all passed. */
export class CheckList {
  readonly checks: VerificationCheck[] = [];

  pass(check: string, extra: Partial<VerificationCheck> = {}): void {
    this.checks.push({ check, outcome: 'passed', ...extra });
  }

  fail(check: string, code: ErrorCode, message: string, extra: Partial<VerificationCheck> = {}): void {
    this.checks.push({ check, outcome: 'failed', code, message, ...extra });
  }

  skip(check: string, message: string, extra: Partial<VerificationCheck> = {}): void {
    this.checks.push({ check, outcome: 'skipped', message, ...extra });
  }

  get ok(): boolean {
    return this.checks.every((c) => c.outcome !== 'failed');
  }
}

/** The failed checks of a list, as `{code, message}` errors. */
export function failedChecks(checks: VerificationCheck[]): VerificationCheck[] {
  return checks.filter((c) => c.outcome === 'failed');
}
