/**
 * TrainingSummary 1.0.0, frozen (docs/credentials.md, "Versioning"): credentials issued under it
 * keep verifying against exactly this schema. 1.1.0 added the CSTF edition and the resuscitation
 * variant, both optional.
 */
import { attributeMetadata, credentialEnvelope, did, isoDate, recordOf, version } from '../lib/common-defs.js';
import type { FromSchema } from '../lib/from-schema.js';
import { schemaIdFor } from '../lib/urls.js';
import { CSTF_SUBJECT_CODES } from '../reference/cstf.js';

/** The frozen version. */
export const TRAINING_SUMMARY_VERSION_1_0_0 = '1.0.0';

/** A subject's standing on the summary's date; `not_required` means not required for the holder's role. */
export const TRAINING_SUMMARY_STATUSES = ['in_date', 'expired', 'not_completed', 'not_required'] as const;

/** One subject's standing, the same in every version (1.1.0 adds a variant to resuscitation's). */
export const subjectStanding = {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  properties: {
    status: { enum: TRAINING_SUMMARY_STATUSES, 'x-message': `must be one of ${TRAINING_SUMMARY_STATUSES.join(', ')}` },
    level: { enum: [1, 2, 3], 'x-message': 'must be 1, 2 or 3' },
    completedOn: isoDate,
    expiresOn: { ...isoDate, description: "Completion plus the subject's refresher period; set by the issuer." },
  },
  allOf: [
    {
      if: { properties: { status: { enum: ['in_date', 'expired'] } }, required: ['status'] },
      then: { required: ['completedOn', 'level'], 'x-message': 'is required for training that was completed' },
    },
    {
      if: { required: ['completedOn'] },
      then: { required: ['level'], 'x-message': 'is required with a completion date' },
    },
  ],
} as const;

// Keyed by CSTF subject code, every subject required: the schema itself says the summary is
// complete, and each subject is a claim of its own for selective disclosure.
const trainingSummarySubjectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'summary', 'attributeMetadata'],
  properties: {
    id: did,
    summary: {
      type: 'object',
      additionalProperties: false,
      required: ['framework', 'frameworkVersion', 'asOf', 'issuerAligned', 'subjects'],
      properties: {
        framework: { const: 'CSTF', 'x-message': 'must be CSTF' },
        frameworkVersion: version,
        asOf: { ...isoDate, description: 'The day the statuses are true on.' },
        issuerAligned: { type: 'boolean' },
        subjects: {
          type: 'object',
          additionalProperties: false,
          required: CSTF_SUBJECT_CODES,
          properties: recordOf(CSTF_SUBJECT_CODES, () => subjectStanding),
        },
        allRequiredInDate: { type: 'boolean', description: 'Whether every subject is in date or not required; set by the issuer.' },
      },
    },
    attributeMetadata,
  },
} as const;

/** The JSON Schema (2020-12) of a TrainingSummary 1.0.0 credential. */
export const trainingSummarySchema_1_0_0 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaIdFor('training-summary', TRAINING_SUMMARY_VERSION_1_0_0),
  title: 'Training summary',
  description: 'Every CSTF subject with its status on a date, so a verifier can be shown "all in date" without every record.',
  ...credentialEnvelope('TrainingSummary', trainingSummarySubjectSchema),
} as const;

/** The subject of a TrainingSummary 1.0.0 credential (derived from the schema). */
export type TrainingSummarySubject_1_0_0 = FromSchema<typeof trainingSummarySubjectSchema>;

/** One subject's standing in a TrainingSummary. */
export type TrainingSummaryStanding = FromSchema<typeof subjectStanding>;
