import { attributeMetadata, credentialEnvelope, did, isoDate, shortText, version } from '../lib/common-defs.js';
import type { FromSchema } from '../lib/from-schema.js';
import { schemaIdFor } from '../lib/urls.js';
import { CAREER_FRAMEWORK_CODES, CAREER_FRAMEWORK_LEVEL_NUMBERS, ROLE_CODES } from '../reference/career-framework.js';

/** The version of the role competence schema the catalogue issues under. */
export const ROLE_COMPETENCE_VERSION = '1.0.0';

/** How a competence was assessed. */
export const COMPETENCE_ASSESSMENT_METHODS = ['observation', 'simulation', 'portfolio', 'examination', 'professional_discussion', 'e_learning', 'other'] as const;

const roleCompetenceSubjectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'competence', 'attributeMetadata'],
  properties: {
    id: did,
    competence: {
      type: 'object',
      additionalProperties: false,
      required: ['framework', 'frameworkVersion', 'level', 'roleCode', 'competences'],
      properties: {
        framework: { enum: CAREER_FRAMEWORK_CODES, 'x-message': `must be one of ${CAREER_FRAMEWORK_CODES.join(', ')}` },
        frameworkVersion: version,
        level: { enum: CAREER_FRAMEWORK_LEVEL_NUMBERS, 'x-message': 'must be a career framework level from 1 to 9' },
        // A lookup table per framework (reference data); the rule checks the framework has it.
        roleCode: { enum: ROLE_CODES, 'x-message': 'must be a role code from the lookup, such as iuc_health_advisor' },
        competences: {
          type: 'array',
          minItems: 1,
          maxItems: 100,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['competenceId', 'title', 'assessedBy', 'assessedOn', 'assessmentMethod'],
            properties: {
              competenceId: { ...shortText, maxLength: 60 },
              title: shortText,
              assessedBy: shortText,
              assessedOn: isoDate,
              assessmentMethod: { enum: COMPETENCE_ASSESSMENT_METHODS, 'x-message': `must be one of ${COMPETENCE_ASSESSMENT_METHODS.join(', ')}` },
            },
          },
        },
        qualifications: {
          type: 'array',
          maxItems: 50,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['awardingBody', 'title', 'awardedOn'],
            properties: {
              awardingBody: shortText,
              title: shortText,
              rqfLevel: { type: 'integer', minimum: 1, maximum: 8, 'x-message': 'must be an RQF level from 1 to 8' },
              awardedOn: isoDate,
            },
          },
        },
        apprenticeship: {
          type: 'object',
          additionalProperties: false,
          required: ['standardReference', 'title', 'apprenticeshipStatus'],
          properties: {
            standardReference: { type: 'string', pattern: '^ST[0-9]{4}$', 'x-message': 'must be an apprenticeship standard reference such as ST0217' },
            title: shortText,
            apprenticeshipLevel: { type: 'integer', minimum: 2, maximum: 7, 'x-message': 'must be an apprenticeship level from 2 to 7' },
            apprenticeshipStatus: { enum: ['in_progress', 'completed'], 'x-message': 'must be in_progress or completed' },
            completedOn: isoDate,
          },
          allOf: [
            {
              if: { properties: { apprenticeshipStatus: { const: 'completed' } }, required: ['apprenticeshipStatus'] },
              then: { required: ['completedOn'], 'x-message': 'is required for a completed apprenticeship' },
            },
          ],
        },
      },
    },
    attributeMetadata,
  },
} as const;

/** The JSON Schema (2020-12) of a RoleCompetence credential. */
export const roleCompetenceSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaIdFor('role-competence', ROLE_COMPETENCE_VERSION),
  title: 'Role competence',
  description: 'Competence for a role in a career framework: framework and version, level, role, assessed competences, qualifications and apprenticeship.',
  ...credentialEnvelope('RoleCompetence', roleCompetenceSubjectSchema),
} as const;

/** The subject of a RoleCompetence credential (derived from the schema). */
export type RoleCompetenceSubject = FromSchema<typeof roleCompetenceSubjectSchema>;
