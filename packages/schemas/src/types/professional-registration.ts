import { attributeMetadata, credentialEnvelope, did, employmentCheck } from '../lib/common-defs.js';
import type { FromSchema } from '../lib/from-schema.js';
import { schemaIdFor } from '../lib/urls.js';
import { REGISTRATION_STATUSES, REGULATORS, REGULATOR_CODES } from '../reference/regulators.js';
import { numberFormatPerRegulator, registrationClaims, registrationDatesAndSource } from './professional-registration-1-0-0.js';

/**
 * The version of the professional registration schema the catalogue issues under. 2.0.0 (a major
 * change, DOMAIN.md "Professional registration"): HCPC `ODP` (and no `OD`) with up to six digits,
 * GPhC numbers starting 2 or 5, the regulators' full status list, the GMC licence to practise,
 * and the social care and devolved regulators (Social Work England, SSSC, Social Care Wales,
 * NISCC) and GOC, GOsC and GCC.
 */
export const PROFESSIONAL_REGISTRATION_VERSION = '2.0.0';

const professionalRegistrationSubjectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'registration', 'check', 'attributeMetadata'],
  properties: {
    id: did,
    registration: {
      type: 'object',
      additionalProperties: false,
      required: ['regulator', 'number', 'status', 'source'],
      properties: {
        regulator: { enum: REGULATOR_CODES, 'x-message': `must be one of ${REGULATOR_CODES.join(', ')}` },
        ...registrationClaims,
        status: { enum: REGISTRATION_STATUSES, 'x-message': `must be one of ${REGISTRATION_STATUSES.join(', ')}` },
        licenceToPractise: { type: 'boolean', description: 'Whether a GMC-registered doctor holds a licence to practise (required for the GMC).' },
        ...registrationDatesAndSource,
      },
      allOf: [
        ...numberFormatPerRegulator(REGULATOR_CODES, REGULATORS),
        {
          if: { properties: { regulator: { const: 'GMC' } }, required: ['regulator'] },
          then: { required: ['licenceToPractise'], 'x-message': 'is required for the GMC: a doctor may be registered without a licence to practise' },
        },
      ],
    },
    check: employmentCheck('professional_registration'),
    attributeMetadata,
  },
} as const;

/** The JSON Schema (2020-12) of a ProfessionalRegistration credential. */
export const professionalRegistrationSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaIdFor('professional-registration', PROFESSIONAL_REGISTRATION_VERSION),
  title: 'Professional registration',
  description: "A professional registration check: regulator, registration number in the regulator's format, status, the GMC licence to practise, annotations and renewal dates.",
  ...credentialEnvelope('ProfessionalRegistration', professionalRegistrationSubjectSchema),
} as const;

/** The subject of a ProfessionalRegistration credential (derived from the schema). */
export type ProfessionalRegistrationSubject = FromSchema<typeof professionalRegistrationSubjectSchema>;
