import {
  CAREER_FRAMEWORK_CODES,
  CAREER_FRAMEWORK_LEVEL_NUMBERS,
  CATALOGUE,
  CSTF_SUBJECT_CODES,
  DBS_LEVEL_CODES,
  DBS_WORKFORCES,
  GPG45_LEVEL_CODES,
  IMMUNITY_DISEASES,
  MOVE_KIND_CODES,
  REGULATOR_CODES,
  RELIANCE_BASIS_IDS,
  RELIANCE_DECISION_CODES,
  ROLE_CODES,
  STAFF_GROUP_CODES,
  WORK_HEALTH_OUTCOMES,
  type FromSchema,
} from '@staff-passport/schemas';

// The JSON Schema (2020-12) of a check profile. Enumerations come from the catalogue's reference
// data so a profile can only name what the catalogue knows; each rule kind is its own schema
// (`as const`) so its TypeScript type is derived from it and cannot drift.

const text = { type: 'string', minLength: 1, maxLength: 1000 } as const;
const shortText = { type: 'string', minLength: 1, maxLength: 200 } as const;
const immunityDiseases = Object.keys(IMMUNITY_DISEASES) as (keyof typeof IMMUNITY_DISEASES)[];
const typeNames = [...new Set(CATALOGUE.map((d) => d.type))];

/** Identity checked to a GPG 45 confidence level or higher (and never below what employers may accept). */
export const identityRuleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'minimumLevel'],
  properties: {
    kind: { const: 'identity' },
    minimumLevel: { enum: GPG45_LEVEL_CODES },
  },
} as const;

/** A right to work check the employer may rely on on the start date. */
export const rightToWorkRuleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: {
    kind: { const: 'right_to_work' },
  },
} as const;

/** A registration with one of the regulators, active (not suspended, lapsed or due) on the start date. */
export const professionalRegistrationRuleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'regulators'],
  properties: {
    kind: { const: 'professional_registration' },
    regulators: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: REGULATOR_CODES } },
    /** Parts of the register accepted (compared ignoring case), for example `Registered Nurse - Adult`. */
    registerParts: { type: 'array', minItems: 1, items: shortText },
    /** Annotations the registration must carry (each found, ignoring case, in some annotation). */
    annotations: { type: 'array', minItems: 1, items: shortText },
  },
} as const;

/** A DBS check at a level and workforce, recent enough or kept current on the Update Service. */
export const dbsRuleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'minimumLevel'],
  properties: {
    kind: { const: 'dbs' },
    minimumLevel: { enum: DBS_LEVEL_CODES },
    /** Required for enhanced levels (see the semantic checks). */
    workforce: { enum: DBS_WORKFORCES },
    /** The certificate is issued at most this many months before the start date. */
    issuedWithinMonths: { type: 'integer', minimum: 1, maximum: 240 },
    /** An older certificate is accepted when on the Update Service with a recent status check. */
    updateService: {
      type: 'object',
      additionalProperties: false,
      required: ['statusCheckWithinDays'],
      properties: {
        /** The last status check was at most this many days before the day of the evaluation. */
        statusCheckWithinDays: { type: 'integer', minimum: 0, maximum: 365 },
      },
    },
  },
} as const;

/** An occupational health clearance with an accepted outcome (and EPP or immunity clearance when asked). */
export const occupationalHealthRuleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'outcomes'],
  properties: {
    kind: { const: 'occupational_health' },
    outcomes: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: WORK_HEALTH_OUTCOMES } },
    eppClearanceRequired: { type: 'boolean' },
    immunityCleared: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: immunityDiseases } },
  },
} as const;

/** Each listed CSTF subject at a minimum level, in date on the start date. */
export const trainingRuleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'subjects'],
  properties: {
    kind: { const: 'training' },
    subjects: {
      type: 'array',
      minItems: 1,
      maxItems: CSTF_SUBJECT_CODES.length,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['subject', 'level'],
        properties: {
          subject: { enum: CSTF_SUBJECT_CODES },
          level: { enum: [1, 2, 3] },
          notes: text,
        },
      },
    },
    /** Only training from an issuer with a CSTF Declaration of Alignment counts (it is portable). */
    requireIssuerAligned: { type: 'boolean' },
  },
} as const;

/** An employment history covering some years before the start date, every gap explained. */
export const employmentHistoryRuleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'years'],
  properties: {
    kind: { const: 'employment_history' },
    years: { type: 'integer', minimum: 1, maximum: 10 },
    /** Gaps of at most this many days need no explanation: local policy, not a national constant. */
    gapToleranceDays: { type: 'integer', minimum: 0, maximum: 365 },
  },
} as const;

/** At least a number of satisfactory references (and none unsatisfactory). */
export const referencesRuleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'minimum'],
  properties: {
    kind: { const: 'references' },
    minimum: { type: 'integer', minimum: 1, maximum: 10 },
  },
} as const;

/** Competence for one of some roles of a career framework, at a level or higher. */
export const roleCompetenceRuleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'framework', 'roleCodes'],
  properties: {
    kind: { const: 'role_competence' },
    framework: { enum: CAREER_FRAMEWORK_CODES },
    roleCodes: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ROLE_CODES } },
    minimumLevel: { enum: CAREER_FRAMEWORK_LEVEL_NUMBERS },
  },
} as const;

