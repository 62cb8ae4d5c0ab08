/**
 * Professional regulators, their registration number formats, renewal or revalidation cycles and
 * public register searches; the register statuses.
 *
 * Sources: each regulator's public register (GMC List of Registered Medical Practitioners, NMC
 * register, HCPC register, GPhC register, GDC register, Social Work England register, SSSC
 * register, Social Care Wales register, NISCC register, GOC register, GOsC register, GCC
 * register); NMC and GMC revalidation guidance; HCPC renewal guidance; GPhC annual renewal
 * (DOMAIN.md, "Professional registration"). Values marked `verify: true` are not yet confirmed
 * from that source; they live here and nowhere else, and the schema's per-regulator rules are
 * generated from them.
 */
export interface RegulatorDefinition {
  readonly title: string;
  /** Health or social care: the social care and devolved regulators register care workers and social workers. */
  readonly sector: 'health' | 'social_care';
  /** The registration number's format, as a JSON Schema (ECMAScript) pattern. */
  readonly numberPattern: string;
  /** What a wrong number is told, naming the format. */
  readonly numberMessage: string;
  /** Months between revalidations, where the regulator revalidates on a cycle. */
  readonly revalidationMonths?: number;
  /** Months between registration renewals, where the regulator renews on a cycle. */
  readonly renewalMonths?: number;
  /** The regulator's public register search, for a live check by a person. */
  readonly registerSearchUrl: string;
  readonly source: string;
  readonly verify?: boolean;
}

/** The regulators a ProfessionalRegistration may name, by code. */
export const REGULATORS = {
  GMC: {
    title: 'General Medical Council',
    sector: 'health',
    numberPattern: '^[0-9]{7}$',
    numberMessage: 'a GMC number is 7 digits, such as 1234567',
    // "usually every 5 years" (DOMAIN.md).
    revalidationMonths: 60,
    registerSearchUrl: 'https://www.gmc-uk.org/registration-and-licensing/the-medical-register',
    source: 'GMC, List of Registered Medical Practitioners (registration and licence to practise); GMC revalidation guidance',
    verify: true,
  },
  NMC: {
    title: 'Nursing and Midwifery Council',
    sector: 'health',
    numberPattern: '^[0-9]{2}[A-Z][0-9]{4}[A-Z]$',
    numberMessage: 'an NMC PIN looks like 12A3456E',
    revalidationMonths: 36,
    registerSearchUrl: 'https://www.nmc.org.uk/registration/search-the-register/',
    source: 'NMC register; NMC revalidation guidance (every 3 years, plus an annual fee)',
    verify: true,
  },
  HCPC: {
    title: 'Health and Care Professions Council',
    sector: 'health',
    // Profession prefixes: arts therapists AS, biomedical scientists BS, chiropodists/podiatrists
    // CH, clinical scientists CS, dietitians DT, hearing aid dispensers HAD, operating department
    // practitioners ODP (not OD), orthoptists OR, occupational therapists OT, paramedics PA,
    // physiotherapists PH, prosthetists/orthotists PO, practitioner psychologists PYL,
    // radiographers RA, speech and language therapists SL; then up to six digits (DOMAIN.md).
    numberPattern: '^(AS|BS|CH|CS|DT|HAD|ODP|OR|OT|PA|PH|PO|PYL|RA|SL)[0-9]{1,6}$',
    numberMessage: 'an HCPC number is a profession prefix (PA, ODP, OT, PH...) and up to six digits, such as ODP12345',
    renewalMonths: 24,
    registerSearchUrl: 'https://www.hcpc-uk.org/check-the-register/',
    source: 'HCPC register (profession prefixes); HCPC renewal guidance (every 2 years in a profession window)',
    verify: true,
  },
  GPhC: {
    title: 'General Pharmaceutical Council',
    sector: 'health',
    // Pharmacists' numbers start 2, pharmacy technicians' 5; registration is renewed every year.
    numberPattern: '^[25][0-9]{6}$',
    numberMessage: 'a GPhC number is 7 digits starting 2 (pharmacist) or 5 (pharmacy technician), such as 2012345',
    renewalMonths: 12,
    registerSearchUrl: 'https://www.pharmacyregulation.org/registers',
    source: 'GPhC register (pharmacists 2..., pharmacy technicians 5...); GPhC annual renewal',
    verify: true,
  },
  GDC: {
    title: 'General Dental Council',
    sector: 'health',
    numberPattern: '^[0-9]{1,6}$',
    numberMessage: 'a GDC number is up to 6 digits, such as 123456',
    registerSearchUrl: 'https://olr.gdc-uk.org/SearchRegister',
    source: 'GDC register',
    verify: true,
  },
  GOC: {
    title: 'General Optical Council',
    sector: 'health',
    // Optometrists 01-..., dispensing opticians D-... [verify].
    numberPattern: '^(01|D)-[0-9]{4,6}$',
    numberMessage: 'a GOC number looks like 01-12345 (optometrist) or D-12345 (dispensing optician)',
    registerSearchUrl: 'https://str.optical.org/',
    source: 'GOC register',
    verify: true,
  },
  GOsC: {
    title: 'General Osteopathic Council',
    sector: 'health',
    numberPattern: '^[0-9]{1,6}$',
    numberMessage: 'a GOsC registration number is up to 6 digits, such as 1234',
    registerSearchUrl: 'https://www.osteopathy.org.uk/register-search/',
    source: 'GOsC register',
    verify: true,
  },
  GCC: {
    title: 'General Chiropractic Council',
    sector: 'health',
    numberPattern: '^[0-9]{1,6}$',
    numberMessage: 'a GCC registration number is up to 6 digits, such as 01234',
    registerSearchUrl: 'https://www.gcc-uk.org/search-the-register',
    source: 'GCC register',
    verify: true,
  },
  SWE: {
    title: 'Social Work England',
    sector: 'social_care',
    numberPattern: '^SW[0-9]{1,6}$',
    numberMessage: 'a Social Work England number is SW and up to six digits, such as SW12345',
    renewalMonths: 12,
    registerSearchUrl: 'https://www.socialworkengland.org.uk/registration/the-register/',
    source: 'Social Work England register (annual renewal)',
    verify: true,
  },
  SSSC: {
    title: 'Scottish Social Services Council',
    sector: 'social_care',
    numberPattern: '^[0-9]{1,8}$',
    numberMessage: 'an SSSC registration number is up to 8 digits, such as 1234567',
    registerSearchUrl: 'https://www.sssc.uk.com/the-register/',
    source: 'SSSC register',
    verify: true,
  },
  SCW: {
    title: 'Social Care Wales',
    sector: 'social_care',
    numberPattern: '^[0-9]{1,8}$',
    numberMessage: 'a Social Care Wales registration number is up to 8 digits, such as 1234567',
    registerSearchUrl: 'https://socialcare.wales/registration/the-register',
    source: 'Social Care Wales register',
    verify: true,
  },
  NISCC: {
    title: 'Northern Ireland Social Care Council',
    sector: 'social_care',
    numberPattern: '^[0-9]{1,8}$',
    numberMessage: 'an NISCC registration number is up to 8 digits, such as 1234567',
    registerSearchUrl: 'https://niscc.info/the-register/',
    source: 'NISCC register',
    verify: true,
  },
} as const satisfies Record<string, RegulatorDefinition>;

