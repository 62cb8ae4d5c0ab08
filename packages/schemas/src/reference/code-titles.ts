/**
 * Names people read for code lists whose reference data has codes only (a code that starts with a
 * capital is not turned into words by rule: "MedicalDental", "ListA" would show as they are).
 *
 * Sources: Home Office, Employer's guide to right to work checks (List A, List B); NHS Terms and
 * Conditions of Service Handbook (pay schemes); NIST IR 8112, Attribute Metadata (verifier and
 * pedigree, as the NHS Digital Staff Passport used them).
 */
export const RIGHT_TO_WORK_LIST_TITLES = {
  ListA: 'List A (continuous right to work)',
  ListB: 'List B (time-limited right to work)',
} as const;

export const PAY_SCHEME_TITLES = {
  AfC: 'Agenda for Change (AfC)',
  MedicalDental: 'Medical and dental',
  VSM: 'Very senior managers (VSM)',
  Local: 'Local terms',
} as const;

export const ATTRIBUTE_VERIFIER_TITLES = {
  Origin: 'The origin (the authoritative source)',
  Provider: 'The provider',
  'Not Verified': 'Not verified',
} as const;

export const ATTRIBUTE_PEDIGREE_TITLES = {
  Authoritative: 'Authoritative (from the authoritative source)',
  Sourced: 'Sourced (from another source)',
  'Self-Asserted': 'Self-asserted (given by the person)',
  Derived: 'Derived (worked out from other attributes)',
} as const;
