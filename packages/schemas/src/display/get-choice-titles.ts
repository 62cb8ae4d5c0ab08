// The words people read for coded values (enum values of our schemas), from the reference data
// that names them: one place for the HR console's choices and the wallet's claim values.
import { CAREER_FRAMEWORKS, CAREER_FRAMEWORK_LEVELS, IUC_ROLES, PRIMARY_CARE_STAGES } from '../reference/career-framework.js';
import { ATTRIBUTE_PEDIGREE_TITLES, ATTRIBUTE_VERIFIER_TITLES, PAY_SCHEME_TITLES, RIGHT_TO_WORK_LIST_TITLES } from '../reference/code-titles.js';
import { CSTF_SUBJECTS } from '../reference/cstf.js';
import { CRIMINAL_RECORD_LEVELS, CRIMINAL_RECORD_SCHEMES, DBS_LEVELS, DBS_UPDATE_SERVICE } from '../reference/dbs.js';
import { EMPLOYMENT_CHECK_STANDARDS } from '../reference/employment-check-standards.js';
import { GPG45_LEVELS } from '../reference/gpg45.js';
import { OCCUPATION_CODES } from '../reference/occupation-codes.js';
import { REGISTRATION_STATUS_DEFINITIONS, REGULATORS } from '../reference/regulators.js';
import { RIGHT_TO_WORK_DOCUMENTS } from '../reference/right-to-work.js';
import { STAFF_GROUPS } from '../reference/staff-groups.js';

type Titled = Readonly<Record<string, { readonly title: string }>>;

/**
 * A title written in sentence case, as NHS.UK content is ("Fire Safety" -> "Fire safety"): words
 * after the first lose their capital, initialisms ("NHS", "CSTF") keep theirs.
 */
function toSentenceCase(title: string): string {
  return title.replace(/(?<=\S\s+)([A-Z])([a-z]+)/g, (_, first: string, rest: string) => first.toLowerCase() + rest);
}

// The CSTF's subject guides write the subjects in title case; people read them in sentence case.
const CSTF_TITLES: Titled = Object.fromEntries(Object.entries(CSTF_SUBJECTS).map(([code, s]) => [code, { title: toSentenceCase(s.title) }]));

// Reference data that names its codes. An enum takes these titles only when its values are exactly
// the record's codes (CSTF levels 1 to 3 must not read as career framework levels 1 to 9).
const TITLED: readonly Titled[] = [
  CAREER_FRAMEWORKS,
  CAREER_FRAMEWORK_LEVELS,
  CRIMINAL_RECORD_LEVELS,
  CRIMINAL_RECORD_SCHEMES,
  CSTF_TITLES,
  DBS_LEVELS,
  DBS_UPDATE_SERVICE.statusResults,
  EMPLOYMENT_CHECK_STANDARDS,
  GPG45_LEVELS,
  { ...IUC_ROLES, ...PRIMARY_CARE_STAGES },
  OCCUPATION_CODES,
  REGISTRATION_STATUS_DEFINITIONS,
  REGULATORS,
  RIGHT_TO_WORK_DOCUMENTS,
  STAFF_GROUPS,
  ...[RIGHT_TO_WORK_LIST_TITLES, PAY_SCHEME_TITLES, ATTRIBUTE_VERIFIER_TITLES, ATTRIBUTE_PEDIGREE_TITLES].map((titles): Titled => Object.fromEntries(Object.entries(titles).map(([code, title]) => [code, { title }]))),
];

function sameCodes(values: readonly unknown[], record: Titled): boolean {
  const codes = Object.keys(record);
  return codes.length === values.length && values.every((v) => Object.hasOwn(record, String(v)));
}

// Initialisms in our codes, written in capitals ("idvt_idsp": "IDVT IDSP").
const INITIALISMS = new Set(['dbs', 'epp', 'esr', 'gmc', 'hcpc', 'idsp', 'idvt', 'mmr', 'nhs', 'nmc', 'ods', 'tb', 'uk']);

/** A lower-case code as words in sentence case: `adult_and_child` -> `Adult and child`. */
function codeAsWords(code: string): string {
  const words = code
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(' ')
    .map((w) => (INITIALISMS.has(w) ? w.toUpperCase() : w))
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The words people read for each value of an enum: the reference data's titles when the enum is
 * one of its code lists, otherwise the code as words when it is a lower-case code
 * (`adult_and_child`: "Adult and child"), else the value as it is ("AfC", "ListA", 3).
 *
 * @example
 * getChoiceTitles(['basic', 'standard', 'enhanced', 'enhanced_barred']); // ['Basic', 'Standard', 'Enhanced', 'Enhanced with barred list checks']
 * getChoiceTitles(['fit', 'fit_with_adjustments']); // ['Fit', 'Fit with adjustments']
 */
export function getChoiceTitles(values: readonly unknown[]): string[] {
  const record = TITLED.find((r) => sameCodes(values, r));
  return values.map((v) => {
    const code = String(v);
    const title = record?.[code]?.title;
    if (title !== undefined) return title;
    return /^[a-z]/.test(code) ? codeAsWords(code) : code;
  });
}
