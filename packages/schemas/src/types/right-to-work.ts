import { attributeMetadata, credentialEnvelope, did, employmentCheck, isoDate, shortText } from '../lib/common-defs.js';
import type { FromSchema } from '../lib/from-schema.js';
import { schemaIdFor } from '../lib/urls.js';
import {
  RIGHT_TO_WORK_DOCUMENT_CODES,
  RIGHT_TO_WORK_LISTS,
  RIGHT_TO_WORK_METHODS,
  WORK_RESTRICTION_KINDS,
} from '../reference/right-to-work.js';

/** The version of the right to work schema the catalogue issues under. */
export const RIGHT_TO_WORK_VERSION = '1.0.0';

const rightToWorkSubjectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'rightToWork', 'check', 'attributeMetadata'],
  properties: {
    id: did,
    rightToWork: {
      type: 'object',
      additionalProperties: false,
      required: ['method', 'listType', 'documentKind'],
      properties: {
        method: { enum: RIGHT_TO_WORK_METHODS, 'x-message': `must be one of ${RIGHT_TO_WORK_METHODS.join(', ')}` },
        listType: { enum: RIGHT_TO_WORK_LISTS, 'x-message': 'must be ListA (continuous) or ListB (time-limited)' },
        documentKind: {
          enum: RIGHT_TO_WORK_DOCUMENT_CODES,
          'x-message': `must be one of ${RIGHT_TO_WORK_DOCUMENT_CODES.join(', ')}`,
          description: 'The kind of document or status relied on, never its number or image.',
        },
        documentExpiresOn: { ...isoDate, description: 'When the document relied on expires (a re-check is needed before relying on it after).' },
        permissionExpiresOn: { ...isoDate, description: 'List B: when the permission to work ends.' },
        followUpDueOn: { ...isoDate, description: 'List B: when the follow-up check is due, before the permission ends.' },
        workRestrictions: {
          type: 'array',
          maxItems: 10,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['restrictionKind'],
            properties: {
              restrictionKind: { enum: WORK_RESTRICTION_KINDS, 'x-message': `must be one of ${WORK_RESTRICTION_KINDS.join(', ')}` },
              maxHoursPerWeek: { type: 'number', minimum: 0, maximum: 168 },
              restrictionDetail: shortText,
            },
          },
        },
      },
      allOf: [
        {
          if: { properties: { listType: { const: 'ListB' } }, required: ['listType'] },
          then: { required: ['permissionExpiresOn', 'followUpDueOn'], 'x-message': 'is required for a List B (time-limited) right to work' },
        },
      ],
    },
    check: employmentCheck('right_to_work'),
    attributeMetadata,
  },
} as const;

/** The JSON Schema (2020-12) of a RightToWork credential. */
export const rightToWorkSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaIdFor('right-to-work', RIGHT_TO_WORK_VERSION),
  title: 'Right to work',
  description: 'A right to work check: method, List A (continuous) or List B (time-limited, with a follow-up check), and restrictions.',
  ...credentialEnvelope('RightToWork', rightToWorkSubjectSchema),
} as const;

/** The subject of a RightToWork credential (derived from the schema). */
export type RightToWorkSubject = FromSchema<typeof rightToWorkSubjectSchema>;
