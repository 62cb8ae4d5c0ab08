import {
  DBS_BARRED_LISTS_FOR_WORKFORCE,
  DBS_LEVEL_CODES,
  GPG45_LEVEL_CODES,
  IMMUNITY_DISEASES,
  addMonths,
  isIdentityLevelAcceptable,
  isRegistrationActive,
  rightToWorkReliance,
  updateServiceFoundNewInformation,
  type DbsLevel,
  type DbsWorkforce,
  type Gpg45Level,
  type ProfessionalRegistrationSubject,
  type RightToWorkSubject,
} from '@staff-passport/schemas';
import type {
  DbsRule,
  EmploymentAssignmentRule,
  IdentityRule,
  OccupationalHealthRule,
  ProfessionalRegistrationRule,
  RightToWorkRule,
  RoleCompetenceRule,
  TrainingPlacementRule,
} from '../../profiles/check-profile.js';
import type { ReasonCode, ReportReason } from '../profile-report.js';
import type { VerifiedCredential } from '../../verification/verified-credential.js';
import { addDays, endsBefore } from './dates.js';
import { readArray, readNumber, readObject, readString, undisclosed } from './read-claims.js';

/** The days a rule judges against: the start date, and the day of the evaluation. */
export interface RuleDays {
  startDate: string;
  today: string;
}

/** How a requirement came out over its candidates: `satisfiedBy` is set exactly when it is satisfied. */
export interface Attempt {
  satisfiedBy?: number[];
  reasons: ReportReason[];
}

/** The rules judged one credential at a time. */
export type SingleCredentialRule =
  | IdentityRule
  | RightToWorkRule
  | ProfessionalRegistrationRule
  | DbsRule
  | OccupationalHealthRule
  | RoleCompetenceRule
  | EmploymentAssignmentRule
  | TrainingPlacementRule;

type Reason = (code: ReasonCode, message: string, subject?: string) => ReportReason;

function identity(rule: IdentityRule, s: Record<string, unknown>, days: RuleDays, reason: Reason): ReportReason[] {
  const level = readString(s, 'identity.confidenceLevel') as Gpg45Level;
  const reasons: ReportReason[] = [];
  const rank = (l: Gpg45Level) => GPG45_LEVEL_CODES.indexOf(l);
  if (rank(level) < rank(rule.minimumLevel) || !isIdentityLevelAcceptable(level)) {
    reasons.push(reason('IDENTITY_LEVEL_TOO_LOW', `identity was checked to GPG 45 ${level} confidence; the role needs ${rule.minimumLevel} or higher`));
  }
  const reverifyBy = readString(s, 'identity.reverifyBy');
  if (reverifyBy !== undefined && reverifyBy < days.startDate) {
    reasons.push(reason('IDENTITY_REVERIFY_DUE', `identity was due to be re-verified by ${reverifyBy}, before the start date ${days.startDate}`));
  }
  return reasons;
}

function rightToWork(s: Record<string, unknown>, days: RuleDays, reason: Reason): ReportReason[] {
  // The schema check has passed: the fields the reliance rule reads have their types.
  const rtw = readObject(s, 'rightToWork') as RightToWorkSubject['rightToWork'];
  const reliance = rightToWorkReliance(rtw, days.startDate);
  if (reliance.reliable) return [];
  switch (reliance.reason) {
    case 'document_expired':
      return [reason('RIGHT_TO_WORK_DOCUMENT_EXPIRED', `the document the check relied on expires on ${rtw.documentExpiresOn}, before the start date: re-check it`)];
    case 'permission_expired':
      return [reason('RIGHT_TO_WORK_PERMISSION_EXPIRED', `permission to work ends on ${rtw.permissionExpiresOn ?? '(not given)'}, before the start date ${days.startDate}`)];
    case 'follow_up_due':
      return [reason('RIGHT_TO_WORK_FOLLOW_UP_DUE', `the follow-up right to work check is due on ${rtw.followUpDueOn ?? '(not given)'}, on or before the start date`)];
  }
}

