import type { FieldIssue } from '../errors/passport-error.js';
import { describeUnregisteredAsk } from './lib/describe-unregistered-ask.js';
import type { UnregisteredAsk } from './trust-registry-model.js';

/**
 * The problem+json `issues` for asks not registered: one per purpose, type or claim, its path
 * `asks.<purpose>[.<type>[.<claim>]]` and its code `purpose_not_registered`,
 * `type_not_registered` or `claim_not_registered`.
 *
 * @example
 * new PassportError(r.code, r.message, { field: 'profileId', issues: toUnregisteredAskIssues(r.notRegistered) })
 */
export function toUnregisteredAskIssues(items: readonly UnregisteredAsk[]): FieldIssue[] {
  return items.map((item) => ({
    path: ['asks', item.purpose, item.type, item.claim].filter((p) => p !== undefined).join('.'),
    code: item.claim !== undefined ? 'claim_not_registered' : item.type !== undefined ? 'type_not_registered' : 'purpose_not_registered',
    message: `${describeUnregisteredAsk(item)} is not registered`,
  }));
}
