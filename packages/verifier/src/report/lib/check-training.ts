import { CSTF_SUBJECTS, standingOn, summaryCoversRole, type CstfLevel, type CstfSubjectCode, type SubjectStanding } from '@staff-passport/schemas';
import type { TrainingRule } from '../../profiles/check-profile.js';
import type { ReportReason } from '../profile-report.js';
import type { VerifiedCredential } from '../../verification/verified-credential.js';
import type { Attempt, RuleDays } from './check-credential.js';
import { endsBefore } from './dates.js';
import { readBoolean, readNumber, readObject, readString } from './read-claims.js';

type Needed = TrainingRule['subjects'][number];

const title = (code: CstfSubjectCode) => CSTF_SUBJECTS[code].title;

/** Whether one training record covers a needed subject on the start date, and if not, why. */
function recordCovers(rule: TrainingRule, needed: Needed, view: VerifiedCredential, days: RuleDays): ReportReason | undefined {
  const s = view.subject;
  const at = (code: ReportReason['code'], message: string): ReportReason => ({ code, message, subject: needed.subject, credentialIndex: view.index });
  const level = readNumber(s, 'training.level') as CstfLevel | undefined;
  const completedOn = readString(s, 'training.completedOn');
  if (level === undefined || completedOn === undefined) return at('CLAIM_NOT_DISCLOSED', `the ${title(needed.subject)} record did not disclose its level and completion date`);
  if (rule.requireIssuerAligned && readBoolean(s, 'training.issuerAligned') !== true) {
    return at('TRAINING_ISSUER_NOT_ALIGNED', `${title(needed.subject)} was recorded by an issuer without a CSTF Declaration of Alignment`);
  }
  if (level < needed.level) return at('TRAINING_LEVEL_TOO_LOW', `${title(needed.subject)} is at level ${level}; the role needs level ${needed.level}`);
  // Expiry is completion plus the refresher period of the level completed (the catalogue's rule).
  const standing = standingOn(needed.subject, level, completedOn, days.startDate);
  if (standing === undefined || standing.status !== 'in_date' || endsBefore(view.validUntil, days.startDate)) {
    return at('TRAINING_OUT_OF_DATE', `${title(needed.subject)} expires on ${standing?.expiresOn ?? view.validUntil ?? '?'}, before the start date ${days.startDate}`);
  }
  return undefined;
}

/** Whether a training summary covers a needed subject on the start date, and if not, why. */
function summaryCovers(rule: TrainingRule, needed: Needed, view: VerifiedCredential, days: RuleDays): ReportReason | undefined {
  const at = (code: ReportReason['code'], message: string): ReportReason => ({ code, message, subject: needed.subject, credentialIndex: view.index });
  const standing = readObject(view.subject, `summary.subjects.${needed.subject}`);
  if (standing === undefined) return at('CLAIM_NOT_DISCLOSED', `the training summary did not disclose ${title(needed.subject)}`);
  if (rule.requireIssuerAligned && readBoolean(view.subject, 'summary.issuerAligned') !== true) {
    return at('TRAINING_ISSUER_NOT_ALIGNED', 'the training summary was issued without a CSTF Declaration of Alignment');
  }
  // Only the needed subject is looked up, so a summary disclosing some subjects serves.
  const subjects = { [needed.subject]: standing as unknown as SubjectStanding } as Readonly<Record<CstfSubjectCode, SubjectStanding>>;
  const [uncovered] = summaryCoversRole({ subjects }, [needed], days.startDate).uncovered;
  if (uncovered === undefined) return undefined;
  switch (uncovered.reason) {
    case 'not_completed':
      return at('TRAINING_NOT_COMPLETED', `the training summary shows ${title(needed.subject)} as not completed`);
    case 'level_too_low':
      return at('TRAINING_LEVEL_TOO_LOW', `${title(needed.subject)} is at level ${String(standing['level'])}; the role needs level ${needed.level}`);
    case 'expired': {
      const s = standingOn(needed.subject, standing['level'] as CstfLevel, standing['completedOn'] as string, days.startDate);
      return at('TRAINING_OUT_OF_DATE', `${title(needed.subject)} expires on ${s?.expiresOn ?? '?'}, before the start date ${days.startDate}`);
    }
  }
}

/**
 * Whether every CSTF subject a role needs is covered, at its level and in date on the start
 * date, by some training record or training summary (subjects may come from different ones). A
 * subject nobody covers gets the reasons of every credential that tried, or TRAINING_MISSING.
 */
export function checkTraining(rule: TrainingRule, candidates: readonly VerifiedCredential[], days: RuleDays): Attempt {
  const satisfiedBy = new Set<number>();
  const reasons: ReportReason[] = [];
  for (const needed of rule.subjects) {
    const tried: ReportReason[] = [];
    let coveredBy: number | undefined;
    for (const view of candidates) {
      let why: ReportReason | undefined;
      if (view.types.includes('TrainingRecord')) {
        if (readString(view.subject, 'training.subject') !== needed.subject) continue;
        why = recordCovers(rule, needed, view, days);
      } else if (view.types.includes('TrainingSummary')) {
        why = summaryCovers(rule, needed, view, days);
      } else continue;
      if (why === undefined) {
        coveredBy = view.index;
        break;
      }
      tried.push(why);
    }
    if (coveredBy !== undefined) satisfiedBy.add(coveredBy);
    else if (tried.length > 0) reasons.push(...tried);
    else reasons.push({ code: 'TRAINING_MISSING', message: `no training record or summary shows ${title(needed.subject)}`, subject: needed.subject });
  }
  return reasons.length === 0 ? { satisfiedBy: [...satisfiedBy].sort((a, b) => a - b), reasons } : { reasons };
}
