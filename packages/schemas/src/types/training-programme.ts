import { attributeMetadata, credentialEnvelope, did, isoDate, shortText } from '../lib/common-defs.js';
import type { FromSchema } from '../lib/from-schema.js';
import { schemaIdFor } from '../lib/urls.js';

/** The version of the training programme schema the catalogue issues under. */
export const TRAINING_PROGRAMME_VERSION = '1.0.0';

const trainingProgrammeSubjectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'programme', 'attributeMetadata'],
  properties: {
    id: did,
    programme: {
      type: 'object',
      additionalProperties: false,
      required: ['programmeName', 'startOn', 'endOn'],
      properties: {
        programmeName: { ...shortText, description: 'For example Core Surgical Training.' },
        specialty: shortText,
        localOffice: { ...shortText, description: 'The NHS England local office (formerly deanery) that manages the programme.' },
        trainingNumber: { ...shortText, maxLength: 40, description: 'The national training number, when the doctor holds one.' },
        startOn: isoDate,
        endOn: { ...isoDate, description: 'The expected end of the programme.' },
      },
    },
    attributeMetadata,
  },
} as const;

/** The JSON Schema (2020-12) of a TrainingProgramme credential. */
export const trainingProgrammeSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaIdFor('training-programme', TRAINING_PROGRAMME_VERSION),
  title: 'Training programme',
  description: "A doctor in training's programme (name, specialty, local office, dates), as NHS England's training system issues it.",
  ...credentialEnvelope('TrainingProgramme', trainingProgrammeSubjectSchema),
} as const;

/** The subject of a TrainingProgramme credential (derived from the schema). */
export type TrainingProgrammeSubject = FromSchema<typeof trainingProgrammeSubjectSchema>;
