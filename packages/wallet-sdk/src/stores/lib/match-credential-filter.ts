import type { CredentialFilter, StoredCredential } from '../credential-store.js';

/** Whether a credential passes a filter (shared by every store that filters in memory). */
export function matchesCredentialFilter(c: StoredCredential, filter: CredentialFilter): boolean {
  return (
    (filter.type === undefined || c.types.includes(filter.type)) &&
    (filter.format === undefined || c.format === filter.format) &&
    (filter.holder === undefined || c.holder === filter.holder) &&
    (filter.superseded === undefined || (c.supersededBy !== undefined) === filter.superseded)
  );
}
