/**
 * Reliance: what a receiving employer may take from another employer's check, by kind of move.
 *
 * Sources (DOMAIN.md, "Reliance"): Home Office, An employer's guide to right to work checks (no
 * statutory excuse from another employer's check; the TUPE exception with 60 days' grace); DBS,
 * Update Service guidance (standard and enhanced certificates only; the employer's free status
 * check with the certificate number, surname and date of birth); NHS Employers, NHS Employment
 * Check Standards (identity originals seen in person; live register checks); Skills for Health,
 * CSTF (training portable while in date). Section names marked `verify: true` are not yet
 * confirmed against the current edition of the document: correct them here, and only here.
 */

/** The kinds of move a check names. */
export const MOVE_KINDS = {
  new_employer: {
    title: 'New employer',
    description: 'A permanent or fixed-term post with a new employer.',
  },
  rotation: {
    title: 'Rotation under a lead employer',
    description: 'A doctor in training rotating to a placement while a lead employer stays their employer.',
  },
  host: {
    title: 'Host organisation (honorary contract or Licence to Attend)',
    description: 'Working at a host organisation that does not employ them, under an honorary contract or a Licence to Attend.',
  },
  collaborative_bank: {
    title: 'Collaborative bank',
    description: 'Bank shifts at a member organisation of a collaborative staff bank.',
  },
  secondment: {
    title: 'Secondment',
    description: 'A secondment: the seconding employer stays their employer.',
  },
  tupe_transfer: {
    title: 'TUPE transfer',
    description: 'The service they work in transfers to a new employer under TUPE (Transfer of Undertakings (Protection of Employment) Regulations 2006).',
  },
} as const;

export type MoveKind = keyof typeof MOVE_KINDS;
/** The codes of {@link MOVE_KINDS}, the most common (and strictest) first. */
export const MOVE_KIND_CODES = Object.keys(MOVE_KINDS) as MoveKind[];
/** The move a check is for when it names none. */
export const DEFAULT_MOVE_KIND: MoveKind = 'new_employer';

/** What a receiving employer does with another employer's check, from the least work to the most. */
export const RELIANCE_DECISIONS = {
  rely: { title: 'Rely on it', description: 'No repeat: the verified credential is the check.' },
  rely_with_live_check: {
    title: 'Rely on it with a live check',
    description: 'A live check done online in minutes (or in person at the start), with the data the credential carries.',
  },
  repeat: { title: 'Repeat the check', description: 'Do the check again: the credential is supporting evidence only.' },
} as const;

export type RelianceDecision = keyof typeof RELIANCE_DECISIONS;
/** The codes of {@link RELIANCE_DECISIONS}, from the least strict to the strictest. */
export const RELIANCE_DECISION_CODES = Object.keys(RELIANCE_DECISIONS) as RelianceDecision[];

/** The three outcomes of a new-starter report. */
export const REPORT_OUTCOMES = {
  ready_to_start: {
    title: 'Ready to start',
    description: 'Every required check is met and may be relied on for this kind of move: nothing is left to do before the start.',
  },
  ready_once_checks_done: {
    title: 'Ready once these checks are done',
    description:
      'Every required check is met, but the rules for this kind of move call for live checks or checks of your own: the to-do list says which, each pre-filled from what was verified.',
  },
  needs_action: {
    title: 'Needs action',
    description: 'A required check is not met, was not shared or did not verify: the reasons say what to look at, ask the new starter about or check again.',
  },
} as const;

export type ReportOutcome = keyof typeof REPORT_OUTCOMES;
/** The codes of {@link REPORT_OUTCOMES}. */
export const REPORT_OUTCOME_CODES = Object.keys(REPORT_OUTCOMES) as ReportOutcome[];

/** A rule a reliance decision rests on: the document, its section, and what it says in plain words. */
export interface RelianceBasis {
  /** The rule's name: the document and its author. */
  readonly rule: string;
  /** The section of that document. */
  readonly section: string;
  /** What the rule says, for an HR officer. */
  readonly summary: string;
  /** The least strict decision the rule allows: a profile may be stricter, never laxer. */
  readonly allows: RelianceDecision;
  readonly url?: string;
  /** The section name is not yet confirmed against the current edition. */
  readonly verify?: boolean;
}

const RTW_GUIDE = "Home Office, An employer's guide to right to work checks";
const RTW_GUIDE_URL = 'https://www.gov.uk/government/publications/right-to-work-checks-employers-guide';
const NHS_ECS = 'NHS Employers, NHS Employment Check Standards';

