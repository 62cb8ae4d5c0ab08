import { PassportError } from '@staff-passport/core';
import { DEFAULT_MOVE_KIND, MOVE_KINDS, type MoveKind } from '@staff-passport/schemas';
import type { CheckProfile, ProfileRequirement } from '../profiles/check-profile.js';
import { resolveReliance } from '../profiles/resolve-reliance.js';
import { buildTodoList } from './lib/build-todo-list.js';
import { checkCredential, type Attempt, type RuleDays } from './lib/check-credential.js';
import { checkEmploymentHistory, checkReferences } from './lib/check-history.js';
import { checkTraining } from './lib/check-training.js';
import { isCalendarDate } from './lib/dates.js';
import { readString } from './lib/read-claims.js';
import type { CredentialResult, ProfileReport, ReportReason, RequirementResult } from './profile-report.js';
import type { VerifiedCredential } from '../verification/verified-credential.js';

/** Options of {@link evaluateProfile}. */
export interface EvaluateProfileOptions {
  /** The day the person starts (YYYY-MM-DD): rules judge "in date" and "active" on it. */
  startDate: string;
  /** The moment of the evaluation (default: now); Update Service recency is judged from its day. */
  now?: Date;
  /** The kind of move the check is for (default `new_employer`): it decides what may be relied on. */
  move?: MoveKind;
}

/** What the report tells the person reading it: the decision supports theirs and never replaces it. */
export const REVIEW_STATEMENT =
  'This report supports a decision by a person: it never rejects anyone. "needs_action" lists what a member of the HR team should look at, ' +
  'ask the new starter about or check again; "ready_once_checks_done" lists the checks to do before the start; "ready_to_start" still leaves the decision with them.';

const STATUS_UNKNOWN = 'ERR_STATUS_UNKNOWN';

function assess(view: VerifiedCredential): Pick<CredentialResult, 'standing' | 'failures'> {
  const failed = view.checks.filter((c) => c.outcome === 'failed' && c.code !== STATUS_UNKNOWN);
  const unknown = view.checks.filter((c) => c.code === STATUS_UNKNOWN && c.outcome !== 'passed');
  const failures = [...failed, ...unknown].map((c) => ({ check: c.check, ...(c.code ? { code: c.code } : {}), ...(c.message ? { message: c.message } : {}) }));
  if (failed.length > 0) return { standing: 'failed', failures };
  if (unknown.length > 0) return { standing: 'status_unknown', failures };
  if (view.verified) return { standing: 'verified', failures };
  return { standing: 'failed', failures: [{ check: 'verification', message: 'the credential was not verified' }] };
}

function attempt(requirement: ProfileRequirement, candidates: readonly VerifiedCredential[], days: RuleDays): Attempt {
  const rule = requirement.rule;
  switch (rule.kind) {
    case 'training':
      return checkTraining(rule, candidates, days);
    case 'employment_history':
      return checkEmploymentHistory(rule, candidates, days);
    case 'references':
      return checkReferences(rule, candidates);
    default: {
      const reasons: ReportReason[] = [];
      for (const view of candidates) {
        const why = checkCredential(rule, view, days);
        if (why.length === 0) return { satisfiedBy: [view.index], reasons: [] };
        reasons.push(...why);
      }
      return { reasons };
    }
  }
}

/** A CSTF subject a training record is about, to name it in a reason. */
const aboutSubject = (view: VerifiedCredential): { subject?: string } => {
  const subject = view.types.includes('TrainingRecord') ? readString(view.subject, 'training.subject') : undefined;
  return subject === undefined ? {} : { subject };
};