function registration(rule: ProfessionalRegistrationRule, s: Record<string, unknown>, days: RuleDays, reason: Reason): ReportReason[] {
  const r = readObject(s, 'registration') as ProfessionalRegistrationSubject['registration'];
  const reasons: ReportReason[] = [];
  if (!rule.regulators.includes(r.regulator)) {
    reasons.push(reason('REGISTRATION_REGULATOR_MISMATCH', `registered with ${r.regulator}; the role needs ${rule.regulators.join(' or ')}`));
  }
  if (r.status === 'suspended') reasons.push(reason('REGISTRATION_SUSPENDED', `the ${r.regulator} registration is suspended`));
  else if (r.status === 'lapsed' || r.status === 'removed') reasons.push(reason('REGISTRATION_NOT_ACTIVE', `the ${r.regulator} registration is ${r.status}`));
  else if (!isRegistrationActive(r, days.startDate)) {
    reasons.push(reason('REGISTRATION_RENEWAL_DUE', `the ${r.regulator} registration is due for renewal on ${r.renewalDueOn ?? '?'}, before the start date`));
  }
  // Active, but a person must read the conditions before the start.
  if (r.status === 'registered_with_conditions') reasons.push(reason('REGISTRATION_HAS_CONDITIONS', `the ${r.regulator} registration has conditions: read them on the register`));
  if (r.revalidationDueOn !== undefined && r.revalidationDueOn < days.startDate) {
    reasons.push(reason('REGISTRATION_REVALIDATION_DUE', `revalidation was due on ${r.revalidationDueOn}, before the start date`));
  }
  if (rule.registerParts !== undefined) {
    const part = r.registerPart?.trim().toLowerCase();
    if (part === undefined || !rule.registerParts.some((p) => p.trim().toLowerCase() === part)) {
      reasons.push(reason('REGISTRATION_PART_MISMATCH', `registered on ${r.registerPart ?? '(no part given)'}; the role needs ${rule.registerParts.join(' or ')}`));
    }
  }
  for (const wanted of rule.annotations ?? []) {
    if (!(r.annotations ?? []).some((a) => a.toLowerCase().includes(wanted.toLowerCase()))) {
      reasons.push(reason('REGISTRATION_ANNOTATION_MISSING', `the registration has no annotation ${wanted}`, wanted));
    }
  }
  return reasons;
}

/** Whether a check for one workforce covers another (adult and child covers either). */
function workforceCovers(held: DbsWorkforce | undefined, needed: DbsWorkforce): boolean {
  return held === needed || (held === 'adult_and_child' && (needed === 'adult' || needed === 'child'));
}

