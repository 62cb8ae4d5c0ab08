import {
  AFC_BANDS,
  ASSIGNMENT_CATEGORIES,
  CSTF_SUBJECTS,
  CSTF_SUBJECT_CODES,
  PAY_SCHEMES,
  STAFF_GROUPS,
  STAFF_GROUP_CODES,
  type AfcBand,
  type AssignmentCategory,
  type CstfLevel,
  type CstfSubjectCode,
  type PayScheme,
  type StaffGroupCode,
} from '@staff-passport/schemas';

/**
 * What an ESR-style export looks like to the bulk importer, in one place: the columns we read (by
 * the names ESR reports and common variants), and the lookups from the words ESR writes to the
 * codes credentials carry. Everything else comes from the catalogue's reference data.
 *
 * Sources: ESR user guidance and sample exports (Competence Compliance report, Assignment Details
 * report). Entries marked `verify` are not yet confirmed against a real ESR export (see DOMAIN.md).
 *
 * ESR has no DIDs: an export for issuing carries one extra column, `Holder DID`, with the wallet DID
 * each member of staff gave the HR team (for example from the wallet's "share my DID" screen).
 * Columns not listed here (names, NI number, date of birth...) are ignored: they never reach a
 * credential, a request key or a log.
 */
export const ESR_REFERENCE_SOURCE = 'ESR user guidance (Competence Compliance and Assignment Details reports); column names verify';

/** One column the importer reads: its canonical name and the header names that mean it. */
export interface ExportColumn {
  /** The name the column is reported by when missing. */
  readonly name: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
}

const HOLDER_DID: ExportColumn = { name: 'Holder DID', aliases: ['Holder DID', 'Wallet DID', 'DID', 'Staff DID'], required: true };

/** The columns of an ESR training compliance export (one row per person and competence). */
export const TRAINING_COMPLIANCE_COLUMNS = {
  holderDid: HOLDER_DID,
  competenceName: { name: 'Competence Name', aliases: ['Competence Name', 'Competency Name', 'Competence', 'Competency', 'Competence Title'], required: true },
  awardedOn: {
    name: 'Date Last Awarded',
    aliases: ['Date Last Awarded', 'Achievement Date', 'Date Achieved', 'Completion Date', 'Date Completed', 'Awarded Date', 'Last Awarded'],
    required: true,
  },
  expiresOn: { name: 'Expiry Date', aliases: ['Expiry Date', 'Date Expires', 'Expiry', 'Expires On', 'Expiration Date'], required: false },
  complianceStatus: { name: 'Compliance Status', aliases: ['Compliance Status', 'Compliance', 'Status'], required: false },
  level: { name: 'Level', aliases: ['Level', 'Competence Level', 'Competency Level'], required: false },
  // Issue 19: a row whose Holder DID is blank may name its person instead; the credential waits for
  // them (collected by signing in) and the address, if any, is emailed the link.
  personNumber: { name: 'Employee Number', aliases: ['Employee Number', 'Person Number', 'ESR Person Number', 'Staff Number'], required: false },
  email: { name: 'Email Address', aliases: ['Email Address', 'Email', 'E-mail Address', 'Work Email'], required: false },
} as const satisfies Record<string, ExportColumn>;

