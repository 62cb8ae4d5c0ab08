// The catalogue and its lookups.
export { CATALOGUE, findCatalogueTypes, getCredentialType, getCredentialTypeBySchemaId, getCredentialTypeByVct } from './catalogue.js';
export { buildStaffPassportContext } from './context.js';
export type { CredentialTypeDefinition, DerivedClaims, RuleDescription, SchemaIssue } from './lib/catalogue-types.js';
export type { ClaimPath, FromSchema } from './lib/from-schema.js';
export { NAMESPACE, STAFF_PASSPORT_CONTEXT_V1, VC_CONTEXT_V1, VC_CONTEXT_V2, VOCAB, schemaIdFor, vctFor } from './lib/urls.js';
export { createCredentialValidator, validateCredential, validateCredentialBySchemaId } from './validate-credential.js';
export type { CredentialValidation, CredentialValidator } from './validate-credential.js';

// Names people read for credentials and coded claim values (from the reference data).
export { getChoiceTitles } from './display/get-choice-titles.js';
export { getClaimValueTitle } from './display/get-claim-value-title.js';
export { getCredentialTitle } from './display/get-credential-title.js';

// Credential types: schema, TypeScript type of the subject, catalogue entry.
export type { AttributeMetadata } from './types/attribute-metadata.js';
export { DBS_CHECK_VERSION, dbsCheckSchema } from './types/dbs-check.js';
export type { DbsCheckSubject } from './types/dbs-check.js';
export { dbsCheckType } from './types/dbs-check-type.js';
export { DBS_CHECK_VERSION_1_0_0, dbsCheckSchema_1_0_0 } from './types/dbs-check-1-0-0.js';
export type { DbsCheckSubject_1_0_0 } from './types/dbs-check-1-0-0.js';
export { dbsCheckType_1_0_0 } from './types/dbs-check-1-0-0-type.js';
export { EMPLOYMENT_ASSIGNMENT_VERSION, employmentAssignmentSchema } from './types/employment-assignment.js';
export type { EmploymentAssignmentSubject } from './types/employment-assignment.js';
export { employmentAssignmentType } from './types/employment-assignment-type.js';
export { EMPLOYMENT_HISTORY_VERSION, employmentHistorySchema } from './types/employment-history.js';
export type { EmploymentHistorySubject } from './types/employment-history.js';
export { employmentHistoryType } from './types/employment-history-type.js';
export { EMPLOYMENT_REFERENCE_VERSION, employmentReferenceSchema } from './types/employment-reference.js';
export type { EmploymentReferenceSubject } from './types/employment-reference.js';
export { employmentReferenceType } from './types/employment-reference-type.js';
export { EXAMPLE_PORTRAIT } from './types/example-portrait.js';
export { IDENTITY_VERIFICATION_VERSION, identityVerificationSchema } from './types/identity-verification.js';
export type { IdentityVerificationSubject } from './types/identity-verification.js';
export { identityVerificationType } from './types/identity-verification-type.js';
export { IDENTITY_METHODS, IDENTITY_VERIFICATION_VERSION_1_0_0, identityVerificationSchema_1_0_0 } from './types/identity-verification-1-0-0.js';
export type { IdentityVerificationSubject_1_0_0 } from './types/identity-verification-1-0-0.js';
export { identityVerificationType_1_0_0 } from './types/identity-verification-1-0-0-type.js';
export { OCCUPATIONAL_HEALTH_CLEARANCE_VERSION, occupationalHealthClearanceSchema } from './types/occupational-health-clearance.js';
export type { OccupationalHealthClearanceSubject } from './types/occupational-health-clearance.js';
export { occupationalHealthClearanceType } from './types/occupational-health-clearance-type.js';
export { PROFESSIONAL_REGISTRATION_VERSION, professionalRegistrationSchema } from './types/professional-registration.js';
export type { ProfessionalRegistrationSubject } from './types/professional-registration.js';
export { professionalRegistrationType } from './types/professional-registration-type.js';
export { PROFESSIONAL_REGISTRATION_VERSION_1_0_0, REGISTRATION_STATUSES_1_0_0, REGULATORS_1_0_0, professionalRegistrationSchema_1_0_0 } from './types/professional-registration-1-0-0.js';
export type { ProfessionalRegistrationSubject_1_0_0 } from './types/professional-registration-1-0-0.js';
export { professionalRegistrationType_1_0_0 } from './types/professional-registration-1-0-0-type.js';
export { RIGHT_TO_WORK_VERSION, rightToWorkSchema } from './types/right-to-work.js';
export type { RightToWorkSubject } from './types/right-to-work.js';
export { rightToWorkType } from './types/right-to-work-type.js';
export { COMPETENCE_ASSESSMENT_METHODS, ROLE_COMPETENCE_VERSION, roleCompetenceSchema } from './types/role-competence.js';
export type { RoleCompetenceSubject } from './types/role-competence.js';
export { roleCompetenceType } from './types/role-competence-type.js';
export { TRAINING_COMPLETION_VERSION, trainingCompletionSchema } from './types/training-completion.js';
export type { TrainingCompletionSubject } from './types/training-completion.js';
export { trainingCompletionType } from './types/training-completion-type.js';
export { TRAINING_PLACEMENT_VERSION, trainingPlacementSchema } from './types/training-placement.js';
export type { TrainingPlacementSubject } from './types/training-placement.js';
export { trainingPlacementType } from './types/training-placement-type.js';
export { TRAINING_PROGRAMME_VERSION, trainingProgrammeSchema } from './types/training-programme.js';
export type { TrainingProgrammeSubject } from './types/training-programme.js';
export { trainingProgrammeType } from './types/training-programme-type.js';
export { TRAINING_RECORD_VERSION, trainingRecordSchema } from './types/training-record.js';
export type { TrainingRecordSubject } from './types/training-record.js';
export { trainingRecordType } from './types/training-record-type.js';
export { TRAINING_RECORD_VERSION_1_0_0, trainingRecordSchema_1_0_0 } from './types/training-record-1-0-0.js';
export type { TrainingRecordSubject_1_0_0 } from './types/training-record-1-0-0.js';
export { trainingRecordType_1_0_0 } from './types/training-record-1-0-0-type.js';
export { TRAINING_SUMMARY_VERSION, trainingSummarySchema } from './types/training-summary.js';
export type { TrainingSummarySubject } from './types/training-summary.js';
export { trainingSummaryType } from './types/training-summary-type.js';
export { TRAINING_SUMMARY_STATUSES, TRAINING_SUMMARY_VERSION_1_0_0, trainingSummarySchema_1_0_0 } from './types/training-summary-1-0-0.js';
export type { TrainingSummaryStanding, TrainingSummarySubject_1_0_0 } from './types/training-summary-1-0-0.js';
export { trainingSummaryType_1_0_0 } from './types/training-summary-1-0-0-type.js';

