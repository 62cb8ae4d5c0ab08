/**
 * Right to work check methods, lists and documents.
 *
 * Source: Home Office, Employer's guide to right to work checks (List A continuous, List B
 * time-limited with a follow-up check; online checks with a share code; IDVT through a certified
 * IDSP for British and Irish citizens with a valid passport); NHS Employers, Right to work check
 * standard.
 */
export const RIGHT_TO_WORK_METHODS = ['manual', 'home_office_online', 'idvt_idsp'] as const;
export type RightToWorkMethod = (typeof RIGHT_TO_WORK_METHODS)[number];

/** List A: continuous right to work; List B: time-limited. */
export const RIGHT_TO_WORK_LISTS = ['ListA', 'ListB'] as const;
export type RightToWorkList = (typeof RIGHT_TO_WORK_LISTS)[number];

/** The documents (or status) a right to work check relies on, and whether IDVT may check them. */
export const RIGHT_TO_WORK_DOCUMENTS = {
  british_passport: { title: 'British passport', idvtEligible: true },
  irish_passport: { title: 'Irish passport or passport card', idvtEligible: true },
  share_code: { title: 'Home Office online status (share code)', idvtEligible: false },
  other_list_a: { title: 'Another List A document', idvtEligible: false },
  other_list_b: { title: 'A List B document', idvtEligible: false },
} as const;

export type RightToWorkDocument = keyof typeof RIGHT_TO_WORK_DOCUMENTS;
/** The codes of {@link RIGHT_TO_WORK_DOCUMENTS}. */
export const RIGHT_TO_WORK_DOCUMENT_CODES = Object.keys(RIGHT_TO_WORK_DOCUMENTS) as RightToWorkDocument[];

/** Kinds of restriction on the work a holder may do (for example student term-time hours). */
export const WORK_RESTRICTION_KINDS = ['student_term_time_hours', 'hours_limit', 'occupation_limit', 'employer_limit', 'other'] as const;

/** Where this module's values come from. */
export const RIGHT_TO_WORK_SOURCE = "Home Office, Employer's guide to right to work checks; NHS Employers, Right to work check standard";
