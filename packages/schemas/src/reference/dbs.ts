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
export const DBS_SOURCE = 'Disclosure and Barring Service, DBS checks guidance and Update Service guidance; Disclosure Scotland; AccessNI';

/**
 * The UK's criminal record check schemes: the DBS (England and Wales), Disclosure Scotland and
 * AccessNI (Northern Ireland), each with its own levels and certificate numbers.
 *
 * Sources: DBS checks guidance; Disclosure Scotland, types of disclosure (basic, standard,
 * enhanced, and the Protecting Vulnerable Groups (PVG) scheme); AccessNI, types of check (basic,
 * standard, enhanced, enhanced with barred list checks). Certificate number formats other than
 * the DBS's are [verify], and so are Disclosure Scotland's levels since the Disclosure (Scotland)
 * Act 2020 came into force (DOMAIN.md keeps basic, standard, enhanced and PVG).
 */
export const CRIMINAL_RECORD_SCHEMES = {
  dbs: {
    title: 'Disclosure and Barring Service (England and Wales)',
    levels: ['basic', 'standard', 'enhanced', 'enhanced_barred'],
    certificateNumber: DBS_CERTIFICATE_NUMBER,
    source: 'Disclosure and Barring Service, DBS checks guidance',
  },
  disclosure_scotland: {
    title: 'Disclosure Scotland',
    levels: ['basic', 'standard', 'enhanced', 'pvg'],
    certificateNumber: { pattern: '^[0-9]{6,16}$', message: 'a Disclosure Scotland certificate or PVG scheme record number is 6 to 16 digits', verify: true },
    source: 'Disclosure Scotland, types of disclosure and the PVG scheme',
    verify: true,
  },
  accessni: {
    title: 'AccessNI (Northern Ireland)',
    levels: ['basic', 'standard', 'enhanced', 'enhanced_barred'],
    certificateNumber: { pattern: '^[0-9]{6,16}$', message: 'an AccessNI certificate number is 6 to 16 digits', verify: true },
    source: 'AccessNI, types of criminal record check',
    verify: true,
  },
} as const;

export type CriminalRecordScheme = keyof typeof CRIMINAL_RECORD_SCHEMES;
/** The codes of {@link CRIMINAL_RECORD_SCHEMES}. */
export const CRIMINAL_RECORD_SCHEME_CODES = Object.keys(CRIMINAL_RECORD_SCHEMES) as CriminalRecordScheme[];

/**
 * Every scheme's levels, with the DBS level each stands for when a role names a DBS minimum (a PVG
 * scheme record checks the Scottish barred lists for the workforce, as an enhanced check with
 * barred lists does).
 */
export const CRIMINAL_RECORD_LEVELS = {
  basic: { ...DBS_LEVELS.basic, dbsEquivalent: 'basic' },
  standard: { ...DBS_LEVELS.standard, dbsEquivalent: 'standard' },
  enhanced: { ...DBS_LEVELS.enhanced, dbsEquivalent: 'enhanced' },
  enhanced_barred: { ...DBS_LEVELS.enhanced_barred, dbsEquivalent: 'enhanced_barred' },
  pvg: { title: 'PVG scheme record (Protecting Vulnerable Groups)', workforceRequired: true, barredListsAllowed: true, dbsEquivalent: 'enhanced_barred' },
} as const satisfies Record<string, { title: string; workforceRequired: boolean; barredListsAllowed: boolean; dbsEquivalent: DbsLevel }>;

export type CriminalRecordLevel = keyof typeof CRIMINAL_RECORD_LEVELS;
/** The codes of {@link CRIMINAL_RECORD_LEVELS}. */
export const CRIMINAL_RECORD_LEVEL_CODES = Object.keys(CRIMINAL_RECORD_LEVELS) as CriminalRecordLevel[];

/**
 * The DBS Update Service: which certificates it covers (standard and enhanced only, never basic,
 * and only the DBS's own), what a status check answers, and what the receiving employer needs to
 * run one (free, online, with the person's consent).
 *
 * Source: DBS, Update Service guidance for employers (status checks and their three results).
 */
export const DBS_UPDATE_SERVICE = {
  schemes: ['dbs'],
  levels: ['standard', 'enhanced', 'enhanced_barred'],
  statusResults: {
    current_and_clear: { title: 'Current and clear', newInformation: false, meaning: 'The certificate revealed no information and remains current: no further information has been found since it was issued.' },
    current: { title: 'Current', newInformation: false, meaning: 'The certificate remains current: no further information has been found since it was issued.' },
    no_longer_current: { title: 'No longer current', newInformation: true, meaning: 'The certificate is no longer current: apply for a new DBS check for the most up to date information.' },
  },
  statusCheckNeeds: ['certificateNumber', 'familyName', 'birthDate'],
  source: 'DBS, Update Service guidance for employers (status checks)',
} as const satisfies {
  schemes: readonly CriminalRecordScheme[];
  levels: readonly DbsLevel[];
  statusResults: Record<string, { title: string; newInformation: boolean; meaning: string }>;
  statusCheckNeeds: readonly string[];
  source: string;
};

export type UpdateServiceStatusResult = keyof typeof DBS_UPDATE_SERVICE.statusResults;
/** The codes of the Update Service's status results. */
export const UPDATE_SERVICE_STATUS_RESULTS = Object.keys(DBS_UPDATE_SERVICE.statusResults) as UpdateServiceStatusResult[];
