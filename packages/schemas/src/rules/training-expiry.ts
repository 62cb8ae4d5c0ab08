import { CSTF_SUBJECTS, type CstfLevel, type CstfSubjectCode } from '../reference/cstf.js';
import { addMonths } from './add-months.js';

/**
 * The refresher period in months for a CSTF subject at a level, or undefined where the subject
 * has no such level.
 */
export function refresherMonths(subject: CstfSubjectCode, level: CstfLevel): number | undefined {
  return CSTF_SUBJECTS[subject]?.refresherMonths[level];
}

/**
 * The expiry date of a training record: completion plus the subject's refresher period.
 *
 * @example
 * trainingExpiry('fire_safety', 1, '2026-03-01') // '2028-03-01'
 * @throws RangeError when the subject has no such level (a programming error: validate first).
 */
export function trainingExpiry(subject: CstfSubjectCode, level: CstfLevel, completedOn: string): string {
  const months = refresherMonths(subject, level);
  if (months === undefined) throw new RangeError(`CSTF subject ${subject} has no level ${level}`);
  return addMonths(completedOn, months);
}

/**
 * Whether training is in date on a day: in date while its expiry is on or after the check date.
 *
 * @example
 * isTrainingInDate({ expiresOn: '2027-01-31' }, '2027-01-31') // true
 */
export function isTrainingInDate(record: { expiresOn: string }, checkDate: string): boolean {
  return record.expiresOn >= checkDate;
}
