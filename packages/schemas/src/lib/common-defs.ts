import { ATTRIBUTE_PEDIGREES, ATTRIBUTE_VERIFIERS } from '../reference/attribute-metadata.js';
import { STAFF_PASSPORT_CONTEXT_V1, VC_CONTEXT_V1, VC_CONTEXT_V2 } from './urls.js';

/** JSON Schema fragments every credential type shares. */
export const did = {
  type: 'string',
  pattern: '^did:[a-z0-9]+:[A-Za-z0-9._:%-]+(?:[/?#].*)?$',
  maxLength: 2048,
  'x-message': 'must be a DID, such as did:key:z6Mk...',
} as const;

export const isoDate = {
  type: 'string',
  format: 'date',
  'x-message': 'must be a date written as YYYY-MM-DD',
} as const;

export const isoDateTime = {
  type: 'string',
  format: 'date-time',
  'x-message': 'must be a date and time such as 2026-05-01T09:00:00Z',
} as const;

export const shortText = { type: 'string', minLength: 1, maxLength: 200 } as const;

/** NIST IR 8112 attribute metadata, as carried by every staff-passport credential. */
export const attributeMetadata = {
  type: 'object',
  additionalProperties: false,
  required: ['origin', 'provider', 'verifier', 'pedigree', 'lastRefresh'],
  properties: {
    origin: { ...shortText, description: 'The authoritative source of the attribute (for example ESR).' },
    provider: { ...shortText, description: 'Who provided the attribute to the issuer.' },
    assurancePolicy: shortText,
    assuranceOutcome: shortText,
    verifier: { enum: ATTRIBUTE_VERIFIERS, 'x-message': `must be one of ${ATTRIBUTE_VERIFIERS.join(', ')}` },
    verificationMethod: shortText,
    pedigree: { enum: ATTRIBUTE_PEDIGREES, 'x-message': `must be one of ${ATTRIBUTE_PEDIGREES.join(', ')}` },
    lastRefresh: isoDate,
  },
} as const;

/** The envelope of a VC Data Model 2.0 (or 1.1) credential naming one catalogue type. */
export function credentialEnvelope(typeName: string, credentialSubject: object): object {
  return {
    type: 'object',
    required: ['@context', 'type', 'credentialSubject'],
    properties: {
      '@context': {
        type: 'array',
        minItems: 2,
        prefixItems: [{ enum: [VC_CONTEXT_V2, VC_CONTEXT_V1] }],
        contains: { const: STAFF_PASSPORT_CONTEXT_V1 },
        'x-message': `must start with the VC context and include ${STAFF_PASSPORT_CONTEXT_V1}`,
      },
      type: {
        type: 'array',
        prefixItems: [{ const: 'VerifiableCredential' }],
        contains: { const: typeName },
        'x-message': `must be ["VerifiableCredential", "${typeName}"]`,
      },
      credentialSubject,
    },
  };
}
