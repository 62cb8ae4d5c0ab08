import type { CredentialFilter, CredentialStore, StoredCredential } from '../stores/credential-store.js';
import { matchesCredentialFilter } from '../stores/lib/match-credential-filter.js';

/** A {@link CredentialStore} in memory: tests, and wallets that keep nothing between runs. */
export class MemoryCredentialStore implements CredentialStore {
  private readonly items = new Map<string, StoredCredential>();

  put(credential: StoredCredential): Promise<void> {
    this.items.set(credential.id, structuredClone(credential));
    return Promise.resolve();
  }

  get(id: string): Promise<StoredCredential | undefined> {
    const found = this.items.get(id);
    return Promise.resolve(found && structuredClone(found));
  }

  list(filter: CredentialFilter = {}): Promise<StoredCredential[]> {
    const all = [...this.items.values()].filter((c) => matchesCredentialFilter(c, filter));
    all.sort((a, b) => a.storedAt.localeCompare(b.storedAt) || a.id.localeCompare(b.id));
    return Promise.resolve(all.map((c) => structuredClone(c)));
  }

  delete(id: string): Promise<boolean> {
    return Promise.resolve(this.items.delete(id));
  }

  clear(): Promise<void> {
    this.items.clear();
    return Promise.resolve();
  }
}
