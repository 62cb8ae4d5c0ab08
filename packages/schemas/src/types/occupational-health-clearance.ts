import { attributeMetadata, credentialEnvelope, did, employmentCheck, isoDate, recordOf } from '../lib/common-defs.js';
import type { FromSchema } from '../lib/from-schema.js';
import { schemaIdFor } from '../lib/urls.js';
import { EPP_CLEARANCES, IMMUNITY_DISEASES, IMMUNITY_STATUSES, WORK_HEALTH_OUTCOMES } from '../reference/occupational-health.js';

/** The version of the occupational health clearance schema the catalogue issues under. */
export const OCCUPATIONAL_HEALTH_CLEARANCE_VERSION = '1.0.0';

const immunityStatus = { enum: IMMUNITY_STATUSES, 'x-message': 'must be cleared or not_cleared' } as const;

// The clearance only: outcomes and cleared-or-not per disease, never clinical detail; no other
// field is allowed.
const occupationalHealthClearanceSubjectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'clearance', 'check', 'attributeMetadata'],
  properties: {
    id: did,
    clearance: {
      type: 'object',
      additionalProperties: false,
      required: ['outcome', 'eppClearance', 'assessedOn'],
      properties: {
        outcome: { enum: WORK_HEALTH_OUTCOMES, 'x-message': `must be one of ${WORK_HEALTH_OUTCOMES.join(', ')}` },
        eppClearance: {
          enum: EPP_CLEARANCES,
          'x-message': `must be one of ${EPP_CLEARANCES.join(', ')}`,
          description: 'Clearance for exposure-prone procedures.',
        },
        immunity: {
          type: 'object',
          additionalProperties: false,
          properties: recordOf(Object.keys(IMMUNITY_DISEASES) as (keyof typeof IMMUNITY_DISEASES)[], () => immunityStatus),
        },
        assessedOn: isoDate,
      },
    },
    check: employmentCheck('work_health'),
    attributeMetadata,
  },
} as const;

/** The JSON Schema (2020-12) of an OccupationalHealthClearance credential. */
export const occupationalHealthClearanceSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaIdFor('occupational-health-clearance', OCCUPATIONAL_HEALTH_CLEARANCE_VERSION),
  title: 'Occupational health clearance',
  description: 'A work health assessment: the outcome, EPP clearance and immunity evidence per disease as cleared or not. Never clinical detail.',
  ...credentialEnvelope('OccupationalHealthClearance', occupationalHealthClearanceSubjectSchema),
} as const;

/** The subject of an OccupationalHealthClearance credential (derived from the schema). */
export type OccupationalHealthClearanceSubject = FromSchema<typeof occupationalHealthClearanceSubjectSchema>;
