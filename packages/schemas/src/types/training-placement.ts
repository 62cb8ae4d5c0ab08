import { attributeMetadata, credentialEnvelope, did, isoDate, organisation, shortText } from '../lib/common-defs.js';
import type { FromSchema } from '../lib/from-schema.js';
import { schemaIdFor } from '../lib/urls.js';

/** The version of the training placement schema the catalogue issues under. */
export const TRAINING_PLACEMENT_VERSION = '1.0.0';

const trainingPlacementSubjectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'placement', 'attributeMetadata'],
  properties: {
    id: did,
    placement: {
      type: 'object',
      additionalProperties: false,
      required: ['specialty', 'grade', 'nationalPostNumber', 'employingBody', 'site', 'startOn', 'endOn'],
      properties: {
        programmeName: shortText,
        specialty: shortText,
        grade: { ...shortText, maxLength: 20, description: 'The training grade, for example FY1, CT2 or ST4.' },
        nationalPostNumber: { ...shortText, maxLength: 60 },
        employingBody: organisation,
        site: organisation,
        fte: { type: 'number', exclusiveMinimum: 0, maximum: 1, 'x-message': 'must be more than 0 and at most 1' },
        startOn: isoDate,
        endOn: isoDate,
      },
    },
    attributeMetadata,
  },
} as const;

/** The JSON Schema (2020-12) of a TrainingPlacement credential. */
export const trainingPlacementSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaIdFor('training-placement', TRAINING_PLACEMENT_VERSION),
  title: 'Training placement',
  description: "A doctor in training's placement (specialty, grade, national post number, employing body, site, dates), as NHS England's training system issues it.",
  ...credentialEnvelope('TrainingPlacement', trainingPlacementSubjectSchema),
} as const;

/** The subject of a TrainingPlacement credential (derived from the schema). */
export type TrainingPlacementSubject = FromSchema<typeof trainingPlacementSubjectSchema>;