function dbs(rule: DbsRule, s: Record<string, unknown>, days: RuleDays, reason: Reason): ReportReason[] {
  const reasons: ReportReason[] = [];
  const level = readString(s, 'dbs.level') as DbsLevel;
  if (readString(s, 'dbs.decision') !== 'satisfactory') reasons.push(reason('DBS_NOT_SATISFACTORY', 'the employer that checked recorded the DBS decision as not satisfactory'));
  if (DBS_LEVEL_CODES.indexOf(level) < DBS_LEVEL_CODES.indexOf(rule.minimumLevel)) {
    reasons.push(reason('DBS_LEVEL_TOO_LOW', `a ${level} check; the role needs ${rule.minimumLevel}`));
  }
  if (rule.workforce !== undefined) {
    const held = readString(s, 'dbs.workforce') as DbsWorkforce | undefined;
    if (!workforceCovers(held, rule.workforce)) reasons.push(reason('DBS_WORKFORCE_MISMATCH', `checked for the ${held ?? '(unstated)'} workforce; the role needs ${rule.workforce}`));
    if (rule.minimumLevel === 'enhanced_barred') {
      const checked = (readArray(s, 'dbs.barredListsChecked') ?? []).filter((l): l is string => typeof l === 'string');
      const missing = DBS_BARRED_LISTS_FOR_WORKFORCE[rule.workforce].filter((l) => !checked.includes(l));
      if (missing.length > 0) reasons.push(reason('DBS_BARRED_LISTS_MISSING', `the ${missing.join(' and ')} barred list${missing.length > 1 ? 's were' : ' was'} not checked`));
    }
  }
  const issuedOn = readString(s, 'dbs.issuedOn') as string;
  if (rule.issuedWithinMonths !== undefined && issuedOn < addMonths(days.startDate, -rule.issuedWithinMonths)) {
    // An older certificate kept current on the Update Service, with a recent clear status check, still counts.
    const us = readObject(s, 'dbs.updateService');
    const lastCheck = typeof us?.['lastStatusCheckOn'] === 'string' ? us['lastStatusCheckOn'] : undefined;
    const window = rule.updateService?.statusCheckWithinDays;
    const current = window !== undefined && us?.['subscribed'] === true && lastCheck !== undefined && lastCheck >= addDays(days.today, -window);
    // Either DbsCheck version's status vocabulary (2.0.0: current_and_clear, current, no_longer_current).
    const newInformation = updateServiceFoundNewInformation(us?.['lastStatus']);
    if (newInformation === true) {
      reasons.push(reason('DBS_NEW_INFORMATION', `the Update Service status check on ${lastCheck ?? '?'} found new information: a new check is needed`));
    } else if (!current || newInformation !== false) {
      const viaUpdate = window === undefined ? '' : `, and it has no Update Service status check with no new information in the last ${window} days`;
      reasons.push(reason('DBS_TOO_OLD', `the certificate was issued on ${issuedOn}, more than ${rule.issuedWithinMonths} months before the start date${viaUpdate}`));
    }
  }
  return reasons;
}

function occupationalHealth(rule: OccupationalHealthRule, s: Record<string, unknown>, days: RuleDays, reason: Reason): ReportReason[] {
  const reasons: ReportReason[] = [];
  const outcome = readString(s, 'clearance.outcome') as OccupationalHealthRule['outcomes'][number];
  if (!rule.outcomes.includes(outcome)) reasons.push(reason('OH_OUTCOME_NOT_ACCEPTED', `the work health outcome is ${outcome}; the role accepts ${rule.outcomes.join(', ')}`));
  if (rule.eppClearanceRequired && readString(s, 'clearance.eppClearance') !== 'cleared') {
    reasons.push(reason('OH_EPP_NOT_CLEARED', 'not cleared for exposure-prone procedures'));
  }
  for (const disease of rule.immunityCleared ?? []) {
    if (readString(s, `clearance.immunity.${disease}`) !== 'cleared') {
      reasons.push(reason('OH_IMMUNITY_NOT_CLEARED', `immunity evidence for ${IMMUNITY_DISEASES[disease].title} is not cleared`, disease));
    }
  }
  const review = readString(s, 'check.nextReviewOn');
  if (review !== undefined && review < days.startDate) reasons.push(reason('OH_REVIEW_DUE', `the clearance was due for review on ${review}, before the start date`));
  return reasons;
}

function roleCompetence(rule: RoleCompetenceRule, s: Record<string, unknown>, reason: Reason): ReportReason[] {
  const reasons: ReportReason[] = [];
  const framework = readString(s, 'competence.framework');
  const role = readString(s, 'competence.roleCode');
  const level = readNumber(s, 'competence.level') ?? 0;
  if (framework !== rule.framework) reasons.push(reason('ROLE_FRAMEWORK_MISMATCH', `competence is under ${framework ?? '?'}; the role needs ${rule.framework}`));
  else if (!(rule.roleCodes as readonly string[]).includes(role ?? '')) reasons.push(reason('ROLE_NOT_ACCEPTED', `competence for ${role ?? '?'}; the role accepts ${rule.roleCodes.join(', ')}`));
  if (rule.minimumLevel !== undefined && level < rule.minimumLevel) reasons.push(reason('ROLE_LEVEL_TOO_LOW', `competence at level ${level}; the role needs ${rule.minimumLevel} or higher`));
  return reasons;
}

