import type { MoveKind } from '@staff-passport/schemas';
import type {
  DbsRule,
  EmploymentAssignmentRule,
  EmploymentHistoryRule,
  IdentityRule,
  OccupationalHealthRule,
  ProfessionalRegistrationRule,
  ProfileRelianceChoice,
  ReferencesRule,
  RightToWorkRule,
  RoleCompetenceRule,
  TrainingPlacementRule,
  TrainingRule,
} from './lib/profile-schema.js';

export type {
  ProfileRelianceChoice,
  DbsRule,
  EmploymentAssignmentRule,
  EmploymentHistoryRule,
  IdentityRule,
  OccupationalHealthRule,
  ProfessionalRegistrationRule,
  ReferencesRule,
  RightToWorkRule,
  RoleCompetenceRule,
  TrainingPlacementRule,
  TrainingRule,
};

/** The parameters of a requirement's rule, by `kind` (each type derived from its JSON Schema). */
export type RequirementRule =
  | IdentityRule
  | RightToWorkRule
  | ProfessionalRegistrationRule
  | DbsRule
  | OccupationalHealthRule
  | TrainingRule
  | EmploymentHistoryRule
  | ReferencesRule
  | RoleCompetenceRule
  | EmploymentAssignmentRule
  | TrainingPlacementRule;

/** The rule kinds, for example `training`. */
export type RuleKind = RequirementRule['kind'];

/** A credential type that can satisfy a requirement, and the claims asked of it. */
export interface AcceptedCredential {
  /** A catalogue type name, for example `TrainingRecord`. */
  type: string;
  /**
   * Dotted paths under `credentialSubject`: the claims the rule reads, plus any a workforce
   * system import needs. The presentation request asks for these and no others.
   */
  claims: string[];
}

/** One thing a role needs of a new starter. */
export interface ProfileRequirement {
  /** Stable id, also the DCQL credential query prefix (`[A-Za-z0-9_-]`). */
  id: string;
  /** What people read, for example "Professional registration (NMC)". */
  title: string;
  /** When false, the requirement is reported but does not hold up the decision. */
  required: boolean;
  accepts: AcceptedCredential[];
  rule: RequirementRule;
  /**
   * Per kind of move: rely on the check, rely with a live check, or repeat it, and the rule that
   * allows it (an id of `RELIANCE_BASES`). A move left out takes the national default.
   */
  reliance?: Partial<Record<MoveKind, ProfileRelianceChoice>>;
  /** Where the choice comes from (a standard, or "our choice" with why). */
  source?: string;
  notes?: string;
}

/** What a role needs: validated data (see `validateProfile`), never code. */
export interface CheckProfile {
  id: string;
  version: string;
  title: string;
  description?: string;
  /** Why the claims are requested, shown to the holder with the request. */
  purpose: string;
  /** How to treat a credential whose status list could not be fetched. */
  statusUnknown: 'accept' | 'needs-action';
  source?: string;
  notes?: string;
  requirements: ProfileRequirement[];
}
