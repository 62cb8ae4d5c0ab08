/**
 * Disclosure and Barring Service (DBS) check levels, workforces and barred lists.
 *
 * Source: Disclosure and Barring Service, DBS checks guidance (basic, standard, enhanced, enhanced
 * with barred list checks; adult, child and other workforce). The certificate number format is
 * `verify: true` (DOMAIN.md marks it unconfirmed).
 */
export const DBS_LEVELS = {
  basic: { title: 'Basic', workforceRequired: false, barredListsAllowed: false },
  standard: { title: 'Standard', workforceRequired: false, barredListsAllowed: false },
  enhanced: { title: 'Enhanced', workforceRequired: true, barredListsAllowed: false },
  enhanced_barred: { title: 'Enhanced with barred list checks', workforceRequired: true, barredListsAllowed: true },
} as const;

export type DbsLevel = keyof typeof DBS_LEVELS;
/** The codes of {@link DBS_LEVELS}. */
export const DBS_LEVEL_CODES = Object.keys(DBS_LEVELS) as DbsLevel[];

/** The workforce a DBS check was for. */
export const DBS_WORKFORCES = ['adult', 'child', 'adult_and_child', 'other'] as const;
export type DbsWorkforce = (typeof DBS_WORKFORCES)[number];

/** The DBS barred lists. */
export const DBS_BARRED_LISTS = ['adults', 'children'] as const;
export type DbsBarredList = (typeof DBS_BARRED_LISTS)[number];

/** Which barred lists a workforce calls for, when the level checks barred lists. */
export const DBS_BARRED_LISTS_FOR_WORKFORCE: Readonly<Record<DbsWorkforce, readonly DbsBarredList[]>> = {
  adult: ['adults'],
  child: ['children'],
  adult_and_child: ['adults', 'children'],
  other: [],
};

/** The format of a DBS certificate number. */
export const DBS_CERTIFICATE_NUMBER = {
  pattern: '^[0-9]{12}$',
  message: 'a DBS certificate number is 12 digits, such as 001234567890',
  verify: true,
} as const;

/** Where this module's values come from. */
export const DBS_SOURCE = 'Disclosure and Barring Service, DBS checks guidance';
