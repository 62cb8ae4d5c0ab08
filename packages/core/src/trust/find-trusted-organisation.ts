import { isEntryActiveAt } from './lib/registry-dates.js';
import { toTrustedOrganisation } from './lib/to-trusted-organisation.js';
import type { TrustRegistry, TrustedOrganisation } from './trust-registry-model.js';

/**
 * The organisation a DID is, by the registry, at an instant (now when absent); undefined when the
 * registry does not list it then. Show this, never the name a credential gives itself.
 *
 * @example
 * findTrustedOrganisation(registry, credential.issuer)?.name ?? 'Unknown issuer'
 */
export function findTrustedOrganisation(registry: TrustRegistry, did: string, at: Date = new Date()): TrustedOrganisation | undefined {
  const entry = registry.entries.find((e) => e.did === did && isEntryActiveAt(e, at));
  return entry ? toTrustedOrganisation(entry) : undefined;
}
