/**
 * Employment history and reference vocabulary.
 *
 * Source: NHS Employers, Employment history and reference check standard (at least three years
 * of history with gaps explained; reference types).
 */
export const REFERENCE_TYPES = [
  'confirmation_of_employment',
  'confirmation_of_employment_with_absence',
  'personal_statement',
  'confirmation_of_training',
] as const;
export type ReferenceType = (typeof REFERENCE_TYPES)[number];

/** Why a gap in employment history happened: categories only, never the personal story. */
export const GAP_REASONS = ['education', 'caring_responsibilities', 'career_break', 'travel', 'job_seeking', 'other'] as const;

/** The history a check covers, in months before the check (three years). */
export const EMPLOYMENT_HISTORY_MONTHS = 36;

/** Gaps shorter than this many days between jobs need no explanation (a weekend, a notice period). */
export const EMPLOYMENT_GAP_TOLERANCE_DAYS = 28;

/** Where this module's values come from. */
export const EMPLOYMENT_HISTORY_SOURCE = 'NHS Employers, Employment history and reference check standard';
