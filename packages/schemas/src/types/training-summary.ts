import { attributeMetadata, credentialEnvelope, did, isoDate, recordOf, version } from '../lib/common-defs.js';
import type { FromSchema } from '../lib/from-schema.js';
import { schemaIdFor } from '../lib/urls.js';
import { CSTF_EDITION_CODES, CSTF_SUBJECT_CODES, RESUSCITATION_VARIANT_CODES } from '../reference/cstf.js';
import { subjectStanding } from './training-summary-1-0-0.js';

/**
 * The version of the training summary schema the catalogue issues under. 1.1.0 (a minor change):
 * the CSTF edition the summary is against, and resuscitation's adult, paediatric or newborn
 * variant; both optional, so 1.0.0 credentials are valid under 1.1.0 too.
 */
export const TRAINING_SUMMARY_VERSION = '1.1.0';

// Resuscitation at levels 2 and 3 comes in variants (DOMAIN.md); the other subjects have none.
const resuscitationStanding = {
  ...subjectStanding,
  properties: {
    ...subjectStanding.properties,
    variant: { enum: RESUSCITATION_VARIANT_CODES, 'x-message': `must be a resuscitation variant: ${RESUSCITATION_VARIANT_CODES.join(', ')}` },
  },
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
        edition: { enum: CSTF_EDITION_CODES, 'x-message': `must be a CSTF edition: ${CSTF_EDITION_CODES.join(', ')}` },
        frameworkVersion: version,
        asOf: { ...isoDate, description: 'The day the statuses are true on.' },
        issuerAligned: { type: 'boolean' },
        subjects: {
          type: 'object',
          additionalProperties: false,
          required: CSTF_SUBJECT_CODES,
          properties: { ...recordOf(CSTF_SUBJECT_CODES, () => subjectStanding), resuscitation: resuscitationStanding },
        },
        allRequiredInDate: { type: 'boolean', description: 'Whether every subject is in date or not required; set by the issuer.' },
      },
    },
    attributeMetadata,
  },
} as const;

/** The JSON Schema (2020-12) of a TrainingSummary credential. */
export const trainingSummarySchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaIdFor('training-summary', TRAINING_SUMMARY_VERSION),
  title: 'Training summary',
  description: 'Every CSTF subject with its status on a date, so a verifier can be shown "all in date" without every record; with the CSTF edition and the resuscitation variant.',
  ...credentialEnvelope('TrainingSummary', trainingSummarySubjectSchema),
} as const;

/** The subject of a TrainingSummary credential (derived from the schema). */
export type TrainingSummarySubject = FromSchema<typeof trainingSummarySubjectSchema>;
