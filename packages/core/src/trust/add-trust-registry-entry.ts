import type { TrustRegistryDraft, TrustRegistryEntry } from './trust-registry-model.js';
import { parseTrustRegistryDraft } from './parse-trust-registry.js';

/**
 * A copy of a registry with one more entry, checked as a whole (so an entry whose period overlaps
 * another of the same DID is refused). A DID may have several entries with separate periods.
 *
 * @throws PassportError `ERR_TRUST_REGISTRY_INVALID`, naming the field (`entries.3.odsCode`).
 * @example
 * const next = addTrustRegistryEntry(draft, {
 *   did: 'did:web:rth.example.nhs.uk', odsCode: 'RTH', name: 'Oxford University Hospitals',
 *   credentialTypes: ['TrainingRecord'], validFrom: '2025-04-01T00:00:00Z',
 * });
 */
export function addTrustRegistryEntry<T extends TrustRegistryDraft>(registry: T, entry: TrustRegistryEntry): T {
  return parseTrustRegistryDraft({ ...registry, entries: [...registry.entries, entry] }) as T;
}
