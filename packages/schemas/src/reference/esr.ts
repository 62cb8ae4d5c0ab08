/**
 * Electronic Staff Record (ESR) identifier formats and assignment categories.
 *
 * Source: ESR user guidance (person and assignment numbers, assignment categories). The number
 * formats are `verify: true`: not yet confirmed from ESR documentation.
 */
export const ESR_PERSON_NUMBER = {
  pattern: '^[0-9]{8}$',
  message: 'an ESR person number is 8 digits, such as 12345678',
  verify: true,
} as const;

/** The format of an ESR assignment number. */
export const ESR_ASSIGNMENT_NUMBER = {
  pattern: '^[0-9]{8}(-[0-9]{1,2})?$',
  message: 'an ESR assignment number is the person number with an optional suffix, such as 12345678-2',
  verify: true,
} as const;

/** ESR assignment categories. */
export const ASSIGNMENT_CATEGORIES = ['permanent', 'fixed_term', 'bank', 'honorary', 'secondment'] as const;
export type AssignmentCategory = (typeof ASSIGNMENT_CATEGORIES)[number];

/** Categories that end on a known date. */
export const TIME_LIMITED_ASSIGNMENT_CATEGORIES: readonly AssignmentCategory[] = ['fixed_term', 'secondment'];

/** Where this module's values come from. */
export const ESR_SOURCE = 'ESR user guidance';