/** The rules reliance decisions rest on, by id. */
export const RELIANCE_BASES = {
  'rtw-own-check': {
    rule: RTW_GUIDE,
    section: 'Who you need to check, and the three types of right to work check',
    summary:
      "Another employer's check gives a new employer no statutory excuse: do your own prescribed check before the start (manual, Home Office online with a share code, or IDVT through a certified identity service provider for British and Irish passports). A Skilled Worker moving employer also needs a new certificate of sponsorship and an approved change of employment before starting.",
    allows: 'repeat',
    url: RTW_GUIDE_URL,
    verify: true,
  },
  'rtw-tupe': {
    rule: RTW_GUIDE,
    section: 'Transfer of undertakings (TUPE)',
    summary: "A transferee may rely on the transferor's right to work checks: the statutory excuse carries over, with 60 days from the transfer to do its own checks.",
    allows: 'rely',
    url: RTW_GUIDE_URL,
    verify: true,
  },
  'rtw-employer-unchanged': {
    rule: RTW_GUIDE,
    section: 'Who you need to check',
    summary:
      'The employer has not changed (the lead employer of a doctor in training, the seconding employer, the employing organisation of a collaborative bank): its check stands, and the organisation where they work relies on it.',
    allows: 'rely',
    url: RTW_GUIDE_URL,
    verify: true,
  },
  'rtw-host': {
    rule: 'NHS Employers, Honorary contracts and Licence to Attend',
    section: 'Pre-engagement checks',
    summary: "A host under an honorary contract or a Licence to Attend relies on the substantive employer's right to work check.",
    allows: 'rely',
    verify: true,
  },
  'identity-in-person': {
    rule: NHS_ECS,
    section: 'Identity checks: checking documents in person',
    summary:
      'Even after a check by an identity service provider, the employer sees the original documents in person at the start or at induction, and checks that the person matches the photo.',
    allows: 'rely_with_live_check',
    verify: true,
  },
  'identity-employer-unchanged': {
    rule: NHS_ECS,
    section: 'Identity checks',
    summary: "The employing organisation verified identity and keeps it: match the person to the credential's portrait on arrival.",
    allows: 'rely',
    verify: true,
  },
  'registration-live-check': {
    rule: NHS_ECS,
    section: 'Professional registration and qualification checks',
    summary:
      "Check the register online before the start, whatever the move: a registration can change overnight (ESR checks GMC, NMC, GDC and GPhC daily and HCPC weekly for staff already employed). For a doctor, check the licence to practise too.",
    allows: 'rely_with_live_check',
    verify: true,
  },
  'dbs-update-service': {
    rule: 'Disclosure and Barring Service, DBS Update Service: guidance for employers',
    section: "Carrying out a status check",
    summary:
      "Run the free online status check, with the person's consent, using the certificate number, their surname and date of birth. The Update Service covers standard and enhanced certificates only. It answers: current and clear (rely on it), current (no new information), or no longer current (apply for a new check).",
    allows: 'rely_with_live_check',
    url: 'https://www.gov.uk/guidance/dbs-update-service-employer-guide',
    verify: true,
  },
  'dbs-employer-decides': {
    rule: 'Disclosure and Barring Service, DBS checks: guidance for employers',
    section: 'How long a DBS check is valid for',
    summary: "A certificate has no expiry date: it is accurate on the day it was issued, and the employer decides whether a new check is needed (the profile's own recency rule says when).",
    allows: 'rely',
    url: 'https://www.gov.uk/government/collections/dbs-checking-service-guidance--2',
    verify: true,
  },
  'dbs-employer-unchanged': {
    rule: NHS_ECS,
    section: 'Criminal record checks',
    summary: "The employer has not changed (lead employer, seconding employer, collaborative bank, TUPE transferor's checks carried over): its DBS check stands.",
    allows: 'rely',
    verify: true,
  },
  'work-health-transfer': {
    rule: NHS_ECS,
    section: 'Work health assessments',
    summary: "A previous work health clearance and immunity evidence may be relied on for the same kind of work while in date; the occupational health service decides, and clinical detail never travels.",
    allows: 'rely',
    verify: true,
  },
  'training-cstf-aligned': {
    rule: 'Skills for Health, Core Skills Training Framework',
    section: 'Declaration of Alignment',
    summary: 'Statutory and mandatory training from an organisation aligned to the CSTF transfers between organisations while in date.',
    allows: 'rely',
    verify: true,
  },
  'history-references-transfer': {
    rule: NHS_ECS,
    section: 'Employment history and reference checks',
    summary:
      'Employment history and references verified by a previous employer may be accepted; how long a gap may be before it needs explaining is local policy (the profile sets it).',
    allows: 'rely',
    verify: true,
  },
  'details-import': {
    rule: 'Staff Passport',
    section: 'Importing verified details',
    summary: 'Details imported into the workforce system (assignment, placement, role), not a pre-employment check of their own.',
    allows: 'rely',
  },
} as const satisfies Record<string, RelianceBasis>;

