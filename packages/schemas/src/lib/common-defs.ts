import { ATTRIBUTE_PEDIGREES, ATTRIBUTE_VERIFIERS } from '../reference/attribute-metadata.js';
import { EMPLOYMENT_CHECK_STANDARDS, type EmploymentCheckStandard } from '../reference/employment-check-standards.js';
import { STAFF_PASSPORT_CONTEXT_V1, VC_CONTEXT_V1, VC_CONTEXT_V2 } from './urls.js';

/** JSON Schema fragments every credential type shares. */
export const did = {
  type: 'string',
  pattern: '^did:[a-z0-9]+:[A-Za-z0-9._:%-]+(?:[/?#].*)?$',
  maxLength: 2048,
  'x-message': 'must be a DID, such as did:key:z6Mk...',
} as const;

/** A calendar date, YYYY-MM-DD. */
export const isoDate = {
  type: 'string',
  format: 'date',
  'x-message': 'must be a date written as YYYY-MM-DD',
} as const;

/** A date and time, RFC 3339. */
export const isoDateTime = {
  type: 'string',
  format: 'date-time',
  'x-message': 'must be a date and time such as 2026-05-01T09:00:00Z',
} as const;

/** A short non-empty text. */
export const shortText = { type: 'string', minLength: 1, maxLength: 200 } as const;

/** A version number such as 1.2. */
export const version = {
  type: 'string',
  pattern: '^[0-9]+(\\.[0-9]+){0,2}$',
  'x-message': 'must be a version such as 1.2',
} as const;

/** ODS organisation codes: trusts 3 characters (RTH), sites 5 (RTH01), GP practices 6 (A81001). */
export const odsCode = {
  type: 'string',
  pattern: '^[A-Z0-9]{3,6}$',
  'x-message': 'must be an ODS code such as RTH or A81001',
} as const;

/** A text pattern with its plain-English message (reference data keeps both together). */
export function patterned<const P extends string>(format: { readonly pattern: P; readonly message: string }) {
  return { type: 'string', pattern: format.pattern, 'x-message': format.message } as const;
}

/** An organisation: a name, and its ODS code where it has one (non-NHS employers have none). */
export const organisation = {
  type: 'object',
  additionalProperties: false,
  required: ['organisationName'],
  properties: {
    organisationName: shortText,
    odsCode,
  },
} as const;

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

/**
 * What every NHS Employment Check Standards credential records about the check itself: the
 * standard and its version, who checked and when, evidence references (never the evidence) and
 * the next review date. The outcome is the type's own (a DBS decision, a registration status...).
 */
export function employmentCheck<const S extends EmploymentCheckStandard>(standard: S) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['standard', 'standardVersion', 'checkedBy', 'checkedAt'],
    properties: {
      standard: { const: standard, 'x-message': `must be ${standard} (${EMPLOYMENT_CHECK_STANDARDS[standard].title})` },
      standardVersion: { ...shortText, maxLength: 40 },
      checkedBy: shortText,
      checkedAt: isoDateTime,
      evidenceReferences: { type: 'array', maxItems: 20, items: shortText },
      nextReviewOn: isoDate,
    },
  } as const;
}

/** Labels of the employment check block, the same on every check type. */
export const EMPLOYMENT_CHECK_LABELS = {
  check: 'The check',
  'check.standard': 'NHS Employment Check Standard',
  'check.standardVersion': 'Standard version',
  'check.checkedBy': 'Checked by',
  'check.checkedAt': 'Checked at',
  'check.evidenceReferences': 'Evidence references',
  'check.nextReviewOn': 'Next review on',
} as const;

/** The envelope of a VC Data Model 2.0 (or 1.1) credential naming one catalogue type. */
export function credentialEnvelope<const T extends string, const S extends object>(typeName: T, credentialSubject: S) {
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
  } as const;
}

/**
 * An object with one member per key, typed with the literal keys (Object.fromEntries loses them),
 * so schemas generated from reference data still give exact TypeScript types.
 */
export function recordOf<const K extends string, V>(keys: readonly K[], value: (key: K) => V): { [P in K]: V } {
  return Object.fromEntries(keys.map((k) => [k, value(k)])) as { [P in K]: V };
}
