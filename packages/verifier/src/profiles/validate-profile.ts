import { PassportError, type FieldIssue } from '@staff-passport/core';
import { CAREER_FRAMEWORKS, DBS_LEVELS, RELIANCE_BASES, RELIANCE_DECISION_CODES, refresherMonths, type MoveKind } from '@staff-passport/schemas';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import type { CheckProfile, ProfileRequirement } from './check-profile.js';
import { claimShape } from './lib/catalogue-claims.js';
import { RULE_KINDS, checkProfileSchema } from './lib/profile-schema.js';
import { RULE_TYPES, ruleClaims } from './lib/rule-claims.js';

// Compiled once, at module load. The discriminator makes a bad rule report the errors of the
// kind it names, not of every kind.
const ajv = new Ajv2020({ allErrors: true, strict: true, discriminator: true });
const validateShape = ajv.compile(checkProfileSchema);

function messageOf(e: ErrorObject): string {
  switch (e.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a field of a check profile';
    case 'enum':
      return `must be one of ${(e.params['allowedValues'] as unknown[]).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(e.params['allowedValue'])}`;
    case 'discriminator':
      return e.params['error'] === 'mapping' ? `is not a rule kind: must be one of ${RULE_KINDS.join(', ')}` : 'must name a rule kind';
    default:
      return e.message ?? 'is invalid';
  }
}

function toIssue(e: ErrorObject): FieldIssue {
  const segments = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'required') segments.push(String(e.params['missingProperty']));
  if (e.keyword === 'additionalProperties') segments.push(String(e.params['additionalProperty']));
  if (e.keyword === 'discriminator') segments.push('kind');
  return { path: segments.join('.'), code: e.keyword === 'additionalProperties' ? 'unknown_property' : e.keyword, message: messageOf(e) };
}

function checkRequirement(req: ProfileRequirement, at: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const allowed = RULE_TYPES[req.rule.kind];
  const seen = new Set<string>();
  req.accepts.forEach((accept, i) => {
    const where = `${at}.accepts.${i}`;
    if (!allowed.includes(accept.type)) {
      issues.push({ path: `${where}.type`, code: 'type_not_for_rule', message: `a ${req.rule.kind} rule reads ${allowed.join(' or ')}, not ${accept.type}` });
      return;
    }
    if (seen.has(accept.type)) issues.push({ path: `${where}.type`, code: 'duplicate', message: `${accept.type} is listed twice` });
    seen.add(accept.type);
    accept.claims.forEach((claim, j) => {
      if (claimShape(accept.type, claim) === undefined) issues.push({ path: `${where}.claims.${j}`, code: 'unknown_claim', message: `${accept.type} has no claim ${claim}` });
    });
    for (const needed of ruleClaims(req.rule, accept.type)) {
      if (!accept.claims.includes(needed)) issues.push({ path: `${where}.claims`, code: 'rule_claim_missing', message: `must include ${needed}: the ${req.rule.kind} rule reads it` });
    }
  });
  const rule = req.rule;
  if (rule.kind === 'training') {
    const subjects = new Set<string>();
    rule.subjects.forEach((s, i) => {
      if (subjects.has(s.subject)) issues.push({ path: `${at}.rule.subjects.${i}.subject`, code: 'duplicate', message: `${s.subject} is listed twice` });
      subjects.add(s.subject);
      if (refresherMonths(s.subject, s.level) === undefined) issues.push({ path: `${at}.rule.subjects.${i}.level`, code: 'level_not_in_framework', message: `the CSTF has no level ${s.level} for ${s.subject}` });
    });
  }
  if (rule.kind === 'dbs' && DBS_LEVELS[rule.minimumLevel].workforceRequired && rule.workforce === undefined) {
    issues.push({ path: `${at}.rule.workforce`, code: 'required', message: `is required for a ${rule.minimumLevel} check` });
  }
  if (rule.kind === 'role_competence') {
    const roles: Readonly<Record<string, unknown>> = CAREER_FRAMEWORKS[rule.framework].roles;
    rule.roleCodes.forEach((code, i) => {
      if (!Object.hasOwn(roles, code)) issues.push({ path: `${at}.rule.roleCodes.${i}`, code: 'role_not_in_framework', message: `${code} is not a role of ${rule.framework}` });
    });
  }
  for (const [move, choice] of Object.entries(req.reliance ?? {})) {
    // A profile may be stricter than the rule it cites, never laxer.
    const allows = RELIANCE_BASES[choice.basis].allows;
    if (RELIANCE_DECISION_CODES.indexOf(choice.decision) < RELIANCE_DECISION_CODES.indexOf(allows)) {
      issues.push({
        path: `${at}.reliance.${move as MoveKind}.decision`,
        code: 'reliance_too_lax',
        message: `${choice.basis} allows ${allows} at most; ${choice.decision} would rely on more than the rule allows`,
      });
    }
  }
  return issues;
}

/**
 * Validates a check profile: its shape against the profile JSON Schema (2020-12, compiled once),
 * then what a schema cannot say: requirement ids unique, each accepted type one the rule reads,
 * every claim one the type has, every claim the rule reads asked for, CSTF levels that exist,
 * roles in their framework, and no reliance laxer than the rule it cites allows. Returns a copy typed as a profile.
 *
 * @example
 * const profile = validateProfile(JSON.parse(body));
 * @throws PassportError `ERR_PROFILE_INVALID` naming the first bad field (`field`) and listing every problem (`issues`).
 */
export function validateProfile(json: unknown): CheckProfile {
  let issues: FieldIssue[];
  if (!validateShape(json)) {
    issues = (validateShape.errors ?? []).filter((e) => e.keyword !== 'oneOf').map(toIssue);
  } else {
    const profile = json as unknown as CheckProfile;
    const ids = new Set<string>();
    issues = profile.requirements.flatMap((req, i) => {
      const duplicate: FieldIssue[] = ids.has(req.id) ? [{ path: `requirements.${i}.id`, code: 'duplicate', message: `${req.id} is used by another requirement` }] : [];
      ids.add(req.id);
      return [...duplicate, ...checkRequirement(req, `requirements.${i}`)];
    });
  }
  const first = issues[0];
  if (first !== undefined) {
    throw new PassportError('ERR_PROFILE_INVALID', `The check profile is not valid: ${first.path || '(root)'} ${first.message}`, { field: first.path, issues });
  }
  return structuredClone(json) as CheckProfile;
}
