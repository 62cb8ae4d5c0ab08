import { RELIANCE_BASES, RELIANCE_DEFAULTS, type MoveKind } from '@staff-passport/schemas';
import type { ReportBasis, RequirementReliance } from '../report/profile-report.js';
import type { ProfileRequirement } from './check-profile.js';

/** A basis of the reliance reference data, as a report shows it. */
export function describeBasis(id: keyof typeof RELIANCE_BASES): ReportBasis {
  const basis = RELIANCE_BASES[id];
  return { id, rule: basis.rule, section: basis.section, summary: basis.summary, ...('url' in basis ? { url: basis.url } : {}) };
}

/**
 * What the receiving employer does with a requirement's check on one kind of move: the profile's
 * own choice when it makes one, else the national default for the rule kind, or for the rule
 * kind at its minimum level where that differs (both data: the profile file and
 * `RELIANCE_DEFAULTS`), with the rule it rests on.
 *
 * @example
 * resolveReliance(getProfile('admin-clerical-band-4').requirements[1], 'tupe_transfer').decision // 'rely'
 */
export function resolveReliance(requirement: Pick<ProfileRequirement, 'rule' | 'reliance'>, move: MoveKind): RequirementReliance {
  const own = requirement.reliance?.[move];
  const rule = requirement.rule;
  const level = 'minimumLevel' in rule ? RELIANCE_DEFAULTS[`${rule.kind}:${String(rule.minimumLevel)}`] : undefined;
  const choice = own ?? (level ?? RELIANCE_DEFAULTS[rule.kind])[move];
  return { decision: choice.decision, basis: describeBasis(choice.basis), from: own ? 'profile' : 'default' };
}
