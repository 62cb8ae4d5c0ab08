/**
 * Core Skills Training Framework (CSTF) subjects, levels and refresher periods.
 *
 * Source: Skills for Health, Core Skills Training Framework, subject guides (refresher periods as
 * recommended for organisations aligned to the CSTF). Values marked `verify: true` are not yet
 * confirmed from the primary source (see DOMAIN.md); they live here and nowhere else.
 */
export interface CstfSubjectDefinition {
  /** Stable code used in credentials. */
  readonly code: CstfSubjectCode;
  /** Name as people read it. */
  readonly title: string;
  /** Refresher period in months, per level that exists for the subject. */
  readonly refresherMonths: Readonly<Partial<Record<CstfLevel, number>>>;
  /** Name of the national competence in ESR (NHS|CSTF|...|), used by ESR-style imports. */
  readonly esrCompetencePrefix: string;
  /** Where the values come from; `verify` marks values not yet confirmed from that source. */
  readonly source: string;
  readonly verify?: boolean;
}

export type CstfLevel = 1 | 2 | 3;

/** The eleven CSTF subject codes credentials use. */
export const CSTF_SUBJECT_CODES = [
  'conflict_resolution',
  'equality_diversity_human_rights',
  'fire_safety',
  'health_safety_welfare',
  'infection_prevention_control',
  'information_governance_data_security',
  'moving_handling',
  'preventing_radicalisation',
  'resuscitation',
  'safeguarding_adults',
  'safeguarding_children',
] as const;

export type CstfSubjectCode = (typeof CSTF_SUBJECT_CODES)[number];

const SFH = 'Skills for Health, Core Skills Training Framework subject guides';

/** The eleven CSTF subjects, keyed by code. */
export const CSTF_SUBJECTS: Readonly<Record<CstfSubjectCode, CstfSubjectDefinition>> = {
  conflict_resolution: {
    code: 'conflict_resolution',
    title: 'Conflict Resolution',
    refresherMonths: { 1: 36 },
    esrCompetencePrefix: 'NHS|CSTF|Conflict Resolution',
    source: SFH,
  },
  equality_diversity_human_rights: {
    code: 'equality_diversity_human_rights',
    title: 'Equality, Diversity and Human Rights',
    refresherMonths: { 1: 36 },
    esrCompetencePrefix: 'NHS|CSTF|Equality, Diversity and Human Rights',
    source: SFH,
  },
  fire_safety: {
    code: 'fire_safety',
    title: 'Fire Safety',
    refresherMonths: { 1: 24 },
    esrCompetencePrefix: 'NHS|CSTF|Fire Safety',
    source: SFH,
  },
  health_safety_welfare: {
    code: 'health_safety_welfare',
    title: 'Health, Safety and Welfare',
    refresherMonths: { 1: 36 },
    esrCompetencePrefix: 'NHS|CSTF|Health, Safety and Welfare',
    source: SFH,
  },
  infection_prevention_control: {
    code: 'infection_prevention_control',
    title: 'Infection Prevention and Control',
    refresherMonths: { 1: 36, 2: 12 },
    esrCompetencePrefix: 'NHS|CSTF|Infection Prevention and Control',
    source: SFH,
  },
  information_governance_data_security: {
    code: 'information_governance_data_security',
    title: 'Information Governance and Data Security',
    refresherMonths: { 1: 12 },
    esrCompetencePrefix: 'NHS|CSTF|Information Governance and Data Security',
    source: SFH,
    verify: true,
  },
  moving_handling: {
    code: 'moving_handling',
    title: 'Moving and Handling',
    // Level 1 three years is [verify] in DOMAIN.md; level 2 two years is confirmed.
    refresherMonths: { 1: 36, 2: 24 },
    esrCompetencePrefix: 'NHS|CSTF|Moving and Handling',
    source: SFH,
    verify: true,
  },
  preventing_radicalisation: {
    code: 'preventing_radicalisation',
    title: 'Preventing Radicalisation',
    refresherMonths: { 1: 36, 2: 36, 3: 36 },
    esrCompetencePrefix: 'NHS|CSTF|Preventing Radicalisation',
    source: SFH,
    verify: true,
  },
  resuscitation: {
    code: 'resuscitation',
    title: 'Resuscitation',
    refresherMonths: { 1: 12, 2: 12, 3: 12 },
    esrCompetencePrefix: 'NHS|CSTF|Resuscitation',
    source: SFH,
    verify: true,
  },
  safeguarding_adults: {
    code: 'safeguarding_adults',
    title: 'Safeguarding Adults',
    refresherMonths: { 1: 36, 2: 36, 3: 36 },
    esrCompetencePrefix: 'NHS|CSTF|Safeguarding Adults',
    source: SFH,
    verify: true,
  },
  safeguarding_children: {
    code: 'safeguarding_children',
    title: 'Safeguarding Children',
    refresherMonths: { 1: 36, 2: 36, 3: 36 },
    esrCompetencePrefix: 'NHS|CSTF|Safeguarding Children',
    source: SFH,
    verify: true,
  },
};

/**
 * The two live editions of the CSTF (DOMAIN.md, "Statutory and mandatory training"): CSTF
 * (England) for NHS trusts in England, whose refresher frequencies are a condition of alignment,
 * and the UK CSTF for everyone else. A training credential says which edition and version it meets.
 *
 * Source: Skills for Health, Core Skills Training Framework: CSTF (England) v1.1 and UK Core
 * Skills Training Framework v1.6.
 */
export const CSTF_EDITIONS = {
  cstf_england: {
    title: 'CSTF (England)',
    currentVersion: '1.1',
    appliesTo: 'NHS trusts in England',
    refresherFrequenciesRequiredForAlignment: true,
    source: 'Skills for Health, CSTF (England) v1.1',
  },
  uk_cstf: {
    title: 'UK Core Skills Training Framework',
    currentVersion: '1.6',
    appliesTo: 'organisations outside NHS trusts in England',
    refresherFrequenciesRequiredForAlignment: false,
    source: 'Skills for Health, UK CSTF v1.6',
  },
} as const;

export type CstfEdition = keyof typeof CSTF_EDITIONS;
/** The edition a training form suggests first: most issuers are NHS trusts in England. */
export const DEFAULT_CSTF_EDITION: CstfEdition = 'cstf_england';
/** The codes of {@link CSTF_EDITIONS}. */
export const CSTF_EDITION_CODES = Object.keys(CSTF_EDITIONS) as CstfEdition[];

/**
 * Resuscitation at levels 2 and 3 comes in adult, paediatric and newborn variants (basic life
 * support at level 2, immediate life support at level 3); level 1 has none. Refresher periods are
 * the subject's (1 year, [verify]). Source: Skills for Health, CSTF resuscitation subject guide;
 * Resuscitation Council UK, life support courses.
 */
export const RESUSCITATION_VARIANTS = {
  adult: { title: 'Adult' },
  paediatric: { title: 'Paediatric' },
  newborn: { title: 'Newborn' },
} as const;

export type ResuscitationVariant = keyof typeof RESUSCITATION_VARIANTS;
/** The codes of {@link RESUSCITATION_VARIANTS}. */
export const RESUSCITATION_VARIANT_CODES = Object.keys(RESUSCITATION_VARIANTS) as ResuscitationVariant[];
/** The resuscitation levels that come in variants. */
export const RESUSCITATION_VARIANT_LEVELS: readonly CstfLevel[] = [2, 3];
