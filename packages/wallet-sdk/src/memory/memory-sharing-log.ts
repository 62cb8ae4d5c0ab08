import { matchesLogFilter } from '../log/lib/match-log-filter.js';
import type { SharingLogEntry, SharingLogFilter, SharingLogStore } from '../log/sharing-log.js';

/** A {@link SharingLogStore} in memory. */
export class MemorySharingLog implements SharingLogStore {
  private readonly entries: SharingLogEntry[] = [];

  /** Appends an entry; an id already logged leaves the first entry (as every log store does). */
  append(entry: SharingLogEntry): Promise<void> {
    if (!this.entries.some((e) => e.id === entry.id)) this.entries.push(structuredClone(entry));
    return Promise.resolve();
  }

  list(filter: SharingLogFilter = {}): Promise<SharingLogEntry[]> {
    return Promise.resolve(this.entries.filter((e) => matchesLogFilter(e, filter)).map((e) => structuredClone(e)));
  }

  delete(id: string): Promise<boolean> {
    const at = this.entries.findIndex((e) => e.id === id);
    if (at >= 0) this.entries.splice(at, 1);
    return Promise.resolve(at >= 0);
  }

  clear(): Promise<void> {
    this.entries.length = 0;
    return Promise.resolve();
  }
}
