import { CSTF_SUBJECT_CODES, type CstfLevel, type CstfSubjectCode } from '../reference/cstf.js';
import { attributeMetadata, credentialEnvelope, did, isoDate, shortText } from '../lib/common-defs.js';
import { schemaIdFor } from '../lib/urls.js';
import type { AttributeMetadata } from './attribute-metadata.js';

export const TRAINING_RECORD_VERSION = '1.0.0';

/** A completed CSTF statutory or mandatory training subject. */
export interface TrainingRecordSubject {
  /** The holder's DID. */
  id: string;
  training: {
    framework: 'CSTF';
    /** The CSTF version the training meets, for example "1.2". */
    frameworkVersion: string;
    subject: CstfSubjectCode;
    level: CstfLevel;
    /** YYYY-MM-DD. */
    completedOn: string;
    /** YYYY-MM-DD, completion plus the subject's refresher period; set by the issuer. */
    expiresOn?: string;
    /** Whether the issuer has a CSTF Declaration of Alignment (makes the training portable). */
    issuerAligned: boolean;
    /** The ESR national competence name, when the record came from ESR. */
    esrCompetence?: string;
  };
  attributeMetadata: AttributeMetadata;
}

export const trainingRecordSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaIdFor('training-record', TRAINING_RECORD_VERSION),
  title: 'Training record',
  description: 'A completed statutory or mandatory training subject under the Core Skills Training Framework.',
  ...credentialEnvelope('TrainingRecord', {
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
          frameworkVersion: {
            type: 'string',
            pattern: '^[0-9]+(\\.[0-9]+){0,2}$',
            'x-message': 'must be a version such as 1.2',
          },
          subject: {
            enum: CSTF_SUBJECT_CODES,
            'x-message': 'must be a CSTF subject code such as fire_safety',
          },
          level: { enum: [1, 2, 3], 'x-message': 'must be 1, 2 or 3' },
          completedOn: isoDate,
          expiresOn: isoDate,
          issuerAligned: { type: 'boolean' },
          esrCompetence: shortText,
        },
      },
      attributeMetadata,
    },
  }),
} as const;
