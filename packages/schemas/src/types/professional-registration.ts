import { attributeMetadata, credentialEnvelope, did, employmentCheck, isoDate, shortText } from '../lib/common-defs.js';
import type { FromSchema } from '../lib/from-schema.js';
import { schemaIdFor } from '../lib/urls.js';
import { REGISTRATION_STATUSES, REGULATORS, REGULATOR_CODES } from '../reference/regulators.js';

/** The version of the professional registration schema the catalogue issues under. */
export const PROFESSIONAL_REGISTRATION_VERSION = '1.0.0';

// One if/then per regulator, generated from the reference data, so the published schema itself
// says what each regulator's number looks like (and says it in plain English).
const numberFormatPerRegulator = REGULATOR_CODES.map((code) => ({
  if: { properties: { regulator: { const: code } }, required: ['regulator'] },
  then: { properties: { number: { type: 'string', pattern: REGULATORS[code].numberPattern, 'x-message': REGULATORS[code].numberMessage } } },
}));

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
        number: { type: 'string', minLength: 1, maxLength: 20 },
        registerPart: { ...shortText, description: 'The part of the register, for example Registered Nurse - Adult, or Paramedic.' },
        status: { enum: REGISTRATION_STATUSES, 'x-message': `must be one of ${REGISTRATION_STATUSES.join(', ')}` },
        annotations: { type: 'array', maxItems: 20, items: shortText, description: 'Register annotations, for example independent prescriber.' },
        registeredOn: isoDate,
        renewalDueOn: isoDate,
        revalidationDueOn: isoDate,
        source: { ...shortText, description: 'The register consulted, for example the NMC online register.' },
      },
      allOf: numberFormatPerRegulator,
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
  description: "A professional registration check: regulator, registration number in the regulator's format, status, annotations and renewal dates.",
  ...credentialEnvelope('ProfessionalRegistration', professionalRegistrationSubjectSchema),
} as const;

/** The subject of a ProfessionalRegistration credential (derived from the schema). */
export type ProfessionalRegistrationSubject = FromSchema<typeof professionalRegistrationSubjectSchema>;
