/**
 * TrainingRecord 1.0.0, frozen (docs/credentials.md, "Versioning"): credentials issued under it
 * keep verifying against exactly this schema. 1.1.0 added the CSTF edition and the resuscitation
 * variant, both optional, so every 1.0.0 credential is also valid under 1.1.0.
 */
import { CSTF_SUBJECT_CODES } from '../reference/cstf.js';
import { attributeMetadata, credentialEnvelope, did, isoDate, shortText, version } from '../lib/common-defs.js';
import type { FromSchema } from '../lib/from-schema.js';
import { schemaIdFor } from '../lib/urls.js';

/** The frozen version. */
export const TRAINING_RECORD_VERSION_1_0_0 = '1.0.0';

/** The subject and level, the same in every version. */
export const cstfSubjectAndLevel = {
  subject: {
    enum: CSTF_SUBJECT_CODES,
    'x-message': 'must be a CSTF subject code such as fire_safety',
  },
  level: { enum: [1, 2, 3], 'x-message': 'must be 1, 2 or 3' },
} as const;

/** The dates, alignment and ESR name, the same in every version. */
export const trainingDatesAndAlignment = {
  completedOn: isoDate,
  // Completion plus the subject's refresher period; set by the issuer.
  expiresOn: isoDate,
  // Whether the issuer has a CSTF Declaration of Alignment (makes the training portable).
  issuerAligned: { type: 'boolean' },
  // The ESR national competence name, when the record came from ESR.
  esrCompetence: shortText,
} as const;

// Published as 1.0.0 before the catalogue grew: kept byte for byte (descriptions are comments
// here, not schema annotations, so the published schema does not change).
const trainingRecordSubjectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'training', 'attributeMetadata'],
  properties: {
    id: did,
    training: {
      type: 'object',
      additionalProperties: false,
      required: ['framework', 'frameworkVersion', 'subject', 'level', 'completedOn', 'issuerAligned'],
      properties: {
        framework: { const: 'CSTF', 'x-message': 'must be CSTF' },
        // The CSTF version the training meets, for example 1.2.
        frameworkVersion: version,
        ...cstfSubjectAndLevel,
        ...trainingDatesAndAlignment,
      },
    },
    attributeMetadata,
  },
} as const;

/** The JSON Schema (2020-12) of a TrainingRecord 1.0.0 credential. */
export const trainingRecordSchema_1_0_0 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaIdFor('training-record', TRAINING_RECORD_VERSION_1_0_0),
  title: 'Training record',
  description: 'A completed statutory or mandatory training subject under the Core Skills Training Framework.',
  ...credentialEnvelope('TrainingRecord', trainingRecordSubjectSchema),
} as const;

/** A completed CSTF training subject under 1.0.0 (derived from the schema). */
export type TrainingRecordSubject_1_0_0 = FromSchema<typeof trainingRecordSubjectSchema>;