export type RelianceBasisId = keyof typeof RELIANCE_BASES;
/** The ids of {@link RELIANCE_BASES}. */
export const RELIANCE_BASIS_IDS = Object.keys(RELIANCE_BASES) as RelianceBasisId[];

/** A decision and the rule it rests on. */
export interface RelianceChoice {
  readonly decision: RelianceDecision;
  readonly basis: RelianceBasisId;
}

/** The checks a reliance decision is about (a check profile's rule kinds). */
export const RELIANCE_CHECK_KINDS = [
  'identity',
  'right_to_work',
  'professional_registration',
  'dbs',
  'occupational_health',
  'training',
  'employment_history',
  'references',
  'role_competence',
  'employment_assignment',
  'training_placement',
] as const;
export type RelianceCheckKind = (typeof RELIANCE_CHECK_KINDS)[number];

const all = (choice: RelianceChoice): Record<MoveKind, RelianceChoice> =>
  Object.fromEntries(MOVE_KIND_CODES.map((m) => [m, choice])) as Record<MoveKind, RelianceChoice>;
const rely = (basis: RelianceBasisId): RelianceChoice => ({ decision: 'rely', basis });

/**
 * What the law and the national standards allow, per check and kind of move: the decision a
 * profile takes when a requirement says nothing for a move. A profile may be stricter. A key
 * `<check>:<minimum level>` (`dbs:basic`) holds what differs for a rule at that level.
 */
export const RELIANCE_DEFAULTS: Readonly<Record<RelianceCheckKind, Readonly<Record<MoveKind, RelianceChoice>>> & Readonly<Record<string, Readonly<Record<MoveKind, RelianceChoice>>>>> = {
  identity: {
    ...all(rely('identity-employer-unchanged')),
    new_employer: { decision: 'rely_with_live_check', basis: 'identity-in-person' },
  },
  right_to_work: {
    new_employer: { decision: 'repeat', basis: 'rtw-own-check' },
    rotation: rely('rtw-employer-unchanged'),
    host: rely('rtw-host'),
    collaborative_bank: rely('rtw-employer-unchanged'),
    secondment: rely('rtw-employer-unchanged'),
    tupe_transfer: rely('rtw-tupe'),
  },
  professional_registration: all({ decision: 'rely_with_live_check', basis: 'registration-live-check' }),
  dbs: {
    ...all(rely('dbs-employer-unchanged')),
    new_employer: { decision: 'rely_with_live_check', basis: 'dbs-update-service' },
  },
  // The Update Service covers standard and enhanced certificates only: a basic one is the employer's call.
  'dbs:basic': {
    ...all(rely('dbs-employer-unchanged')),
    new_employer: rely('dbs-employer-decides'),
  },
  occupational_health: all(rely('work-health-transfer')),
  training: all(rely('training-cstf-aligned')),
  employment_history: all(rely('history-references-transfer')),
  references: all(rely('history-references-transfer')),
  role_competence: all(rely('details-import')),
  employment_assignment: all(rely('details-import')),
  training_placement: all(rely('details-import')),
};

/** The DBS Update Service's online status check, for employers (with the person's consent). */
export const DBS_STATUS_CHECK = {
  title: 'DBS Update Service status check',
  url: 'https://secure.crbonline.gov.uk/crsc/check',
  /** The DBS levels the Update Service covers. */
  levels: ['standard', 'enhanced', 'enhanced_barred'],
  /** The three answers of a status check. */
  results: ['current_and_clear', 'current', 'no_longer_current'],
  verify: true,
} as const;

/** The prescribed right to work checks a new employer may do, and the document kinds each suits. */
export const RIGHT_TO_WORK_ROUTES = {
  home_office_online: {
    title: 'Home Office online check with a share code',
    how: 'Ask the person for a share code and check it with their date of birth on GOV.UK.',
    url: 'https://www.gov.uk/view-right-to-work',
    documentKinds: ['share_code', 'other_list_b'],
  },
  idvt_idsp: {
    title: 'IDVT check through a certified identity service provider',
    how: 'For a British or Irish passport (or Irish passport card): a certified provider checks the document, and you check the person matches the photo.',
    documentKinds: ['british_passport', 'irish_passport'],
  },
  manual: {
    title: 'Manual check of the original documents',
    how: 'See the original documents from List A or B with the person present, check they are genuine and belong to them, and keep dated copies.',
    documentKinds: ['british_passport', 'irish_passport', 'other_list_a', 'other_list_b'],
  },
} as const;

export type RightToWorkRoute = keyof typeof RIGHT_TO_WORK_ROUTES;

/** Where this module's values come from. */
export const RELIANCE_SOURCE =
  "Home Office, An employer's guide to right to work checks; DBS, Update Service guidance; NHS Employers, NHS Employment Check Standards; Skills for Health, CSTF";
