import { attributeMetadata, credentialEnvelope, did, version } from '../lib/common-defs.js';
import type { FromSchema } from '../lib/from-schema.js';
import { schemaIdFor } from '../lib/urls.js';
import { CSTF_EDITIONS, CSTF_EDITION_CODES, RESUSCITATION_VARIANT_CODES } from '../reference/cstf.js';
import { cstfSubjectAndLevel, trainingDatesAndAlignment } from './training-record-1-0-0.js';

/**
 * The version of the training record schema the catalogue issues under. 1.1.0 (a minor change,
 * DOMAIN.md "Statutory and mandatory training"): the CSTF edition the training meets (CSTF
 * (England) or the UK CSTF) and, for resuscitation at levels 2 and 3, the adult, paediatric or
 * newborn variant; both optional, so 1.0.0 credentials are valid under 1.1.0 too.
 */
export const TRAINING_RECORD_VERSION = '1.1.0';

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
        edition: {
          enum: CSTF_EDITION_CODES,
          'x-message': `must be a CSTF edition: ${CSTF_EDITION_CODES.map((e) => `${e} (${CSTF_EDITIONS[e].title} v${CSTF_EDITIONS[e].currentVersion})`).join(', ')}`,
        },
        frameworkVersion: { ...version, description: 'The version of the edition the training meets, for example 1.1 (CSTF England) or 1.6 (UK CSTF).' },
        ...cstfSubjectAndLevel,
        variant: {
          enum: RESUSCITATION_VARIANT_CODES,
          'x-message': `must be a resuscitation variant: ${RESUSCITATION_VARIANT_CODES.join(', ')}`,
          description: 'Resuscitation at levels 2 and 3 only: adult, paediatric or newborn life support.',
        },
        ...trainingDatesAndAlignment,
      },
    },
    attributeMetadata,
  },
} as const;

/** The JSON Schema (2020-12) of a TrainingRecord credential. */
export const trainingRecordSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaIdFor('training-record', TRAINING_RECORD_VERSION),
  title: 'Training record',
  description: 'A completed statutory or mandatory training subject under the Core Skills Training Framework, with the edition it meets.',
  ...credentialEnvelope('TrainingRecord', trainingRecordSubjectSchema),
} as const;

/** A completed CSTF statutory or mandatory training subject (derived from the schema). */
export type TrainingRecordSubject = FromSchema<typeof trainingRecordSubjectSchema>;
