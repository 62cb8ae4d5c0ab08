/**
 * Staff groups, as ESR records them against a position.
 *
 * Source: NHS Data Dictionary, STAFF GROUP (national codes 01-10).
 */
export const STAFF_GROUPS = {
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
} as const;

export type StaffGroupCode = keyof typeof STAFF_GROUPS;

export const STAFF_GROUP_CODES = Object.keys(STAFF_GROUPS) as StaffGroupCode[];

export const STAFF_GROUPS_SOURCE = 'NHS Data Dictionary, STAFF GROUP';
