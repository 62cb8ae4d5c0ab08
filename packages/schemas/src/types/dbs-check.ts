import { attributeMetadata, credentialEnvelope, did, employmentCheck, isoDate } from '../lib/common-defs.js';
import type { FromSchema } from '../lib/from-schema.js';
import { schemaIdFor } from '../lib/urls.js';
import { CRIMINAL_RECORD_LEVEL_CODES, CRIMINAL_RECORD_SCHEMES, CRIMINAL_RECORD_SCHEME_CODES, UPDATE_SERVICE_STATUS_RESULTS } from '../reference/dbs.js';
import { dbsIssuedOnAndDecision, dbsWorkforceAndLists } from './dbs-check-1-0-0.js';

/**
 * The version of the dbs check schema the catalogue issues under. 2.0.0 (a major change, DOMAIN.md
 * "Criminal record"): the scheme (DBS, Disclosure Scotland with PVG, AccessNI), each with its
 * levels and certificate numbers; the Update Service for DBS standard and enhanced certificates
 * only; a status check's three results.
 */
export const DBS_CHECK_VERSION = '2.0.0';

// One if/then per scheme, generated from the reference data: each scheme's certificate number.
// A check that names no scheme is a DBS check (the scheme is optional so that DBS checks are
// issued as before), so the DBS's `if` holds when the scheme is absent too.
const certificateNumberPerScheme = CRIMINAL_RECORD_SCHEME_CODES.map((scheme) => ({
  if: scheme === 'dbs' ? { properties: { scheme: { const: scheme } } } : { properties: { scheme: { const: scheme } }, required: ['scheme'] },
  then: {
    properties: {
      certificateNumber: { type: 'string', pattern: CRIMINAL_RECORD_SCHEMES[scheme].certificateNumber.pattern, 'x-message': CRIMINAL_RECORD_SCHEMES[scheme].certificateNumber.message },
    },
  },
}));

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
        scheme: {
          enum: CRIMINAL_RECORD_SCHEME_CODES,
          'x-message': `must be one of ${CRIMINAL_RECORD_SCHEME_CODES.join(', ')}`,
          description: 'The scheme that issued the certificate; a check that names none is a DBS check (England and Wales).',
        },
        level: { enum: CRIMINAL_RECORD_LEVEL_CODES, 'x-message': `must be one of ${CRIMINAL_RECORD_LEVEL_CODES.join(', ')}` },
        ...dbsWorkforceAndLists,
        certificateNumber: { type: 'string', minLength: 1, maxLength: 20 },
        ...dbsIssuedOnAndDecision,
        updateService: {
          type: 'object',
          additionalProperties: false,
          required: ['subscribed'],
          description: 'The DBS Update Service (standard and enhanced DBS certificates only) and the last status check.',
          properties: {
            subscribed: { type: 'boolean' },
            lastStatusCheckOn: isoDate,
            lastStatus: { enum: UPDATE_SERVICE_STATUS_RESULTS, 'x-message': `must be a status check result: ${UPDATE_SERVICE_STATUS_RESULTS.join(', ')}` },
          },
        },
      },
      allOf: [
        {
          if: { properties: { level: { enum: ['enhanced', 'enhanced_barred', 'pvg'] } }, required: ['level'] },
          then: { required: ['workforce'], 'x-message': 'is required for an enhanced check or a PVG scheme record' },
        },
        {
          if: { properties: { level: { enum: ['enhanced_barred', 'pvg'] } }, required: ['level'] },
          then: { required: ['barredListsChecked'], 'x-message': 'is required for a check with barred lists' },
        },
        ...certificateNumberPerScheme,
      ],
    },
    check: employmentCheck('criminal_record'),
    attributeMetadata,
  },
} as const;

/** The JSON Schema (2020-12) of a DbsCheck credential. */
export const dbsCheckSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaIdFor('dbs-check', DBS_CHECK_VERSION),
  title: 'DBS check',
  description: "A criminal record check (DBS, Disclosure Scotland or AccessNI): scheme, level, workforce, barred lists checked, certificate, the Update Service, and the employer's decision. Never the disclosure content.",
  ...credentialEnvelope('DbsCheck', dbsCheckSubjectSchema),
} as const;

/** The subject of a DbsCheck credential (derived from the schema). */
export type DbsCheckSubject = FromSchema<typeof dbsCheckSubjectSchema>;
