import { addMonths, unexplainedGaps, type HistoryGap, type HistoryPeriod } from '@staff-passport/schemas';
import type { EmploymentHistoryRule, ReferencesRule } from '../../profiles/check-profile.js';
import type { ReportReason } from '../profile-report.js';
import type { VerifiedCredential } from '../../verification/verified-credential.js';
import type { Attempt, RuleDays } from './check-credential.js';
import { addDays } from './dates.js';
import { readArray, readString, undisclosed } from './read-claims.js';

const isPeriod = (v: unknown): v is HistoryPeriod =>
  v !== null && typeof v === 'object' && typeof (v as HistoryPeriod).startOn === 'string' && ['string', 'undefined'].includes(typeof (v as HistoryPeriod).endOn);
const isGap = (v: unknown): v is HistoryGap => v !== null && typeof v === 'object' && typeof (v as HistoryGap).fromOn === 'string' && typeof (v as HistoryGap).toOn === 'string';

function gapReasons(gaps: readonly HistoryGap[], credentialIndex?: number): ReportReason[] {
  return gaps.map((g) => ({
    code: 'HISTORY_GAP_UNEXPLAINED' as const,
    message: `the gap in employment from ${g.fromOn} to ${g.toOn} is not explained`,
    subject: `${g.fromOn}/${g.toOn}`,
    ...(credentialIndex === undefined ? {} : { credentialIndex }),
  }));
}

// The gap tolerance is the profile's (local policy); without one, the reference data's default.
const tolerance = (rule: EmploymentHistoryRule) => (rule.gapToleranceDays === undefined ? {} : { toleranceDays: rule.gapToleranceDays });

/** What stops one employment history credential covering the years a role needs. */
function historyReasons(rule: EmploymentHistoryRule, view: VerifiedCredential): ReportReason[] {
  const s = view.subject;
  const withheld = undisclosed(s, ['history.coversFrom', 'history.coversTo', 'history.employments'], view.index);
  if (withheld.length > 0) return withheld;
  const coversFrom = readString(s, 'history.coversFrom') as string;
  const coversTo = readString(s, 'history.coversTo') as string;
  const reasons: ReportReason[] = [];
  if (addMonths(coversFrom, rule.years * 12) > coversTo) {
    reasons.push({ code: 'HISTORY_TOO_SHORT', message: `the history covers ${coversFrom} to ${coversTo}, less than ${rule.years} years`, credentialIndex: view.index });
  }
  // Undisclosed explained gaps count as unexplained: the person reviewing can ask for them.
  const employments = (readArray(s, 'history.employments') ?? []).filter(isPeriod);
  const gaps = (readArray(s, 'history.gaps') ?? []).filter(isGap);
  reasons.push(...gapReasons(unexplainedGaps({ coversFrom, coversTo, employments, gaps, ...tolerance(rule) }), view.index));
  return reasons;
}

/**
 * Whether an employment history credential covers the years a role needs with every gap
 * explained, or else whether references together cover the years before the start date with no
 * gap longer than the tolerance (references cannot explain a gap). Rules from the catalogue.
 */
export function checkEmploymentHistory(rule: EmploymentHistoryRule, candidates: readonly VerifiedCredential[], days: RuleDays): Attempt {
  const reasons: ReportReason[] = [];
  for (const view of candidates.filter((c) => c.types.includes('EmploymentHistory'))) {
    const why = historyReasons(rule, view);
    if (why.length === 0) return { satisfiedBy: [view.index], reasons: [] };
    reasons.push(...why);
  }
  const references = candidates.filter((c) => c.types.includes('EmploymentReference'));
  if (references.length > 0) {
    const usable = references.filter((r) => readString(r.subject, 'reference.outcome') === 'satisfactory' && readString(r.subject, 'reference.startOn') !== undefined);
    const employments = usable.map((r) => {
      const endOn = readString(r.subject, 'reference.endOn');
      return { startOn: readString(r.subject, 'reference.startOn') as string, ...(endOn === undefined ? {} : { endOn }) };
    });
    const coversFrom = addMonths(days.startDate, -rule.years * 12);
    const gaps = unexplainedGaps({ coversFrom, coversTo: addDays(days.startDate, -1), employments, ...tolerance(rule) });
    if (usable.length > 0 && gaps.length === 0) return { satisfiedBy: usable.map((r) => r.index).sort((a, b) => a - b), reasons: [] };
    reasons.push(...gapReasons(gaps));
  }
  return { reasons };
}

/** Whether there are at least the references a role needs, all satisfactory. */
export function checkReferences(rule: ReferencesRule, candidates: readonly VerifiedCredential[]): Attempt {
  const references = candidates.filter((c) => c.types.includes('EmploymentReference'));
  const reasons: ReportReason[] = references
    .filter((r) => readString(r.subject, 'reference.outcome') !== 'satisfactory')
    .map((r) => ({ code: 'REFERENCE_NOT_SATISFACTORY' as const, message: 'a reference was recorded as not satisfactory', credentialIndex: r.index }));
  const good = references.filter((r) => readString(r.subject, 'reference.outcome') === 'satisfactory');
  if (good.length < rule.minimum) {
    reasons.push({ code: 'REFERENCES_TOO_FEW', message: `${good.length} satisfactory reference${good.length === 1 ? '' : 's'}; the role needs ${rule.minimum}` });
  }
  return reasons.length === 0 ? { satisfiedBy: good.map((r) => r.index), reasons } : { reasons };
}
