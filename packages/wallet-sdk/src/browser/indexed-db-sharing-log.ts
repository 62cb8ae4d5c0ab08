import { matchesLogFilter } from '../log/lib/match-log-filter.js';
import type { SharingLogEntry, SharingLogFilter, SharingLogStore } from '../log/sharing-log.js';
import { LOG, inTransaction } from './lib/wallet-database.js';

/**
 * A {@link SharingLogStore} in the browser's IndexedDB (object store `sharingLog`), listed in the
 * order appended. Appending an id already logged leaves the first entry.
 */
export class IndexedDbSharingLog implements SharingLogStore {
  constructor(private readonly db: IDBDatabase) {}

  async append(entry: SharingLogEntry): Promise<void> {
    if (await this.keyOf(entry.id)) return;
    await inTransaction(this.db, LOG, 'readwrite', (s) => s.add(entry));
  }

  async list(filter: SharingLogFilter = {}): Promise<SharingLogEntry[]> {
    const all = await inTransaction<SharingLogEntry[]>(this.db, LOG, 'readonly', (s) => s.getAll() as IDBRequest<SharingLogEntry[]>);
    return all.filter((e) => matchesLogFilter(e, filter));
  }

  async delete(id: string): Promise<boolean> {
    const key = await this.keyOf(id);
    if (key === undefined) return false;
    await inTransaction(this.db, LOG, 'readwrite', (s) => s.delete(key));
    return true;
  }

  async clear(): Promise<void> {
    await inTransaction(this.db, LOG, 'readwrite', (s) => s.clear());
  }

  private keyOf(id: string): Promise<IDBValidKey | undefined> {
    return inTransaction<IDBValidKey | undefined>(this.db, LOG, 'readonly', (s) => s.index('id').getKey(id));
  }
}
