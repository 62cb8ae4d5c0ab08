import { attributeMetadata, credentialEnvelope, did, employmentCheck, isoDate, isoDateTime, patterned, shortText } from '../lib/common-defs.js';
import type { FromSchema } from '../lib/from-schema.js';
import { schemaIdFor } from '../lib/urls.js';
import { DVS_TRUST_FRAMEWORK } from '../reference/dvs.js';
import { GPG45_PROFILES } from '../reference/gpg45.js';
import { NATIONAL_INSURANCE_NUMBER, PORTRAIT } from '../reference/identity-attributes.js';
import { identityMethodAndLevel, idspRequiresProfile, photoDocument } from './identity-verification-1-0-0.js';

/**
 * The version of the identity verification schema the catalogue issues under. 2.0.0 (a major
 * change, DOMAIN.md "Identity"): the person's identity attributes, the IDSP's DVS certificate,
 * framework version and register entry, the explicit GPG 45 profile list, and the day the
 * originals were seen in person.
 */
export const IDENTITY_VERIFICATION_VERSION = '2.0.0';

/** Who the person is, each claim selectively disclosable (the national programme shared these with every check). */
const person = {
  type: 'object',
  additionalProperties: false,
  // No NI number yet is common for staff recruited from abroad: the number is optional.
  required: ['givenName', 'familyName', 'birthDate', 'portrait'],
  description: 'The person whose identity was verified, as the identity check established it.',
  properties: {
    givenName: shortText,
    familyName: shortText,
    birthDate: isoDate,
    nationalInsuranceNumber: patterned(NATIONAL_INSURANCE_NUMBER),
    portrait: {
      type: 'string',
      pattern: PORTRAIT.pattern,
      'x-message': PORTRAIT.message,
      description: `A portrait photo for the likeness check: a JPEG of at most ${PORTRAIT.maxBytes / 1024} KB, as a data URL.`,
    },
  },
} as const;

const identityVerificationSubjectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'person', 'identity', 'check', 'attributeMetadata'],
  properties: {
    id: did,
    person,
    identity: {
      type: 'object',
      additionalProperties: false,
      required: ['method', 'confidenceLevel', 'verifiedAt'],
      properties: {
        ...identityMethodAndLevel,
        profile: { enum: GPG45_PROFILES, 'x-message': 'must be a GPG 45 profile of the explicit list, such as M1B or H2E' },
        idsp: {
          type: 'object',
          additionalProperties: false,
          required: ['providerName', 'certificate', 'frameworkVersion', 'registerEntry'],
          description: 'The IDSP and its certification under the UK digital verification services (DVS) trust framework.',
          properties: {
            providerName: shortText,
            certificate: { ...shortText, description: 'The IDSP certificate number under the DVS trust framework.' },
            frameworkVersion: { enum: DVS_TRUST_FRAMEWORK.versions, 'x-message': `must be a DVS trust framework version: ${DVS_TRUST_FRAMEWORK.versions.join(', ')}` },
            registerEntry: { ...shortText, description: "The service's entry on the DVS register DSIT keeps (its identifier or address)." },
          },
        },
        photoDocument,
        verifiedAt: isoDateTime,
        reverifyBy: isoDate,
        originalsSeenInPersonOn: { ...isoDate, description: 'The day the employer saw the original documents in person (NHS Employers expects it at start or induction, even after an IDSP check).' },
      },
      allOf: [idspRequiresProfile],
    },
    check: employmentCheck('identity'),
    attributeMetadata,
  },
} as const;

/** The JSON Schema (2020-12) of an IdentityVerification credential. */
export const identityVerificationSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaIdFor('identity-verification', IDENTITY_VERIFICATION_VERSION),
  title: 'Identity verification',
  description: 'An identity check under the NHS Employment Check Standards: who the person is, GPG 45 confidence, method, and who verified it when.',
  ...credentialEnvelope('IdentityVerification', identityVerificationSubjectSchema),
} as const;

/** The subject of an IdentityVerification credential (derived from the schema). */
export type IdentityVerificationSubject = FromSchema<typeof identityVerificationSubjectSchema>;