/** The columns of an ESR assignment export (one row per assignment). */
export const ASSIGNMENT_COLUMNS = {
  holderDid: HOLDER_DID,
  esrPersonNumber: { name: 'Employee Number', aliases: ['Employee Number', 'Person Number', 'ESR Person Number', 'Staff Number'], required: true },
  assignmentNumber: { name: 'Assignment Number', aliases: ['Assignment Number', 'Assignment No'], required: true },
  odsCode: { name: 'ODS Code', aliases: ['ODS Code', 'Employing Organisation ODS Code', 'Organisation ODS Code', 'Organisation Code'], required: false },
  organisationName: { name: 'Employing Organisation', aliases: ['Employing Organisation', 'Organisation Name', 'Organisation', 'Employer'], required: false },
  positionTitle: { name: 'Position Title', aliases: ['Position Title', 'Position Name', 'Position'], required: true },
  positionNumber: { name: 'Position Number', aliases: ['Position Number', 'Position No'], required: false },
  staffGroup: { name: 'Staff Group', aliases: ['Staff Group'], required: true },
  jobRole: { name: 'Job Role', aliases: ['Job Role'], required: true },
  areaOfWork: { name: 'Area of Work', aliases: ['Area of Work'], required: false },
  occupationCode: { name: 'Occupation Code', aliases: ['Occupation Code'], required: true },
  payScheme: { name: 'Pay Scheme', aliases: ['Pay Scheme', 'Pay Scale', 'Payscale'], required: false },
  payBand: { name: 'Pay Band', aliases: ['Pay Band', 'Band', 'AfC Band', 'Agenda for Change Band'], required: false },
  payGrade: { name: 'Grade', aliases: ['Grade', 'Pay Grade', 'Grade Code'], required: false },
  assignmentCategory: { name: 'Assignment Category', aliases: ['Assignment Category', 'Employee Category', 'Contract Type'], required: true },
  fte: { name: 'FTE', aliases: ['FTE', 'WTE', 'Whole Time Equivalent', 'Full Time Equivalent'], required: true },
  startOn: { name: 'Assignment Start Date', aliases: ['Assignment Start Date', 'Start Date', 'Start'], required: true },
  endOn: { name: 'Assignment End Date', aliases: ['Assignment End Date', 'End Date', 'Projected End Date', 'Projected Assignment End'], required: false },
} as const satisfies Record<string, ExportColumn>;

/** Header text compared without case, spacing or punctuation ("Date Last-Awarded " is "date last awarded"). */
export function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Words compared the same way as headers (lookups of the values ESR writes). */
const normaliseWord = normaliseHeader;

// ESR's national CSTF competences are named `NHS|CSTF|<subject> - [Level n - ]<refresher>|`; the
// subject part is the catalogue's `esrCompetencePrefix` (reference/cstf.ts), matched longest first.
const CSTF_PREFIXES: readonly { prefix: string; subject: CstfSubjectCode }[] = CSTF_SUBJECT_CODES.map((code) => ({
  prefix: normaliseWord(CSTF_SUBJECTS[code].esrCompetencePrefix),
  subject: code,
})).sort((a, b) => b.prefix.length - a.prefix.length);

/** The national CSTF competence marker in an ESR competence name. */
export const ESR_CSTF_MARKER = 'NHS|CSTF|';

/** What an ESR competence name says: the CSTF subject, and the level when the name gives one. */
export type EsrCompetence = { subject: CstfSubjectCode; level?: CstfLevel } | { subject?: undefined; cstf: boolean };

/**
 * The CSTF subject (and level, when the name carries `Level n`) of an ESR competence name such as
 * `NHS|CSTF|Fire Safety - 2 Years|` or `NHS|CSTF|Infection Prevention and Control - Level 2 - 1 Year|`.
 * A name outside the national CSTF set (local competences) answers `{cstf: false}`; a CSTF name
 * whose subject is not in the reference data answers `{cstf: true}`.
 */
export function lookUpEsrCompetence(name: string): EsrCompetence {
  const trimmed = name.trim();
  if (!trimmed.toUpperCase().startsWith(ESR_CSTF_MARKER)) return { cstf: false };
  const words = normaliseWord(trimmed);
  const match = CSTF_PREFIXES.find((p) => words === p.prefix || words.startsWith(`${p.prefix} `));
  if (!match) return { cstf: true };
  const level = /\blevel\s*([1-3])\b/i.exec(trimmed.slice(ESR_CSTF_MARKER.length));
  return level ? { subject: match.subject, level: Number(level[1]) as CstfLevel } : { subject: match.subject };
}

/** A level written as `2`, `Level 2` or `L2`. */
export function parseCstfLevel(text: string): CstfLevel | undefined {
  const match = /^(?:level\s*|l)?([1-3])$/i.exec(text.trim());
  return match ? (Number(match[1]) as CstfLevel) : undefined;
}

/** The levels the CSTF defines for a subject. */
export function cstfLevelsOf(subject: CstfSubjectCode): CstfLevel[] {
  return Object.keys(CSTF_SUBJECTS[subject].refresherMonths).map(Number) as CstfLevel[];
}

/**
 * The CSTF framework version a training export is taken to meet when the upload does not say.
 * Source: Skills for Health, Core Skills Training Framework version 1.2 [verify: the current version].
 */
