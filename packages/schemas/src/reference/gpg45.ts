/**
 * GPG 45 identity confidence levels and profiles, used by identity checks under the UK digital
 * identity and attributes trust framework (DIATF).
 *
 * Source: Cabinet Office / GDS, Good Practice Guide 45 (How to prove and verify someone's
 * identity); NHS Employers, Identity check standard (employers should accept medium or higher).
 * The profile format is `verify: true`.
 */
export const GPG45_LEVELS = {
  low: { title: 'Low confidence', profilePrefix: 'L', acceptableForEmployment: false },
  medium: { title: 'Medium confidence', profilePrefix: 'M', acceptableForEmployment: true },
  high: { title: 'High confidence', profilePrefix: 'H', acceptableForEmployment: true },
  very_high: { title: 'Very high confidence', profilePrefix: 'V', acceptableForEmployment: true },
} as const;

export type Gpg45Level = keyof typeof GPG45_LEVELS;
/** The codes of {@link GPG45_LEVELS}. */
export const GPG45_LEVEL_CODES = Object.keys(GPG45_LEVELS) as Gpg45Level[];

/** A GPG 45 profile code: level letter, profile number, variant letter (for example M1A). */
export const GPG45_PROFILE = {
  pattern: '^[LMHV][1-3][A-D]$',
  message: 'a GPG 45 profile looks like M1A',
  verify: true,
} as const;

/** Where this module's values come from. */
export const GPG45_SOURCE = 'GDS, Good Practice Guide 45; NHS Employers, Identity check standard';