function evaluateRequirement(
  profile: CheckProfile,
  requirement: ProfileRequirement,
  credentials: readonly VerifiedCredential[],
  standing: ReadonlyMap<number, CredentialResult>,
  days: RuleDays,
  move: MoveKind,
): RequirementResult {
  const base = { id: requirement.id, title: requirement.title, required: requirement.required, reliance: resolveReliance(requirement, move) };
  const accepted = requirement.accepts.map((a) => a.type);
  // The same credential presented twice (two credential queries may select it) counts once.
  const seen = new Set<string>();
  const presented: VerifiedCredential[] = [];
  for (const c of credentials) {
    if (!c.types.some((t) => accepted.includes(t)) || seen.has(c.hash)) continue;
    seen.add(c.hash);
    presented.push(c);
  }
  if (presented.length === 0) {
    return { ...base, outcome: 'missing', satisfiedBy: [], reasons: [{ code: 'REQUIREMENT_MISSING', message: `no ${accepted.join(' or ')} credential was presented` }] };
  }
  const of = (c: VerifiedCredential) => standing.get(c.index)?.standing;
  const clean = presented.filter((c) => of(c) === 'verified');
  const failed = presented.filter((c) => of(c) === 'failed');
  const notVerified: ReportReason[] = failed.map((c) => ({
    code: 'CREDENTIAL_NOT_VERIFIED',
    message: `the ${c.types.join(', ')} credential failed verification (${standing.get(c.index)?.failures.map((f) => f.code ?? f.check).join(', ') ?? ''}), so it cannot be relied on`,
    credentialIndex: c.index,
    ...aboutSubject(c),
  }));

  const first = attempt(requirement, clean, days);
  if (first.satisfiedBy) return { ...base, outcome: 'satisfied', satisfiedBy: first.satisfiedBy, reasons: [] };

  // Only credentials whose status could not be checked are left: the profile's policy decides.
  const withUnknown = presented.filter((c) => of(c) !== 'failed');
  if (withUnknown.length > clean.length) {
    const second = attempt(requirement, withUnknown, days);
    if (second.satisfiedBy) {
      const unknownUsed = presented.filter((c) => second.satisfiedBy?.includes(c.index) && of(c) === 'status_unknown');
      if (profile.statusUnknown === 'accept') {
        const noted: ReportReason[] = unknownUsed.map((c) => ({
          code: 'STATUS_UNKNOWN_ACCEPTED',
          message: 'the status (revoked or suspended) could not be checked; the profile accepts that',
          credentialIndex: c.index,
          ...aboutSubject(c),
        }));
        return { ...base, outcome: 'satisfied', satisfiedBy: second.satisfiedBy, reasons: noted };
      }
      const unknown: ReportReason[] = unknownUsed.map((c) => ({
        code: 'STATUS_UNKNOWN',
        message: 'the status (revoked or suspended) could not be checked: check it again before the start',
        credentialIndex: c.index,
        ...aboutSubject(c),
      }));
      return { ...base, outcome: 'not_satisfied', satisfiedBy: [], reasons: [...unknown, ...notVerified] };
    }
    return { ...base, outcome: 'not_satisfied', satisfiedBy: [], reasons: [...second.reasons, ...notVerified] };
  }
  return { ...base, outcome: 'not_satisfied', satisfiedBy: [], reasons: [...first.reasons, ...notVerified] };
}

/**
 * Evaluates a presentation's verified credentials against a check profile: per requirement,
 * whether it is satisfied, by which credentials, and why not. Only credentials whose every check
 * passed satisfy a requirement; one whose status list could not be fetched follows the profile's
 * `statusUnknown` policy; a failed one is listed with its failed checks. Each requirement says
 * what the employer does with it on the kind of move (`rely`, `rely_with_live_check`, `repeat`,
 * from the profile's data or the national default) and the rule behind it. The outcome is
 * `needs_action` when a required requirement is not satisfied (one the employer repeats anyway
 * and that was not shared is only a to-do), else `ready_once_checks_done` when the to-do list
 * has items, else `ready_to_start`: it never rejects, a person reviews (see
 * {@link REVIEW_STATEMENT}). Rules are the catalogue's (`@staff-passport/schemas`), judged on the
 * start date.
 *
 * @example
 * const report = evaluateProfile(getProfile('registered-nurse-band-5-acute'), views, { startDate: '2026-10-05' });
 * report.overall.decision // 'needs_action'
 * report.overall.reasons // [{ code: 'TRAINING_OUT_OF_DATE', subject: 'fire_safety', requirementId: 'statutory_mandatory_training', ... }]
 * @throws PassportError `ERR_REQUEST_INVALID` when the start date is not a calendar date, `now` is not a date, the move is not a kind of move, or two credentials share an index.
 */