// Reference data (each with its source; `verify: true` marks values not yet confirmed).
export { ATTRIBUTE_METADATA_LABELS, ATTRIBUTE_PEDIGREES, ATTRIBUTE_VERIFIERS } from './reference/attribute-metadata.js';
export type { AttributePedigree, AttributeVerifier } from './reference/attribute-metadata.js';
export {
  CAREER_FRAMEWORKS,
  CAREER_FRAMEWORK_CODES,
  CAREER_FRAMEWORK_LEVELS,
  CAREER_FRAMEWORK_LEVELS_SOURCE,
  CAREER_FRAMEWORK_LEVEL_NUMBERS,
  IUC_ROLES,
  PRIMARY_CARE_STAGES,
  ROLE_CODES,
} from './reference/career-framework.js';
export type { CareerFramework, CareerFrameworkCode, CareerFrameworkLevel, FrameworkRole, RoleCode } from './reference/career-framework.js';
export {
  CSTF_EDITIONS,
  CSTF_EDITION_CODES,
  CSTF_SUBJECTS,
  CSTF_SUBJECT_CODES,
  DEFAULT_CSTF_EDITION,
  RESUSCITATION_VARIANTS,
  RESUSCITATION_VARIANT_CODES,
  RESUSCITATION_VARIANT_LEVELS,
} from './reference/cstf.js';
export type { CstfEdition, CstfLevel, CstfSubjectCode, CstfSubjectDefinition, ResuscitationVariant } from './reference/cstf.js';
export {
  CRIMINAL_RECORD_LEVELS,
  CRIMINAL_RECORD_LEVEL_CODES,
  CRIMINAL_RECORD_SCHEMES,
  CRIMINAL_RECORD_SCHEME_CODES,
  DBS_BARRED_LISTS,
  DBS_BARRED_LISTS_FOR_WORKFORCE,
  DBS_CERTIFICATE_NUMBER,
  DBS_LEVELS,
  DBS_LEVEL_CODES,
  DBS_SOURCE,
  DBS_UPDATE_SERVICE,
  DBS_WORKFORCES,
  UPDATE_SERVICE_STATUS_RESULTS,
} from './reference/dbs.js';
export type { CriminalRecordLevel, CriminalRecordScheme, DbsBarredList, DbsLevel, DbsWorkforce, UpdateServiceStatusResult } from './reference/dbs.js';
export { DVS_SOURCE, DVS_TRUST_FRAMEWORK } from './reference/dvs.js';
export type { DvsFrameworkVersion } from './reference/dvs.js';
export { EMPLOYMENT_CHECK_STANDARDS, EMPLOYMENT_CHECK_STANDARDS_SOURCE } from './reference/employment-check-standards.js';
export type { EmploymentCheckStandard } from './reference/employment-check-standards.js';
export {
  EMPLOYMENT_GAP_TOLERANCE_DAYS,
  EMPLOYMENT_HISTORY_MONTHS,
  EMPLOYMENT_HISTORY_SOURCE,
  GAP_REASONS,
  REFERENCE_TYPES,
} from './reference/employment-history.js';
export type { ReferenceType } from './reference/employment-history.js';
export { ASSIGNMENT_CATEGORIES, ESR_ASSIGNMENT_NUMBER, ESR_PERSON_NUMBER, ESR_SOURCE, TIME_LIMITED_ASSIGNMENT_CATEGORIES } from './reference/esr.js';
export type { AssignmentCategory } from './reference/esr.js';
export { GPG45_LEVELS, GPG45_LEVEL_CODES, GPG45_PROFILE, GPG45_PROFILES, GPG45_PROFILES_BY_LEVEL, GPG45_SOURCE } from './reference/gpg45.js';
export type { Gpg45Level, Gpg45Profile } from './reference/gpg45.js';
export { IDENTITY_ATTRIBUTES_SOURCE, NATIONAL_INSURANCE_NUMBER, PORTRAIT } from './reference/identity-attributes.js';
export { TRAINING_COMPONENTS, TRAINING_PROGRAMMES, TRAINING_PROGRAMMES_SOURCE, TRAINING_PROGRAMME_CODES } from './reference/mandatory-training.js';
export type { TrainingComponent, TrainingProgrammeCode } from './reference/mandatory-training.js';
export { OCCUPATION_CODES, OCCUPATION_CODES_SOURCE, OCCUPATION_CODE_LIST } from './reference/occupation-codes.js';
export type { OccupationCode, OccupationCodeDefinition } from './reference/occupation-codes.js';
export { EPP_CLEARANCES, IMMUNITY_DISEASES, IMMUNITY_STATUSES, WORK_HEALTH_OUTCOMES, WORK_HEALTH_SOURCE } from './reference/occupational-health.js';
export type { WorkHealthOutcome } from './reference/occupational-health.js';
export { AFC_BANDS, PAY_SCHEMES, PAY_SOURCE } from './reference/pay.js';
export type { AfcBand, PayScheme } from './reference/pay.js';
export { ACTIVE_REGISTRATION_STATUSES, REGISTRATION_STATUSES, REGISTRATION_STATUS_DEFINITIONS, REGULATORS, REGULATORS_SOURCE, REGULATOR_CODES } from './reference/regulators.js';
export type { RegistrationStatus, RegulatorCode, RegulatorDefinition } from './reference/regulators.js';
export {
  RIGHT_TO_WORK_DOCUMENTS,
  RIGHT_TO_WORK_DOCUMENT_CODES,
  RIGHT_TO_WORK_LISTS,
  RIGHT_TO_WORK_METHODS,
  RIGHT_TO_WORK_SOURCE,
  WORK_RESTRICTION_KINDS,
} from './reference/right-to-work.js';
export type { RightToWorkDocument, RightToWorkList, RightToWorkMethod } from './reference/right-to-work.js';
export {
  DBS_STATUS_CHECK,
  DEFAULT_MOVE_KIND,
  MOVE_KINDS,
  MOVE_KIND_CODES,
  RELIANCE_BASES,
  RELIANCE_BASIS_IDS,
  RELIANCE_CHECK_KINDS,
  RELIANCE_DECISIONS,
  RELIANCE_DECISION_CODES,
  RELIANCE_DEFAULTS,
  RELIANCE_SOURCE,
  REPORT_OUTCOMES,
  REPORT_OUTCOME_CODES,
  RIGHT_TO_WORK_ROUTES,
} from './reference/reliance.js';
export type {
  MoveKind,
  RelianceBasis,
  RelianceBasisId,
  RelianceCheckKind,
  RelianceChoice,
  RelianceDecision,
  ReportOutcome,
  RightToWorkRoute,
} from './reference/reliance.js';
export { STAFF_GROUPS, STAFF_GROUP_CODES, STAFF_GROUPS_SOURCE } from './reference/staff-groups.js';
export type { StaffGroupCode } from './reference/staff-groups.js';

// Rules over the reference data.
export { addMonths } from './rules/add-months.js';
export { unexplainedGaps } from './rules/employment-gaps.js';
export type { HistoryGap, HistoryPeriod } from './rules/employment-gaps.js';
export { isIdentityLevelAcceptable } from './rules/identity-acceptable.js';
export { isRegistrationActive } from './rules/registration-active.js';
export { rightToWorkReliance } from './rules/right-to-work-reliance.js';
export type { RightToWorkReliance } from './rules/right-to-work-reliance.js';
export { isTrainingInDate, refresherMonths, trainingExpiry } from './rules/training-expiry.js';
export { updateServiceFoundNewInformation } from './rules/update-service-status.js';
export { allRequiredInDate, standingOn, summaryCoversRole } from './rules/training-summary.js';
export type { SubjectStanding, TrainingRequirement, UncoveredRequirement } from './rules/training-summary.js';
export { recordKeyOf } from './rules/record-key-of.js';
