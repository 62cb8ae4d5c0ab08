import type { TrustRegistryDraft } from './trust-registry-model.js';

/**
 * A copy of a registry without any entry for a DID, and how many entries went.
 *
 * @example
 * const { registry, removed } = removeTrustRegistryEntries(draft, 'did:web:old.example.nhs.uk');
 */
export function removeTrustRegistryEntries<T extends TrustRegistryDraft>(registry: T, did: string): { registry: T; removed: number } {
  const entries = registry.entries.filter((e) => e.did !== did);
  return { registry: { ...registry, entries }, removed: registry.entries.length - entries.length };
}
