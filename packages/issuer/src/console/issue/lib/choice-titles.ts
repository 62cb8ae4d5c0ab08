import {
  CAREER_FRAMEWORKS,
  CAREER_FRAMEWORK_LEVELS,
  CRIMINAL_RECORD_LEVELS,
  CRIMINAL_RECORD_SCHEMES,
  CSTF_SUBJECTS,
  DBS_LEVELS,
  DBS_UPDATE_SERVICE,
  EMPLOYMENT_CHECK_STANDARDS,
  GPG45_LEVELS,
  IUC_ROLES,
  OCCUPATION_CODES,
  PRIMARY_CARE_STAGES,
  REGISTRATION_STATUS_DEFINITIONS,
  REGULATORS,
  RIGHT_TO_WORK_DOCUMENTS,
  STAFF_GROUPS,
} from '@staff-passport/schemas';
import { humanise } from './humanise.js';

// Reference data that names its codes. A schema's enum takes these titles only when its values are
// exactly the record's codes (CSTF levels 1 to 3 must not read as career framework levels 1 to 9).
const TITLED: readonly Readonly<Record<string, { readonly title: string }>>[] = [
  CAREER_FRAMEWORKS,
  CAREER_FRAMEWORK_LEVELS,
  CRIMINAL_RECORD_LEVELS,
  CRIMINAL_RECORD_SCHEMES,
  CSTF_SUBJECTS,
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
];

function sameCodes(values: readonly unknown[], record: Readonly<Record<string, unknown>>): boolean {
  const codes = Object.keys(record);
  return codes.length === values.length && values.every((v) => Object.hasOwn(record, String(v)));
}

/**
 * The words people read for each value of an enum: the reference data's titles when the enum is
 * one of its code lists, otherwise the code itself (lower-case codes in words).
 *
 * @example
 * choiceTitles(['basic', 'enhanced_barred', ...]); // ['Basic', 'Enhanced with barred list checks', ...]
 */
export function choiceTitles(values: readonly unknown[]): string[] {
  const record = TITLED.find((r) => sameCodes(values, r));
  return values.map((v) => {
    const code = String(v);
    const title = record?.[code]?.title;
    if (title !== undefined) return title;
    // Codes in lower case read as words ("adult_and_child": "Adult and child"); others ("AfC", "ListA") as they are.
    return /^[a-z]/.test(code) ? humanise(code) : code;
  });
}
