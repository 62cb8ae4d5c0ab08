import type { ErrorCode } from '@staff-passport/core';
import type { MoveKind, RelianceBasisId, RelianceDecision, ReportOutcome } from '@staff-passport/schemas';
import type { VerifiedCredential } from '../verification/verified-credential.js';

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

/** The rule a reliance decision rests on, as the report shows it. */
export interface ReportBasis {
  /** An id of the reliance reference data (`RELIANCE_BASES`). */
  id: RelianceBasisId;
  /** The rule's name: the document and its author. */
  rule: string;
  section: string;
  /** What the rule says, in plain words. */
  summary: string;
  url?: string;
}

/** What the receiving employer does with a requirement's check on this kind of move, and why. */
export interface RequirementReliance {
  decision: RelianceDecision;
  basis: ReportBasis;
  /** Where the decision comes from: the profile's own data, or the national default for the rule kind. */
  from: 'profile' | 'default';
}

/** What a to-do item asks the HR officer to do. */
export type TodoKind =
  | 'identity_in_person'
  | 'right_to_work_check'
  | 'dbs_status_check'
  | 'dbs_new_check'
  | 'register_check'
  | 'live_check'
  | 'repeat_check';

/** One check the receiving employer does before the start, pre-filled from what was verified. */
export interface TodoItem {
  /** `<requirement id>:<kind>`. */
  id: string;
  requirementId: string;
  kind: TodoKind;
  /** What to do, as an instruction. */
  title: string;
  decision: RelianceDecision;
  basis: ReportBasis;
  /** What the check needs, from the verified credentials (a value of `Not shared` when it was not). */
  details: { label: string; value: string }[];
  /** Where to do it (a register search, the Update Service, GOV.UK). */
  links: { text: string; href: string }[];
}

/** How one requirement of the profile came out. */
export interface RequirementResult {
  id: string;
  title: string;
  required: boolean;
  /** What the receiving employer does with this check on the report's kind of move. */
  reliance: RequirementReliance;
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
  format: VerifiedCredential['format'];
  issuer: VerifiedCredential['issuer'];
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
  /** The kind of move the check is for: it decides what may be relied on. */
  move: { kind: MoveKind; title: string };
  startDate: string;
  evaluatedAt: string;
  overall: {
    /**
     * The outcome, never a rejection: `ready_to_start`; `ready_once_checks_done` (every required
     * check met, the to-do list left); `needs_action` (a person reviews the reasons).
     */
    decision: ReportOutcome;
    /** The reasons of every required requirement not satisfied (and of a subject mismatch). */
    reasons: ReportReason[];
    /** The live checks and checks of its own the employer does before the start, for this move. */
    todo: TodoItem[];
    /** What a person reading the report is told about the decision. */
    review: string;
  };
  requirements: RequirementResult[];
  credentials: CredentialResult[];
}