function assignment(rule: EmploymentAssignmentRule, s: Record<string, unknown>, reason: Reason): ReportReason[] {
  const group = readString(s, 'assignment.staffGroup');
  if (rule.staffGroups === undefined || (rule.staffGroups as readonly string[]).includes(group ?? '')) return [];
  return [reason('ASSIGNMENT_STAFF_GROUP_MISMATCH', `the assignment is in staff group ${group ?? '?'}; the role expects ${rule.staffGroups.join(' or ')}`)];
}

function placement(rule: TrainingPlacementRule, s: Record<string, unknown>, days: RuleDays, reason: Reason): ReportReason[] {
  const reasons: ReportReason[] = [];
  const startOn = readString(s, 'placement.startOn') as string;
  const endOn = readString(s, 'placement.endOn') as string;
  if (startOn > days.startDate || endOn < days.startDate) reasons.push(reason('PLACEMENT_NOT_CURRENT', `the placement runs ${startOn} to ${endOn}, not covering the start date ${days.startDate}`));
  if (rule.grades !== undefined) {
    const grade = readString(s, 'placement.grade')?.toLowerCase();
    if (!rule.grades.some((g) => g.toLowerCase() === grade)) reasons.push(reason('PLACEMENT_GRADE_MISMATCH', `the placement grade is ${grade ?? '?'}; the role expects ${rule.grades.join(' or ')}`));
  }
  return reasons;
}

/** The claims each rule reads that every credential of its type carries (an absent one was withheld). */
const ALWAYS_READ: Readonly<Record<SingleCredentialRule['kind'], readonly string[]>> = {
  identity: ['identity.confidenceLevel'],
  right_to_work: ['rightToWork.listType'],
  professional_registration: ['registration.regulator', 'registration.status'],
  dbs: ['dbs.level', 'dbs.issuedOn', 'dbs.decision'],
  occupational_health: ['clearance.outcome'],
  role_competence: ['competence.framework', 'competence.roleCode', 'competence.level'],
  employment_assignment: [],
  training_placement: ['placement.startOn', 'placement.endOn'],
};

/**
 * What stops one credential satisfying a rule on the start date (empty when nothing does). Reads
 * only the claims the rule needs; a claim every credential of the type has but that was not
 * disclosed is a reason of its own. Rules come from the catalogue (`@staff-passport/schemas`).
 */
export function checkCredential(rule: SingleCredentialRule, view: VerifiedCredential, days: RuleDays): ReportReason[] {
  const s = view.subject;
  const reason: Reason = (code, message, subject) => ({ code, message, ...(subject === undefined ? {} : { subject }), credentialIndex: view.index });
  const withheld = undisclosed(s, ALWAYS_READ[rule.kind], view.index);
  if (withheld.length > 0) return withheld;
  let reasons: ReportReason[];
  switch (rule.kind) {
    case 'identity':
      reasons = identity(rule, s, days, reason);
      break;
    case 'right_to_work':
      reasons = rightToWork(s, days, reason);
      break;
    case 'professional_registration':
      reasons = registration(rule, s, days, reason);
      break;
    case 'dbs':
      reasons = dbs(rule, s, days, reason);
      break;
    case 'occupational_health':
      reasons = occupationalHealth(rule, s, days, reason);
      break;
    case 'role_competence':
      reasons = roleCompetence(rule, s, reason);
      break;
    case 'employment_assignment':
      reasons = assignment(rule, s, reason);
      break;
    case 'training_placement':
      reasons = placement(rule, s, days, reason);
      break;
  }
  // The issuer fixed an end (a permission, a renewal, a re-verification) that falls before the
  // start: it holds even when the claim behind it was not disclosed.
  if (reasons.length === 0 && endsBefore(view.validUntil, days.startDate)) {
    reasons.push(reason('CREDENTIAL_EXPIRES_BEFORE_START', `the credential is valid until ${view.validUntil ?? '?'}, before the start date ${days.startDate}`));
  }
  return reasons;
}
