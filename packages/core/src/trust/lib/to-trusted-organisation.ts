import type { TrustRegistryEntry, TrustedOrganisation } from '../trust-registry-model.js';

/** The display view of an entry. */
export function toTrustedOrganisation(entry: TrustRegistryEntry): TrustedOrganisation {
  return { did: entry.did, name: entry.name, odsCode: entry.odsCode, credentialTypes: [...entry.credentialTypes], ...(entry.asks ? { asks: entry.asks } : {}) };
}
