import type { ErrorCode } from '@staff-passport/core';
import type { VerifiedCredentialView } from './verified-credential-view.js';

/** Why a requirement is not (or only with a note) satisfied, as a stable code. */
export type ReasonCode =
  // Any requirement
  | 'REQUIREMENT_MISSING'
  | 'CREDENTIAL_NOT_VERIFIED'
  | 'STATUS_UNKNOWN'
  | 'STATUS_UNKNOWN_ACCEPTED'
  | 'CREDENTIAL_EXPIRES_BEFORE_START'
  | 'CLAIM_NOT_DISCLOSED'
  | 'SUBJECT_MISMATCH'
  // Identity
  | 'IDENTITY_LEVEL_TOO_LOW'
  | 'IDENTITY_REVERIFY_DUE'
  // Right to work
  | 'RIGHT_TO_WORK_DOCUMENT_EXPIRED'
  | 'RIGHT_TO_WORK_PERMISSION_EXPIRED'
  | 'RIGHT_TO_WORK_FOLLOW_UP_DUE'
  // Professional registration
  | 'REGISTRATION_REGULATOR_MISMATCH'
  | 'REGISTRATION_SUSPENDED'
  | 'REGISTRATION_NOT_ACTIVE'
  | 'REGISTRATION_HAS_CONDITIONS'
  | 'REGISTRATION_RENEWAL_DUE'
  | 'REGISTRATION_REVALIDATION_DUE'
  | 'REGISTRATION_PART_MISMATCH'
  | 'REGISTRATION_ANNOTATION_MISSING'
  // DBS
  | 'DBS_NOT_SATISFACTORY'
  | 'DBS_LEVEL_TOO_LOW'
  | 'DBS_WORKFORCE_MISMATCH'
  | 'DBS_BARRED_LISTS_MISSING'
  | 'DBS_TOO_OLD'
  | 'DBS_NEW_INFORMATION'
  // Occupational health
  | 'OH_OUTCOME_NOT_ACCEPTED'
  | 'OH_EPP_NOT_CLEARED'
  | 'OH_IMMUNITY_NOT_CLEARED'
  | 'OH_REVIEW_DUE'
  // Training
  | 'TRAINING_MISSING'
  | 'TRAINING_OUT_OF_DATE'
  | 'TRAINING_LEVEL_TOO_LOW'
  | 'TRAINING_NOT_COMPLETED'
  | 'TRAINING_ISSUER_NOT_ALIGNED'
  // Employment history and references
  | 'HISTORY_TOO_SHORT'
  | 'HISTORY_GAP_UNEXPLAINED'
  | 'REFERENCES_TOO_FEW'
  | 'REFERENCE_NOT_SATISFACTORY'
  // Role, assignment, placement
  | 'ROLE_FRAMEWORK_MISMATCH'
  | 'ROLE_NOT_ACCEPTED'
  | 'ROLE_LEVEL_TOO_LOW'
  | 'ASSIGNMENT_STAFF_GROUP_MISMATCH'
  | 'PLACEMENT_NOT_CURRENT'
  | 'PLACEMENT_GRADE_MISMATCH';

/** One reason, in plain English and with a stable code. */
export interface ReportReason {
  code: ReasonCode;
  message: string;
  /** What the reason is about, when it is one of several: a CSTF subject code (`fire_safety`), a disease, a gap. */
  subject?: string;
  /** The credential (index in the presentation) the reason is about. */
  credentialIndex?: number;
  /** On the overall reasons: the requirement the reason comes from. */
  requirementId?: string;
}

/** How one requirement of the profile came out. */
export interface RequirementResult {
  id: string;
  title: string;
  required: boolean;
  /** `missing`: no credential of an accepted type was presented at all. */
  outcome: 'satisfied' | 'not_satisfied' | 'missing';
  /** Indexes of the credentials that satisfy it (only usable ones ever do). */
  satisfiedBy: number[];
  reasons: ReportReason[];
}

/** One presented credential, as the report saw it. */
export interface CredentialResult {
  index: number;
  types: string[];
  format: VerifiedCredentialView['format'];
  issuer: VerifiedCredentialView['issuer'];
  hash: string;
  /** `verified`: every check passed; `status_unknown`: only the status could not be checked; `failed`: a check failed. */
  standing: 'verified' | 'status_unknown' | 'failed';
  /** Whether it may satisfy a requirement and be exported: verified, or status unknown under an `accept` policy. */
  usable: boolean;
  /** The failed checks (and an unknown status), with their codes. */
  failures: { check: string; code?: ErrorCode; message?: string }[];
  /** The requirements it satisfies. */
  usedFor: string[];
}

/** The new-starter report of one presentation against one profile. */
export interface ProfileReport {
  profile: { id: string; version: string; title: string; statusUnknown: 'accept' | 'needs-action' };
  startDate: string;
  evaluatedAt: string;
  overall: {
    /** Never a rejection: `needs_action` means a person reviews the reasons. */
    decision: 'ready_to_start' | 'needs_action';
    /** The reasons of every required requirement not satisfied (and of a subject mismatch). */
    reasons: ReportReason[];
    /** What a person reading the report is told about the decision. */
    review: string;
  };
  requirements: RequirementResult[];
  credentials: CredentialResult[];
}
