import { attributeMetadata, credentialEnvelope, did, employmentCheck, isoDate, organisation, shortText } from '../lib/common-defs.js';
import type { FromSchema } from '../lib/from-schema.js';
import { schemaIdFor } from '../lib/urls.js';
import { GAP_REASONS } from '../reference/employment-history.js';

/** The version of the employment history schema the catalogue issues under. */
export const EMPLOYMENT_HISTORY_VERSION = '1.0.0';

const employmentHistorySubjectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'history', 'check', 'attributeMetadata'],
  properties: {
    id: did,
    history: {
      type: 'object',
      additionalProperties: false,
      required: ['coversFrom', 'coversTo', 'employments'],
      properties: {
        coversFrom: isoDate,
        coversTo: isoDate,
        employments: {
          type: 'array',
          minItems: 1,
          maxItems: 50,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['employer', 'jobTitle', 'startOn'],
            properties: {
              employer: organisation,
              jobTitle: shortText,
              startOn: isoDate,
              endOn: isoDate,
            },
          },
        },
        gaps: {
          type: 'array',
          maxItems: 50,
          description: 'Explained gaps: when, and a category of reason, never the personal story.',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['fromOn', 'toOn', 'gapReason'],
            properties: {
              fromOn: isoDate,
              toOn: isoDate,
              gapReason: { enum: GAP_REASONS, 'x-message': `must be one of ${GAP_REASONS.join(', ')}` },
            },
          },
        },
      },
    },
    check: employmentCheck('employment_history'),
    attributeMetadata,
  },
} as const;

/** The JSON Schema (2020-12) of an EmploymentHistory credential. */
export const employmentHistorySchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaIdFor('employment-history', EMPLOYMENT_HISTORY_VERSION),
  title: 'Employment history',
  description: 'A checked employment history covering at least three years, with every gap explained.',
  ...credentialEnvelope('EmploymentHistory', employmentHistorySubjectSchema),
} as const;

/** The subject of an EmploymentHistory credential (derived from the schema). */
export type EmploymentHistorySubject = FromSchema<typeof employmentHistorySubjectSchema>;