/** An ESR employment assignment (for example a secondment or a temporary move), in some staff groups. */
export const employmentAssignmentRuleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: {
    kind: { const: 'employment_assignment' },
    staffGroups: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: STAFF_GROUP_CODES } },
  },
} as const;

/** A doctor in training's placement that covers the start date (optionally at some grades). */
export const trainingPlacementRuleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: {
    kind: { const: 'training_placement' },
    grades: { type: 'array', minItems: 1, items: { ...shortText, maxLength: 20 } },
  },
} as const;

const ruleSchemas = [
  identityRuleSchema,
  rightToWorkRuleSchema,
  professionalRegistrationRuleSchema,
  dbsRuleSchema,
  occupationalHealthRuleSchema,
  trainingRuleSchema,
  employmentHistoryRuleSchema,
  referencesRuleSchema,
  roleCompetenceRuleSchema,
  employmentAssignmentRuleSchema,
  trainingPlacementRuleSchema,
] as const;

/** What the receiving employer does with a requirement's check on one kind of move, and the rule it rests on. */
export const relianceChoiceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['decision', 'basis'],
  properties: {
    decision: { enum: RELIANCE_DECISION_CODES },
    /** An id of the reliance reference data (`RELIANCE_BASES`): the rule's name and section. */
    basis: { enum: RELIANCE_BASIS_IDS },
    notes: text,
  },
} as const;

/** Per kind of move; a move left out takes the national default for the rule kind (`RELIANCE_DEFAULTS`). */
export const relianceSchema = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(MOVE_KIND_CODES.map((m) => [m, relianceChoiceSchema])) as Record<(typeof MOVE_KIND_CODES)[number], typeof relianceChoiceSchema>,
} as const;

/** The rule kinds a requirement may name. */
export const RULE_KINDS = ruleSchemas.map((s) => s.properties.kind.const);

/** The JSON Schema (2020-12) of a check profile. */
export const checkProfileSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://w3id.org/staff-passport/schemas/check-profile/1.0.0',
  title: 'Check profile',
  description: 'What a role needs of a new starter: requirements, the credentials that satisfy each, the claims its rule reads, and the rule parameters.',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'version', 'title', 'purpose', 'statusUnknown', 'requirements'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
    version: { type: 'string', pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+$' },
    title: shortText,
    description: text,
    /** Why the claims are asked for, shown to the holder with the request (UK GDPR: state the purpose). */
    purpose: text,
    /** How to treat a credential whose status list could not be fetched. */
    statusUnknown: { enum: ['accept', 'needs-action'] },
    source: text,
    notes: text,
    requirements: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'required', 'accepts', 'rule'],
        properties: {
          // An OpenID4VP DCQL identifier: alphanumeric, underscore or hyphen (OpenID4VP 1.0 section 6.1).
          id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,40}$' },
          title: shortText,
          required: { type: 'boolean' },
          accepts: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['type', 'claims'],
              properties: {
                type: { enum: typeNames },
                // Dotted paths under credentialSubject: what the request asks for, nothing more.
                claims: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', pattern: '^[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*$' } },
              },
            },
          },
          rule: { type: 'object', discriminator: { propertyName: 'kind' }, oneOf: ruleSchemas },
          reliance: relianceSchema,
          source: text,
          notes: text,
        },
      },
    },
  },
} as const;

/** Parameters of an `identity` rule (derived from {@link identityRuleSchema}). */
export type IdentityRule = FromSchema<typeof identityRuleSchema>;
/** Parameters of a `right_to_work` rule (derived from {@link rightToWorkRuleSchema}). */
export type RightToWorkRule = FromSchema<typeof rightToWorkRuleSchema>;
/** Parameters of a `professional_registration` rule (derived from {@link professionalRegistrationRuleSchema}). */
export type ProfessionalRegistrationRule = FromSchema<typeof professionalRegistrationRuleSchema>;
/** Parameters of a `dbs` rule (derived from {@link dbsRuleSchema}). */
export type DbsRule = FromSchema<typeof dbsRuleSchema>;
/** Parameters of an `occupational_health` rule (derived from {@link occupationalHealthRuleSchema}). */
export type OccupationalHealthRule = FromSchema<typeof occupationalHealthRuleSchema>;
/** Parameters of a `training` rule (derived from {@link trainingRuleSchema}). */
export type TrainingRule = FromSchema<typeof trainingRuleSchema>;
/** Parameters of an `employment_history` rule (derived from {@link employmentHistoryRuleSchema}). */
export type EmploymentHistoryRule = FromSchema<typeof employmentHistoryRuleSchema>;
/** Parameters of a `references` rule (derived from {@link referencesRuleSchema}). */
export type ReferencesRule = FromSchema<typeof referencesRuleSchema>;
/** Parameters of a `role_competence` rule (derived from {@link roleCompetenceRuleSchema}). */
export type RoleCompetenceRule = FromSchema<typeof roleCompetenceRuleSchema>;
/** Parameters of an `employment_assignment` rule (derived from {@link employmentAssignmentRuleSchema}). */
export type EmploymentAssignmentRule = FromSchema<typeof employmentAssignmentRuleSchema>;
/** Parameters of a `training_placement` rule (derived from {@link trainingPlacementRuleSchema}). */
export type TrainingPlacementRule = FromSchema<typeof trainingPlacementRuleSchema>;
/** A reliance decision and its basis (derived from {@link relianceChoiceSchema}). */
export type ProfileRelianceChoice = FromSchema<typeof relianceChoiceSchema>;
