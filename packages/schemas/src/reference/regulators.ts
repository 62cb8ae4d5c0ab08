/**
 * Professional regulators, their registration number formats and renewal or revalidation cycles.
 *
 * Sources: each regulator's public register (GMC List of Registered Medical Practitioners, NMC
 * register, HCPC register, GPhC register, GDC register); NMC and GMC revalidation guidance; HCPC
 * renewal guidance. Values marked `verify: true` are not yet confirmed from that source
 * (DOMAIN.md); they live here and nowhere else, and the schema's per-regulator rules are generated
 * from them.
 */
export interface RegulatorDefinition {
  readonly title: string;
  /** The registration number's format, as a JSON Schema (ECMAScript) pattern. */
  readonly numberPattern: string;
  /** What a wrong number is told, naming the format. */
  readonly numberMessage: string;
  /** Months between revalidations, where the regulator revalidates on a cycle. */
  readonly revalidationMonths?: number;
  /** Months between registration renewals, where the regulator renews on a cycle. */
  readonly renewalMonths?: number;
  readonly source: string;
  readonly verify?: boolean;
}

/** The regulators a ProfessionalRegistration may name, by code. */
export const REGULATORS = {
  GMC: {
    title: 'General Medical Council',
    numberPattern: '^[0-9]{7}$',
    numberMessage: 'a GMC number is 7 digits, such as 1234567',
    // "usually every 5 years" (DOMAIN.md).
    revalidationMonths: 60,
    source: 'GMC, List of Registered Medical Practitioners; GMC revalidation guidance',
    verify: true,
  },
  NMC: {
    title: 'Nursing and Midwifery Council',
    numberPattern: '^[0-9]{2}[A-Z][0-9]{4}[A-Z]$',
    numberMessage: 'an NMC PIN looks like 12A3456E',
    revalidationMonths: 36,
    source: 'NMC register; NMC revalidation guidance',
    verify: true,
  },
  HCPC: {
    title: 'Health and Care Professions Council',
    // Profession prefixes: arts therapists, biomedical scientists, chiropodists/podiatrists,
    // clinical scientists, dietitians, hearing aid dispensers, operating department practitioners,
    // orthoptists, occupational therapists, paramedics, physiotherapists, prosthetists/orthotists,
    // practitioner psychologists, radiographers, speech and language therapists.
    numberPattern: '^(AS|BS|CH|CS|DT|HAD|OD|OR|OT|PA|PH|PO|PYL|RA|SL)[0-9]{5,6}$',
    numberMessage: 'an HCPC number is a profession prefix and digits, such as PH123456',
    renewalMonths: 24,
    source: 'HCPC register; HCPC renewal guidance (every 2 years in a profession window)',
    verify: true,
  },
  GPhC: {
    title: 'General Pharmaceutical Council',
    numberPattern: '^[0-9]{7}$',
    numberMessage: 'a GPhC number is 7 digits, such as 2012345',
    source: 'GPhC register',
    verify: true,
  },
  GDC: {
    title: 'General Dental Council',
    numberPattern: '^[0-9]{1,6}$',
    numberMessage: 'a GDC number is up to 6 digits, such as 123456',
    source: 'GDC register',
    verify: true,
  },
} as const satisfies Record<string, RegulatorDefinition>;

export type RegulatorCode = keyof typeof REGULATORS;
/** The codes of {@link REGULATORS}. */
export const REGULATOR_CODES = Object.keys(REGULATORS) as RegulatorCode[];

/** Register statuses. */
export const REGISTRATION_STATUSES = ['registered', 'registered_with_conditions', 'suspended', 'lapsed', 'removed'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Statuses under which the holder may practise (conditions are the employer's to read). */
export const ACTIVE_REGISTRATION_STATUSES: readonly RegistrationStatus[] = ['registered', 'registered_with_conditions'];