export const DEFAULT_CSTF_FRAMEWORK_VERSION = '1.2';

// ESR's staff group names, including its abbreviated report forms [verify], to the national codes.
const STAFF_GROUP_WORDS = new Map<string, StaffGroupCode>([
  ...STAFF_GROUP_CODES.map((code) => [normaliseWord(STAFF_GROUPS[code].title), code] as const),
  ...STAFF_GROUP_CODES.map((code) => [code, code] as const),
  [normaliseWord('Add Prof Scientific and Technic'), '05'],
  [normaliseWord('Additional Prof Scientific and Technical'), '05'],
  [normaliseWord('Nursing and Midwifery'), '03'],
  [normaliseWord('Allied Health Professions'), '04'],
  [normaliseWord('Administrative & Clerical'), '08'],
  [normaliseWord('Estates & Ancillary'), '09'],
  [normaliseWord('Medical & Dental'), '01'],
]);

/** The staff group code of `03`, `3` or a name such as `Nursing and Midwifery Registered`. */
export function lookUpStaffGroup(text: string): StaffGroupCode | undefined {
  const word = normaliseWord(text);
  return STAFF_GROUP_WORDS.get(/^\d$/.test(word) ? `0${word}` : word);
}

const PAY_SCHEME_WORDS = new Map<string, PayScheme>([
  ...PAY_SCHEMES.map((s) => [normaliseWord(s), s] as const),
  ['agenda for change', 'AfC'],
  ['medical and dental', 'MedicalDental'],
  ['medical dental', 'MedicalDental'],
  ['very senior manager', 'VSM'],
  ['very senior managers', 'VSM'],
]);

/** The pay scheme of `AfC`, `Agenda for Change`, `Medical and Dental`, `VSM` or `Local`. */
export function lookUpPayScheme(text: string): PayScheme | undefined {
  return PAY_SCHEME_WORDS.get(normaliseWord(text));
}

/** The Agenda for Change band of `5`, `Band 5`, `Band 8A` or `AfC Band 8a`. */
export function lookUpAfcBand(text: string): AfcBand | undefined {
  const word = normaliseWord(text)
    .replace(/^(?:agenda for change|afc)\s*/, '')
    .replace(/^band\s*/, '')
    .replace(/\s+/g, '');
  return (AFC_BANDS as readonly string[]).includes(word) ? (word as AfcBand) : undefined;
}

// ESR assignment categories as reports write them [verify] (`Fixed Term Temp` is ESR's wording).
const CATEGORY_WORDS = new Map<string, AssignmentCategory>([
  ...ASSIGNMENT_CATEGORIES.map((c) => [normaliseWord(c), c] as const),
  ['fixed term temp', 'fixed_term'],
  ['fixed term temporary', 'fixed_term'],
  ['temporary', 'fixed_term'],
  ['honorary contract', 'honorary'],
]);

/** The assignment category of `Permanent`, `Fixed Term Temp`, `Bank`, `Honorary` or `Secondment`. */
export function lookUpAssignmentCategory(text: string): AssignmentCategory | undefined {
  return CATEGORY_WORDS.get(normaliseWord(text));
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isoDay(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/**
 * A calendar date as ESR reports write it (`14-Sep-2026`), or `2026-09-14`, or `14/09/2026` (UK
 * order), as `YYYY-MM-DD`; undefined for anything else or a day that does not exist.
 */
export function parseEsrDate(text: string): string | undefined {
  const value = text.trim();
  let match = /^(\d{1,2})[- ]([A-Za-z]{3,9})[- ](\d{4})$/.exec(value);
  if (match) {
    const month = MONTHS.indexOf(match[2]!.slice(0, 3).toLowerCase());
    const name = match[2]!.toLowerCase();
    // The full month name, its first three letters, or "Sept".
    const known = month !== -1 && (name.length === 3 || name === 'sept' || new Date(Date.UTC(2000, month, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' }).toLowerCase() === name);
    return known ? isoDay(Number(match[3]), month + 1, Number(match[1])) : undefined;
  }
  match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) return isoDay(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (match) return isoDay(Number(match[3]), Number(match[2]), Number(match[1]));
  return undefined;
}
