/**
 * GPG 45 identity confidence levels and profiles, used by identity checks under the UK digital
 * verification services (DVS) trust framework (formerly the DIATF).
 *
 * Source: Cabinet Office / GDS, Good Practice Guide 45 (How to prove and verify someone's
 * identity); NHS Employers, Identity check standard (employers should accept medium or higher);
 * the explicit profile list from alphagov's GPG 45 engine (DOMAIN.md, "Identity").
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

/**
 * The GPG 45 profile format of IdentityVerification 1.0.0: level letter, profile number, variant
 * letter (for example M1A). It let through profiles that do not exist (M3D) and refused ones
 * that do (H2E); kept unchanged because the published 1.0.0 schema is built from it. Newer
 * versions use {@link GPG45_PROFILES}.
 */
export const GPG45_PROFILE = {
  pattern: '^[LMHV][1-3][A-D]$',
  message: 'a GPG 45 profile looks like M1A',
  verify: true,
} as const;

/**
 * Every GPG 45 profile, by confidence level: the explicit list of alphagov's GPG 45 engine
 * profiles (DOMAIN.md, "Identity"). Not every number has every variant: M3D and L2C do not exist,
 * H2E does.
 */
export const GPG45_PROFILES_BY_LEVEL = {
  low: ['L1A', 'L1B', 'L1C', 'L2A', 'L2B', 'L3A'],
  medium: ['M1A', 'M1B', 'M1C', 'M1D', 'M2A', 'M2B', 'M2C', 'M3A'],
  high: ['H1A', 'H1B', 'H1C', 'H2A', 'H2B', 'H2C', 'H2D', 'H2E', 'H3A'],
  very_high: ['V1A', 'V1B', 'V1C', 'V1D', 'V2A', 'V2B', 'V2C', 'V2D', 'V3A'],
} as const satisfies Record<Gpg45Level, readonly string[]>;

/** A GPG 45 profile code of the explicit list. */
export type Gpg45Profile = (typeof GPG45_PROFILES_BY_LEVEL)[Gpg45Level][number];
/** Every GPG 45 profile of {@link GPG45_PROFILES_BY_LEVEL}, level by level. */
export const GPG45_PROFILES: readonly Gpg45Profile[] = Object.values(GPG45_PROFILES_BY_LEVEL).flat();

/** Where this module's values come from. */
export const GPG45_SOURCE = "GDS, Good Practice Guide 45; NHS Employers, Identity check standard; alphagov's GPG 45 engine profiles";