export function evaluateProfile(profile: CheckProfile, credentials: readonly VerifiedCredential[], options: EvaluateProfileOptions): ProfileReport {
  const now = options.now ?? new Date();
  if (typeof options.startDate !== 'string' || !isCalendarDate(options.startDate)) {
    throw new PassportError('ERR_REQUEST_INVALID', 'startDate must be a date written as YYYY-MM-DD', { field: 'startDate' });
  }
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new PassportError('ERR_REQUEST_INVALID', 'now must be a valid date', { field: 'now' });
  if (new Set(credentials.map((c) => c.index)).size !== credentials.length) {
    throw new PassportError('ERR_REQUEST_INVALID', 'two credentials have the same index', { field: 'credentials' });
  }
  const move = options.move ?? DEFAULT_MOVE_KIND;
  if (!Object.hasOwn(MOVE_KINDS, move)) throw new PassportError('ERR_REQUEST_INVALID', `move must be one of ${Object.keys(MOVE_KINDS).join(', ')}`, { field: 'move' });
  const days: RuleDays = { startDate: options.startDate, today: now.toISOString().slice(0, 10) };

  const results = new Map<number, CredentialResult>(
    credentials.map((c) => {
      const { standing, failures } = assess(c);
      const usable = standing === 'verified' || (standing === 'status_unknown' && profile.statusUnknown === 'accept');
      return [c.index, { index: c.index, types: [...c.types], format: c.format, issuer: { ...c.issuer }, hash: c.hash, standing, usable, failures, usedFor: [] }];
    }),
  );

  const requirements = profile.requirements.map((r) => evaluateRequirement(profile, r, credentials, results, days, move));
  for (const r of requirements) for (const i of r.satisfiedBy) results.get(i)?.usedFor.push(r.id);

  // A check the employer repeats anyway holds nothing up when it was not shared: it is on the to-do list.
  const reasons: ReportReason[] = requirements
    .filter((r) => r.required && r.outcome !== 'satisfied' && !(r.outcome === 'missing' && r.reliance.decision === 'repeat'))
    .flatMap((r) => r.reasons.map((reason) => ({ ...reason, requirementId: r.id })));
  // Every credential should be about one person: the holder the presentation proved.
  const subjects = new Set(credentials.filter((c) => results.get(c.index)?.standing !== 'failed').flatMap((c) => (typeof c.subject['id'] === 'string' ? [c.subject['id']] : [])));
  if (subjects.size > 1) reasons.push({ code: 'SUBJECT_MISMATCH', message: `the credentials are about ${subjects.size} different subjects` });

  const usable = credentials.filter((c) => results.get(c.index)?.usable === true);
  const todo = buildTodoList(profile.requirements, requirements, usable, move);
  const decision = reasons.length > 0 ? 'needs_action' : todo.length > 0 ? 'ready_once_checks_done' : 'ready_to_start';
  return {
    profile: { id: profile.id, version: profile.version, title: profile.title, statusUnknown: profile.statusUnknown },
    move: { kind: move, title: MOVE_KINDS[move].title },
    startDate: options.startDate,
    evaluatedAt: now.toISOString(),
    overall: { decision, reasons, todo, review: REVIEW_STATEMENT },
    requirements,
    credentials: credentials.map((c) => results.get(c.index) as CredentialResult),
  };
}
