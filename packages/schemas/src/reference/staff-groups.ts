/**
 * Staff groups, as ESR records them against a position.
 *
 * Source: NHS Data Dictionary, STAFF GROUP (national codes 01-10).
 */
// A list, not Object.keys: JavaScript puts the integer-like key "10" before "01".
export const STAFF_GROUP_CODES = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'] as const;

export type StaffGroupCode = (typeof STAFF_GROUP_CODES)[number];

/** The staff groups, by code. */
export const STAFF_GROUPS: Readonly<Record<StaffGroupCode, { readonly title: string }>> = {
  '01': { title: 'Medical and Dental' },
  '02': { title: 'Students' },
  '03': { title: 'Nursing and Midwifery Registered' },
  '04': { title: 'Allied Health Professionals' },
  '05': { title: 'Additional Professional Scientific and Technical' },
  '06': { title: 'Healthcare Scientists' },
  '07': { title: 'Additional Clinical Services' },
  '08': { title: 'Administrative and Clerical' },
  '09': { title: 'Estates and Ancillary' },
  '10': { title: 'Supplementary Roles' },
};

/** Where this module's values come from. */
export const STAFF_GROUPS_SOURCE = 'NHS Data Dictionary, STAFF GROUP';
