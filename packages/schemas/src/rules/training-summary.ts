import { CSTF_SUBJECT_CODES, type CstfLevel, type CstfSubjectCode } from '../reference/cstf.js';
import { refresherMonths, trainingExpiry } from './training-expiry.js';

/** What a summary says of one subject (as in a TrainingSummary credential). */
export interface SubjectStanding {
  status: 'in_date' | 'expired' | 'not_completed' | 'not_required';
  level?: CstfLevel;
  completedOn?: string;
  expiresOn?: string;
}

/** A CSTF subject at a level, as a role needs it. */
export interface TrainingRequirement {
  subject: CstfSubjectCode;
  level: CstfLevel;
}

/** Why a summary does not cover a requirement. */
export interface UncoveredRequirement extends TrainingRequirement {
  reason: 'not_completed' | 'level_too_low' | 'expired';
}

/**
 * The standing of a completed subject on a day: in date while its expiry (completion plus the
 * refresher period) is on or after the day. Undefined when the subject has no such level.
 *
 * @example
 * standingOn('fire_safety', 1, '2026-01-10', '2027-06-01') // { status: 'in_date', expiresOn: '2028-01-10' }
 */
export function standingOn(subject: CstfSubjectCode, level: CstfLevel, completedOn: string, day: string): { status: 'in_date' | 'expired'; expiresOn: string } | undefined {
  if (refresherMonths(subject, level) === undefined) return undefined;
  const expiresOn = trainingExpiry(subject, level, completedOn);
  return { status: expiresOn >= day ? 'in_date' : 'expired', expiresOn };
}

/**
 * Whether a training summary covers every subject (at least at the level) a role needs, in date
 * on a day, and if not, what is missing. The day may be later than the summary's `asOf`: expiry
 * is judged against it.
 *
 * @example
 * summaryCoversRole(summary, [{ subject: 'resuscitation', level: 2 }], '2026-12-01')
 * // { covered: false, uncovered: [{ subject: 'resuscitation', level: 2, reason: 'level_too_low' }] }
 */
export function summaryCoversRole(
  summary: { subjects: Readonly<Record<CstfSubjectCode, SubjectStanding>> },
  requirements: readonly TrainingRequirement[],
  day: string,
): { covered: boolean; uncovered: UncoveredRequirement[] } {
  const uncovered: UncoveredRequirement[] = [];
  for (const req of requirements) {
    const s = summary.subjects[req.subject];
    if (s.completedOn === undefined || s.level === undefined || (s.status !== 'in_date' && s.status !== 'expired')) {
      uncovered.push({ ...req, reason: 'not_completed' });
    } else if (s.level < req.level) {
      uncovered.push({ ...req, reason: 'level_too_low' });
    } else if (standingOn(req.subject, s.level, s.completedOn, day)?.status !== 'in_date') {
      uncovered.push({ ...req, reason: 'expired' });
    }
  }
  return { covered: uncovered.length === 0, uncovered };
}

/**
 * Whether every subject of a summary is in date or not required (what `allRequiredInDate` says).
 *
 * @example
 * allRequiredInDate(summary.subjects) // true
 */
export function allRequiredInDate(subjects: Readonly<Record<CstfSubjectCode, SubjectStanding>>): boolean {
  return CSTF_SUBJECT_CODES.every((code) => subjects[code].status === 'in_date' || subjects[code].status === 'not_required');
}
