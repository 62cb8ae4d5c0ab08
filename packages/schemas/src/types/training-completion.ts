import { attributeMetadata, credentialEnvelope, did, isoDate, shortText } from '../lib/common-defs.js';
import type { FromSchema } from '../lib/from-schema.js';
import { schemaIdFor } from '../lib/urls.js';
import { TRAINING_COMPONENTS, TRAINING_PROGRAMMES, TRAINING_PROGRAMME_CODES } from '../reference/mandatory-training.js';

/** The version of the training completion schema the catalogue issues under. */
export const TRAINING_COMPLETION_VERSION = '1.0.0';

const trainingCompletionSubjectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'training', 'attributeMetadata'],
  properties: {
    id: did,
    training: {
      type: 'object',
      additionalProperties: false,
      required: ['programme', 'completedOn'],
      properties: {
        programme: {
          enum: TRAINING_PROGRAMME_CODES,
          'x-message': `must be one of ${TRAINING_PROGRAMME_CODES.map((c) => `${c} (${TRAINING_PROGRAMMES[c].title})`).join(', ')}`,
        },
        tier: { enum: [1, 2], 'x-message': 'must be tier 1 or 2', description: 'The Oliver McGowan tier: 1 (general awareness) or 2 (for staff who may need to provide care).' },
        components: {
          type: 'array',
          maxItems: 3,
          description: 'The parts completed, each on its day.',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['component', 'completedOn'],
            properties: {
              component: { enum: TRAINING_COMPONENTS, 'x-message': `must be one of ${TRAINING_COMPONENTS.join(', ')}` },
              completedOn: isoDate,
            },
          },
        },
        completedOn: { ...isoDate, description: 'The day the whole programme (every part of its tier) was completed.' },
        deliveredBy: { ...shortText, description: 'The training provider.' },
      },
      allOf: [
        {
          if: { properties: { programme: { const: 'oliver_mcgowan' } }, required: ['programme'] },
          then: { required: ['tier'], 'x-message': 'is required for the Oliver McGowan Mandatory Training' },
        },
      ],
    },
    attributeMetadata,
  },
} as const;

/** The JSON Schema (2020-12) of a TrainingCompletion credential. */
export const trainingCompletionSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaIdFor('training-completion', TRAINING_COMPLETION_VERSION),
  title: 'Training completion',
  description: 'Completed statutory or mandatory training outside the CSTF subjects: the Oliver McGowan Mandatory Training on Learning Disability and Autism (tier 1 or 2), or the Care Certificate.',
  ...credentialEnvelope('TrainingCompletion', trainingCompletionSubjectSchema),
} as const;

/** The subject of a TrainingCompletion credential (derived from the schema). */
export type TrainingCompletionSubject = FromSchema<typeof trainingCompletionSubjectSchema>;
