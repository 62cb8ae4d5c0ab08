import type { Database } from '@staff-passport/core';
import type { CredentialFilter, CredentialStore, StoredCredential } from '../stores/credential-store.js';
import { matchesCredentialFilter } from '../stores/lib/match-credential-filter.js';

interface Row {
  data: string;
}

/**
 * A {@link CredentialStore} in the wallet's SQLite file (table `sp_wallet_stored_credentials`, see
 * `WALLET_SCHEMA`). Each credential is kept whole as JSON; the columns beside it are for ordering
 * and narrowing.
 *
 * @example
 * const db = await openDatabase({ file: 'wallet.sqlite', schema: WALLET_SCHEMA });
 * const credentials = new SqliteCredentialStore(db);
 */
export class SqliteCredentialStore implements CredentialStore {
  constructor(private readonly db: Database) {}

  async put(c: StoredCredential): Promise<void> {
    await this.db.query(
      `INSERT INTO sp_wallet_stored_credentials (id, format, holder, stored_at, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET format = excluded.format, holder = excluded.holder, stored_at = excluded.stored_at, data = excluded.data`,
      [c.id, c.format, c.holder, c.storedAt, JSON.stringify(c)],
    );
  }

  async get(id: string): Promise<StoredCredential | undefined> {
    const rows = (await this.db.query('SELECT data FROM sp_wallet_stored_credentials WHERE id = ?', [id])) as Row[];
    return rows[0] ? (JSON.parse(rows[0].data) as StoredCredential) : undefined;
  }

  async list(filter: CredentialFilter = {}): Promise<StoredCredential[]> {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.format !== undefined) {
      where.push('format = ?');
      params.push(filter.format);
    }
    if (filter.holder !== undefined) {
      where.push('holder = ?');
      params.push(filter.holder);
    }
    const sql = `SELECT data FROM sp_wallet_stored_credentials${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY stored_at, id`;
    const rows = (await this.db.query(sql, params)) as Row[];
    // Types are a JSON array: filtered here rather than with SQLite's JSON functions.
    return rows.map((r) => JSON.parse(r.data) as StoredCredential).filter((c) => matchesCredentialFilter(c, filter));
  }

  async delete(id: string): Promise<boolean> {
    // TypeORM runs a DELETE without reporting what it removed: ask first.
    const found = (await this.db.query('SELECT 1 FROM sp_wallet_stored_credentials WHERE id = ?', [id])) as unknown[];
    await this.db.query('DELETE FROM sp_wallet_stored_credentials WHERE id = ?', [id]);
    return found.length > 0;
  }

  async clear(): Promise<void> {
    await this.db.query('DELETE FROM sp_wallet_stored_credentials');
  }
}
