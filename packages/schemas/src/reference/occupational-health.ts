/**
 * Work health assessment outcomes and the immunity evidence a clearance records, as cleared or
 * not (never clinical detail).
 *
 * Source: NHS Employers, Work health assessments standard; UKHSA, Immunisation against infectious
 * disease (the Green Book), chapter 12 (immunisation of healthcare and laboratory staff);
 * Department of Health, Integrated guidance on health clearance of healthcare workers (EPP).
 */
export const WORK_HEALTH_OUTCOMES = ['fit', 'fit_with_adjustments', 'fit_with_restrictions', 'unfit'] as const;
export type WorkHealthOutcome = (typeof WORK_HEALTH_OUTCOMES)[number];

/** Clearance for exposure-prone procedures. */
export const EPP_CLEARANCES = ['cleared', 'not_cleared', 'not_required'] as const;

/** Immunity evidence per disease: cleared or not, never a result. */
export const IMMUNITY_STATUSES = ['cleared', 'not_cleared'] as const;

/** Diseases whose immunity evidence a clearance records, keyed by the claim name. */
export const IMMUNITY_DISEASES = {
  hepatitisB: { title: 'Hepatitis B' },
  mmr: { title: 'Measles, mumps and rubella' },
  varicella: { title: 'Varicella (chickenpox)' },
  tuberculosis: { title: 'Tuberculosis' },
} as const;

/** Where this module's values come from. */
export const WORK_HEALTH_SOURCE = 'NHS Employers, Work health assessments standard; UKHSA Green Book chapter 12';
