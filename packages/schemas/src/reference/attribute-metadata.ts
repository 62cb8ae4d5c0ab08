/**
 * Attribute metadata vocabulary carried by every credential, after NIST IR 8112 (Attribute
 * Metadata), as the NHS Digital Staff Passport used it.
 */
export const ATTRIBUTE_VERIFIERS = ['Origin', 'Provider', 'Not Verified'] as const;
/** How an attribute came to be known. */
export const ATTRIBUTE_PEDIGREES = ['Authoritative', 'Sourced', 'Self-Asserted', 'Derived'] as const;

export type AttributeVerifier = (typeof ATTRIBUTE_VERIFIERS)[number];
export type AttributePedigree = (typeof ATTRIBUTE_PEDIGREES)[number];

/** Labels of the attribute metadata block, the same on every credential type. */
export const ATTRIBUTE_METADATA_LABELS = {
  attributeMetadata: 'About these attributes',
  'attributeMetadata.origin': 'Origin',
  'attributeMetadata.provider': 'Provider',
  'attributeMetadata.assurancePolicy': 'Assurance policy',
  'attributeMetadata.assuranceOutcome': 'Assurance outcome',
  'attributeMetadata.verifier': 'Verified by',
  'attributeMetadata.verificationMethod': 'Verification method',
  'attributeMetadata.pedigree': 'Pedigree',
  'attributeMetadata.lastRefresh': 'Last refreshed',
} as const;
