/**
 * The six NHS Employment Check Standards. Every check credential names the standard it records.
 *
 * Source: NHS Employers, NHS Employment Check Standards (identity, right to work, professional
 * registration and qualification, employment history and references, criminal record, work health).
 */
export const EMPLOYMENT_CHECK_STANDARDS = {
  identity: { title: 'Identity checks' },
  right_to_work: { title: 'Right to work checks' },
  professional_registration: { title: 'Professional registration and qualification checks' },
  employment_history: { title: 'Employment history and reference checks' },
  criminal_record: { title: 'Criminal record checks' },
  work_health: { title: 'Work health assessments' },
} as const;

export type EmploymentCheckStandard = keyof typeof EMPLOYMENT_CHECK_STANDARDS;

/** Where this module's values come from. */
export const EMPLOYMENT_CHECK_STANDARDS_SOURCE = 'NHS Employers, NHS Employment Check Standards';
