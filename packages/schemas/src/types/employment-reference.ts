import { attributeMetadata, credentialEnvelope, did, employmentCheck, isoDate, organisation, shortText } from '../lib/common-defs.js';
import type { FromSchema } from '../lib/from-schema.js';
import { schemaIdFor } from '../lib/urls.js';
import { REFERENCE_TYPES } from '../reference/employment-history.js';

/** The version of the employment reference schema the catalogue issues under. */
export const EMPLOYMENT_REFERENCE_VERSION = '1.0.0';

const employmentReferenceSubjectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'reference', 'check', 'attributeMetadata'],
  properties: {
    id: did,
    reference: {
      type: 'object',
      additionalProperties: false,
      required: ['referenceType', 'referee', 'jobTitle', 'startOn', 'receivedOn', 'outcome'],
      properties: {
        referenceType: { enum: REFERENCE_TYPES, 'x-message': `must be one of ${REFERENCE_TYPES.join(', ')}` },
        referee: { ...organisation, description: 'The employer (or training provider) that gave the reference.' },
        jobTitle: shortText,
        startOn: isoDate,
        endOn: isoDate,
        receivedOn: isoDate,
        outcome: { enum: ['satisfactory', 'not_satisfactory'], 'x-message': 'must be satisfactory or not_satisfactory' },
      },
    },
    check: employmentCheck('employment_history'),
    attributeMetadata,
  },
} as const;

/** The JSON Schema (2020-12) of an EmploymentReference credential. */
export const employmentReferenceSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaIdFor('employment-reference', EMPLOYMENT_REFERENCE_VERSION),
  title: 'Employment reference',
  description: 'A reference received for a past employment or training: type, referee and ODS code, role, dates and outcome.',
  ...credentialEnvelope('EmploymentReference', employmentReferenceSubjectSchema),
} as const;

/** The subject of an EmploymentReference credential (derived from the schema). */
export type EmploymentReferenceSubject = FromSchema<typeof employmentReferenceSubjectSchema>;
