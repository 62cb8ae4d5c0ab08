/**
 * IdentityVerification 1.0.0, frozen (docs/credentials.md, "Versioning"): credentials issued under
 * it keep verifying against exactly this schema. Its IDSP block names a DIATF certificate only,
 * and its profile format lets through GPG 45 profiles that do not exist; 2.0.0 replaced both.
 */
import { attributeMetadata, credentialEnvelope, did, employmentCheck, isoDate, isoDateTime, patterned, shortText } from '../lib/common-defs.js';
import type { FromSchema } from '../lib/from-schema.js';
import { schemaIdFor } from '../lib/urls.js';
import { GPG45_LEVEL_CODES, GPG45_PROFILE } from '../reference/gpg45.js';

/** The frozen version. */
export const IDENTITY_VERIFICATION_VERSION_1_0_0 = '1.0.0';

/** How identity was verified: documents seen by the employer, or an IDSP. */
export const IDENTITY_METHODS = ['documents_two_photo_one_address', 'documents_one_photo_two_address', 'idsp'] as const;

/** The method and level claims, the same in every version. */
export const identityMethodAndLevel = {
  method: { enum: IDENTITY_METHODS, 'x-message': `must be one of ${IDENTITY_METHODS.join(', ')}` },
  confidenceLevel: { enum: GPG45_LEVEL_CODES, 'x-message': 'must be a GPG 45 level: low, medium, high or very_high' },
} as const;

/** The photo document relied on, the same in every version. */
export const photoDocument = {
  type: 'object',
  additionalProperties: false,
  required: ['documentKind'],
  description: 'The photo document relied on: its kind and expiry, never its number or image.',
  properties: {
    documentKind: { enum: ['passport', 'photocard_driving_licence', 'biometric_residence_permit', 'national_identity_card', 'other'] },
    issuingCountry: { type: 'string', pattern: '^[A-Z]{3}$', 'x-message': 'must be an ISO 3166 alpha-3 country code such as GBR' },
    documentExpiresOn: isoDate,
  },
} as const;

/** An IDSP check names the IDSP and the GPG 45 profile, in every version. */
export const idspRequiresProfile = {
  if: { properties: { method: { const: 'idsp' } }, required: ['method'] },
  then: { required: ['idsp', 'profile'], 'x-message': 'is required when an IDSP verified the identity' },
} as const;

const identityVerificationSubjectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'identity', 'check', 'attributeMetadata'],
  properties: {
    id: did,
    identity: {
      type: 'object',
      additionalProperties: false,
      required: ['method', 'confidenceLevel', 'verifiedAt'],
      properties: {
        ...identityMethodAndLevel,
        profile: patterned(GPG45_PROFILE),
        idsp: {
          type: 'object',
          additionalProperties: false,
          required: ['providerName', 'certificate'],
          properties: {
            providerName: shortText,
            certificate: { ...shortText, description: 'The IDSP certificate under the UK digital identity and attributes trust framework.' },
          },
        },
        photoDocument,
        verifiedAt: isoDateTime,
        reverifyBy: isoDate,
      },
      allOf: [idspRequiresProfile],
    },
    check: employmentCheck('identity'),
    attributeMetadata,
  },
} as const;

/** The JSON Schema (2020-12) of an IdentityVerification 1.0.0 credential. */
export const identityVerificationSchema_1_0_0 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: schemaIdFor('identity-verification', IDENTITY_VERIFICATION_VERSION_1_0_0),
  title: 'Identity verification',
  description: 'An identity check under the NHS Employment Check Standards: GPG 45 confidence, method, and who verified it when.',
  ...credentialEnvelope('IdentityVerification', identityVerificationSubjectSchema),
} as const;

/** The subject of an IdentityVerification 1.0.0 credential (derived from the schema). */
export type IdentityVerificationSubject_1_0_0 = FromSchema<typeof identityVerificationSubjectSchema>;
