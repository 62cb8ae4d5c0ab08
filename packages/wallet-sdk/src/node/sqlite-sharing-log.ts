import type { Database } from '@staff-passport/core';
import { matchesLogFilter } from '../log/lib/match-log-filter.js';
import type { SharingLogEntry, SharingLogFilter, SharingLogStore } from '../log/sharing-log.js';

interface Row {
  data: string;
}

/**
 * A {@link SharingLogStore} in the wallet's SQLite file (table `sp_wallet_sharing_log`), listed in
 * the order entries were appended. Appending an id already logged leaves the first entry.
 */
export class SqliteSharingLog implements SharingLogStore {
  constructor(private readonly db: Database) {}

  async append(entry: SharingLogEntry): Promise<void> {
    await this.db.query('INSERT INTO sp_wallet_sharing_log (id, action, counterparty_id, data) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING', [
      entry.id,
      entry.action,
      entry.counterparty.id,
      JSON.stringify(entry),
    ]);
  }

  async list(filter: SharingLogFilter = {}): Promise<SharingLogEntry[]> {
    const rows = (await this.db.query('SELECT data FROM sp_wallet_sharing_log ORDER BY seq')) as Row[];
    return rows.map((r) => JSON.parse(r.data) as SharingLogEntry).filter((e) => matchesLogFilter(e, filter));
  }

  async delete(id: string): Promise<boolean> {
    // TypeORM runs a DELETE without reporting what it removed: ask first.
    const found = (await this.db.query('SELECT 1 FROM sp_wallet_sharing_log WHERE id = ?', [id])) as unknown[];
    await this.db.query('DELETE FROM sp_wallet_sharing_log WHERE id = ?', [id]);
    return found.length > 0;
  }

  async clear(): Promise<void> {
    await this.db.query('DELETE FROM sp_wallet_sharing_log');
  }
}
