import { isEntryActiveAt } from './lib/registry-dates.js';
import { toTrustedOrganisation } from './lib/to-trusted-organisation.js';
import type { TrustRegistry, TrustedOrganisation } from './trust-registry-model.js';

/**
 * Every organisation the registry trusts at an instant (now when absent), with what it may issue:
 * what a wallet shows as "who offers what". Sorted by name.
 *
 * @example
 * listTrustedOrganisations(registry).filter((o) => o.credentialTypes.includes('TrainingRecord'))
 */
export function listTrustedOrganisations(registry: TrustRegistry, at: Date = new Date()): TrustedOrganisation[] {
  return registry.entries
    .filter((e) => isEntryActiveAt(e, at))
    .map(toTrustedOrganisation)
    .sort((a, b) => a.name.localeCompare(b.name) || a.did.localeCompare(b.did));
}
