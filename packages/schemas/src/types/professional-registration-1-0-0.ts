/**
 * ProfessionalRegistration 1.0.0, frozen (docs/credentials.md, "Versioning"): credentials issued
 * under it keep verifying against exactly this schema. Its number formats accepted an HCPC `OD`
 * prefix that does not exist and refused `ODP`, and any 7-digit GPhC number; it knew five
 * regulators and five statuses. 2.0.0 corrected them; the 1.0.0 values are kept here.
 */
import { attributeMetadata, credentialEnvelope, did, employmentCheck, isoDate, shortText } from '../lib/common-defs.js';
import type { FromSchema } from '../lib/from-schema.js';
import { schemaIdFor } from '../lib/urls.js';

/** The frozen version. */
export const PROFESSIONAL_REGISTRATION_VERSION_1_0_0 = '1.0.0';

/** A regulator's number format and cycles, as a version of the schema knows them. */
export interface RegulatorNumberRules {
  readonly numberPattern: string;
  readonly numberMessage: string;
  readonly revalidationMonths?: number;
  readonly renewalMonths?: number;
}

/** The regulators of 1.0.0 and their number formats and cycles, as published. */
export const REGULATORS_1_0_0 = {
  GMC: { numberPattern: '^[0-9]{7}$', numberMessage: 'a GMC number is 7 digits, such as 1234567', revalidationMonths: 60 },
  NMC: { numberPattern: '^[0-9]{2}[A-Z][0-9]{4}[A-Z]$', numberMessage: 'an NMC PIN looks like 12A3456E', revalidationMonths: 36 },
  HCPC: {
    numberPattern: '^(AS|BS|CH|CS|DT|HAD|OD|OR|OT|PA|PH|PO|PYL|RA|SL)[0-9]{5,6}$',
    numberMessage: 'an HCPC number is a profession prefix and digits, such as PH123456',
    renewalMonths: 24,
  },
  GPhC: { numberPattern: '^[0-9]{7}$', numberMessage: 'a GPhC number is 7 digits, such as 2012345' },
  GDC: { numberPattern: '^[0-9]{1,6}$', numberMessage: 'a GDC number is up to 6 digits, such as 123456' },
} as const satisfies Record<string, RegulatorNumberRules>;

/** The register statuses of 1.0.0. */
export const REGISTRATION_STATUSES_1_0_0 = ['registered', 'registered_with_conditions', 'suspended', 'lapsed', 'removed'] as const;

/**
 * One if/then per regulator, generated from a version's regulator table, so the published schema
 * itself says what each regulator's number looks like (and says it in plain English).
 */
export function numberFormatPerRegulator<const C extends string>(codes: readonly C[], regulators: Readonly<Record<C, RegulatorNumberRules>>) {
  return codes.map((code) => ({
    if: { properties: { regulator: { const: code } }, required: ['regulator'] },
    then: { properties: { number: { type: 'string', pattern: regulators[code].numberPattern, 'x-message': regulators[code].numberMessage } } },
  }));
}

const REGULATOR_CODES_1_0_0 = Object.keys(REGULATORS_1_0_0) as (keyof typeof REGULATORS_1_0_0)[];

/** The registration claims every version has, before its regulator and status lists. */
export const registrationClaims = {
  number: { type: 'string', minLength: 1, maxLength: 20 },
  registerPart: { ...shortText, description: 'The part of the register, for example Registered Nurse - Adult, or Paramedic.' },
} as const;

/** The dates and source every version has, after the status. */
export const registrationDatesAndSource = {
  annotations: { type: 'array', maxItems: 20, items: shortText, description: 'Register annotations, for example independent prescriber.' },
  registeredOn: isoDate,
  renewalDueOn: isoDate,
  revalidationDueOn: isoDate,
  source: { ...shortText, description: 'The register consulted, for example the NMC online register.' },
} as const;

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
        regulator: { enum: REGULATOR_CODES_1_0_0, 'x-message': `must be one of ${REGULATOR_CODES_1_0_0.join(', ')}` },
        ...registrationClaims,
        status: { enum: REGISTRATION_STATUSES_1_0_0, 'x-message': `must be one of ${REGISTRATION_STATUSES_1_0_0.join(', ')}` },
        ...registrationDatesAndSource,
      },
      allOf: numberFormatPerRegulator(REGULATOR_CODES_1_0_0, REGULATORS_1_0_0),
    },
    check: employmentCheck('professional_registration'),
    attributeMetadata,
  },
} as const;

/** The JSON Schema (2020-12) of a ProfessionalRegistration 1.0.0 credential. */
export const professionalRegistrationSchema_1_0_0 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaIdFor('professional-registration', PROFESSIONAL_REGISTRATION_VERSION_1_0_0),
  title: 'Professional registration',
  description: "A professional registration check: regulator, registration number in the regulator's format, status, annotations and renewal dates.",
  ...credentialEnvelope('ProfessionalRegistration', professionalRegistrationSubjectSchema),
} as const;

/** The subject of a ProfessionalRegistration 1.0.0 credential (derived from the schema). */
export type ProfessionalRegistrationSubject_1_0_0 = FromSchema<typeof professionalRegistrationSubjectSchema>;
