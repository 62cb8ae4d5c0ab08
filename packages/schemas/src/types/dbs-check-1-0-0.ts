/**
 * DbsCheck 1.0.0, frozen (docs/credentials.md, "Versioning"): credentials issued under it keep
 * verifying against exactly this schema. It knew the DBS only, let a basic certificate claim an
 * Update Service subscription, and recorded a status check as new information or not; 2.0.0 has
 * the three schemes, the Update Service for standard and enhanced only, and its three results.
 */
import { attributeMetadata, credentialEnvelope, did, employmentCheck, isoDate, patterned } from '../lib/common-defs.js';
import type { FromSchema } from '../lib/from-schema.js';
import { schemaIdFor } from '../lib/urls.js';
import { DBS_BARRED_LISTS, DBS_CERTIFICATE_NUMBER, DBS_LEVEL_CODES, DBS_WORKFORCES } from '../reference/dbs.js';

/** The frozen version. */
export const DBS_CHECK_VERSION_1_0_0 = '1.0.0';

/** The workforce and barred lists, the same in every version. */
export const dbsWorkforceAndLists = {
  workforce: { enum: DBS_WORKFORCES, 'x-message': `must be one of ${DBS_WORKFORCES.join(', ')}` },
  barredListsChecked: {
    type: 'array',
    uniqueItems: true,
    maxItems: 2,
    items: { enum: DBS_BARRED_LISTS, 'x-message': `must be one of ${DBS_BARRED_LISTS.join(', ')}` },
  },
} as const;

/** The issue date and the employer's decision, the same in every version. */
export const dbsIssuedOnAndDecision = {
  issuedOn: isoDate,
  decision: {
    enum: ['satisfactory', 'not_satisfactory'],
    'x-message': "must be satisfactory or not_satisfactory (the employer's decision, never the disclosure)",
  },
} as const;

// The decision only: no field here can hold disclosure content, and no other field is allowed.
const dbsCheckSubjectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'dbs', 'check', 'attributeMetadata'],
  properties: {
    id: did,
    dbs: {
      type: 'object',
      additionalProperties: false,
      required: ['level', 'certificateNumber', 'issuedOn', 'decision'],
      properties: {
        level: { enum: DBS_LEVEL_CODES, 'x-message': `must be one of ${DBS_LEVEL_CODES.join(', ')}` },
        ...dbsWorkforceAndLists,
        certificateNumber: patterned(DBS_CERTIFICATE_NUMBER),
        ...dbsIssuedOnAndDecision,
        updateService: {
          type: 'object',
          additionalProperties: false,
          required: ['subscribed'],
          properties: {
            subscribed: { type: 'boolean' },
            lastStatusCheckOn: isoDate,
            lastStatus: {
              enum: ['no_new_information', 'new_information'],
              'x-message': 'must be no_new_information or new_information',
            },
          },
        },
      },
      allOf: [
        {
          if: { properties: { level: { enum: ['enhanced', 'enhanced_barred'] } }, required: ['level'] },
          then: { required: ['workforce'], 'x-message': 'is required for an enhanced check' },
        },
        {
          if: { properties: { level: { const: 'enhanced_barred' } }, required: ['level'] },
          then: { required: ['barredListsChecked'], 'x-message': 'is required for an enhanced check with barred lists' },
        },
      ],
    },
    check: employmentCheck('criminal_record'),
    attributeMetadata,
  },
} as const;

/** The JSON Schema (2020-12) of a DbsCheck 1.0.0 credential. */
export const dbsCheckSchema_1_0_0 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaIdFor('dbs-check', DBS_CHECK_VERSION_1_0_0),
  title: 'DBS check',
  description: "A criminal record (DBS) check: level, workforce, barred lists checked, certificate and the employer's decision. Never the disclosure content.",
  ...credentialEnvelope('DbsCheck', dbsCheckSubjectSchema),
} as const;

/** The subject of a DbsCheck 1.0.0 credential (derived from the schema). */
export type DbsCheckSubject_1_0_0 = FromSchema<typeof dbsCheckSubjectSchema>;