export type RegulatorCode = keyof typeof REGULATORS;
/** The codes of {@link REGULATORS}. */
export const REGULATOR_CODES = Object.keys(REGULATORS) as RegulatorCode[];

/**
 * Register statuses, and whether the holder may practise under each (conditions, undertakings
 * and annotations are the employer's to read). The regulators' full list (DOMAIN.md): beyond
 * registered, with conditions, suspended, lapsed and removed, an interim suspension or interim
 * order, conditions of practice imposed by a fitness to practise panel, undertakings agreed with
 * the regulator, not currently practising (on the register, not practising: the GMC's registered
 * without a licence is the licence claim instead), and lapsed for an unpaid fee.
 */
export const REGISTRATION_STATUS_DEFINITIONS = {
  registered: { title: 'Registered', mayPractise: true },
  registered_with_conditions: { title: 'Registered with conditions', mayPractise: true },
  conditions_of_practice: { title: 'Conditions of practice order', mayPractise: true },
  undertakings: { title: 'Undertakings agreed', mayPractise: true },
  interim_suspension: { title: 'Interim suspension order', mayPractise: false },
  suspended: { title: 'Suspended', mayPractise: false },
  not_currently_practising: { title: 'Not currently practising', mayPractise: false },
  lapsed: { title: 'Lapsed', mayPractise: false },
  lapsed_unpaid_fee: { title: 'Lapsed for an unpaid fee', mayPractise: false },
  removed: { title: 'Removed', mayPractise: false },
} as const satisfies Record<string, { title: string; mayPractise: boolean }>;

export type RegistrationStatus = keyof typeof REGISTRATION_STATUS_DEFINITIONS;
/** The codes of {@link REGISTRATION_STATUS_DEFINITIONS}. */
export const REGISTRATION_STATUSES = Object.keys(REGISTRATION_STATUS_DEFINITIONS) as RegistrationStatus[];

/** Statuses under which the holder may practise (conditions are the employer's to read). */
export const ACTIVE_REGISTRATION_STATUSES: readonly RegistrationStatus[] = REGISTRATION_STATUSES.filter((s) => REGISTRATION_STATUS_DEFINITIONS[s].mayPractise);

/** Where this module's values come from. */
export const REGULATORS_SOURCE = "Each regulator's public register and renewal or revalidation guidance (DOMAIN.md, Professional registration)";
