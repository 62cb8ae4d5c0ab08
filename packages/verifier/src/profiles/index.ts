export { buildPresentationRequest } from './build-presentation-request.js';
export type { BuildPresentationRequestOptions } from './build-presentation-request.js';
export { deriveRegisteredAsks } from './derive-registered-asks.js';
export { listProfileAsks } from './list-profile-asks.js';
export type { ProfileAsksSource } from './list-profile-asks.js';
export type {
  AcceptedCredential,
  CheckProfile,
  DbsRule,
  EmploymentAssignmentRule,
  EmploymentHistoryRule,
  IdentityRule,
  OccupationalHealthRule,
  ProfessionalRegistrationRule,
  ProfileRelianceChoice,
  ProfileRequirement,
  ReferencesRule,
  RequirementRule,
  RightToWorkRule,
  RoleCompetenceRule,
  RuleKind,
  TrainingPlacementRule,
  TrainingRule,
} from './check-profile.js';
export { RULE_KINDS, checkProfileSchema } from './lib/profile-schema.js';
export { RULE_TYPES, ruleClaims } from './lib/rule-claims.js';
export { getProfile, listProfiles } from './list-profiles.js';
export { describeBasis, resolveReliance } from './resolve-reliance.js';
export type {
  ClaimsPathPointer,
  DcqlClaimsQuery,
  DcqlCredentialQuery,
  DcqlCredentialSetQuery,
  DcqlQuery,
  InputDescriptor,
  PresentationDefinition,
  PresentationField,
  PresentationRequest,
  RequestFormat,
  SubmissionRequirement,
} from './presentation-request-types.js';
export { validateProfile } from './validate-profile.js';
