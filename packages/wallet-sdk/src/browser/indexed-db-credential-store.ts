import type { CredentialFilter, CredentialStore, StoredCredential } from '../stores/credential-store.js';
import { matchesCredentialFilter } from '../stores/lib/match-credential-filter.js';
import { CREDENTIALS, inTransaction } from './lib/wallet-database.js';

/**
 * A {@link CredentialStore} in the browser's IndexedDB (object store `credentials`).
 *
 * @example
 * const credentials = new IndexedDbCredentialStore(await openWalletDatabase('staff-passport'));
 */
export class IndexedDbCredentialStore implements CredentialStore {
  constructor(private readonly db: IDBDatabase) {}

  async put(credential: StoredCredential): Promise<void> {
    await inTransaction(this.db, CREDENTIALS, 'readwrite', (s) => s.put(credential));
  }

  get(id: string): Promise<StoredCredential | undefined> {
    return inTransaction<StoredCredential | undefined>(this.db, CREDENTIALS, 'readonly', (s) => s.get(id) as IDBRequest<StoredCredential | undefined>);
  }

  async list(filter: CredentialFilter = {}): Promise<StoredCredential[]> {
    const all = await inTransaction<StoredCredential[]>(this.db, CREDENTIALS, 'readonly', (s) => s.getAll() as IDBRequest<StoredCredential[]>);
    return all.filter((c) => matchesCredentialFilter(c, filter)).sort((a, b) => a.storedAt.localeCompare(b.storedAt) || a.id.localeCompare(b.id));
  }

  async delete(id: string): Promise<boolean> {
    const found = await this.get(id);
    await inTransaction(this.db, CREDENTIALS, 'readwrite', (s) => s.delete(id));
    return found !== undefined;
  }

  async clear(): Promise<void> {
    await inTransaction(this.db, CREDENTIALS, 'readwrite', (s) => s.clear());
  }
}
