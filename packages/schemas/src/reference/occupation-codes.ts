import type { StaffGroupCode } from './staff-groups.js';

/**
 * NHS occupation codes (3 characters), a lookup rather than a pattern.
 *
 * Source: NHS England, NHS Occupation Code Manual (v20, matrices by staff area). This is a SMALL
 * lookup for the catalogue's examples and tests, not the manual: every row is `verify: true`
 * until the full table is imported from the manual's spreadsheet, which replaces this file.
 */
export interface OccupationCodeDefinition {
  readonly title: string;
  /** The staff group the occupation belongs to. */
  readonly staffGroup: StaffGroupCode;
  readonly verify: boolean;
}

/** The occupation code lookup, by code. */
export const OCCUPATION_CODES = {
  UAA: { title: 'Consultant Healthcare Scientist (Blood Sciences)', staffGroup: '06', verify: true },
  N0A: { title: 'Registered nurse (adult), manager', staffGroup: '03', verify: true },
  N1A: { title: 'Registered nurse (adult)', staffGroup: '03', verify: true },
  N3H: { title: 'Registered nurse (mental health)', staffGroup: '03', verify: true },
  H1A: { title: 'Healthcare assistant', staffGroup: '07', verify: true },
  S1A: { title: 'Physiotherapist', staffGroup: '04', verify: true },
  S2A: { title: 'Paramedic', staffGroup: '04', verify: true },
  G2A: { title: 'Clerical and administrative staff', staffGroup: '08', verify: true },
} as const satisfies Record<string, OccupationCodeDefinition>;

export type OccupationCode = keyof typeof OCCUPATION_CODES;
/** The codes of {@link OCCUPATION_CODES}. */
export const OCCUPATION_CODE_LIST = Object.keys(OCCUPATION_CODES) as OccupationCode[];

/** Where this module's values come from. */
export const OCCUPATION_CODES_SOURCE = 'NHS England, NHS Occupation Code Manual (small lookup, every row to verify)';
