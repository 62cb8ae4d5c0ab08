import type { DataSource } from 'typeorm';
import type { CredentialStore, StoredCredential } from '../stores/credential-store.js';

export const WALLET_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS sp_wallet_credentials (
     id TEXT PRIMARY KEY,
     jwt TEXT NOT NULL,
     format TEXT NOT NULL,
     types TEXT NOT NULL,
     issuer TEXT NOT NULL,
     subject TEXT NOT NULL,
     valid_until TEXT,
     stored_at TEXT NOT NULL
   )`,
];

interface Row {
  id: string;
  jwt: string;
  format: 'vc+jwt';
  types: string;
  issuer: string;
  subject: string;
  valid_until: string | null;
  stored_at: string;
}

function fromRow(row: Row): StoredCredential {
  return {
    id: row.id,
    jwt: row.jwt,
    format: row.format,
    types: JSON.parse(row.types) as string[],
    issuer: row.issuer,
    subject: row.subject,
    ...(row.valid_until ? { validUntil: row.valid_until } : {}),
    storedAt: row.stored_at,
  };
}

/** A {@link CredentialStore} in the wallet's SQLite file. */
export class SqliteCredentialStore implements CredentialStore {
  constructor(private readonly db: DataSource) {}

  async put(c: StoredCredential): Promise<void> {
    await this.db.query(
      `INSERT INTO sp_wallet_credentials (id, jwt, format, types, issuer, subject, valid_until, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET jwt = excluded.jwt, types = excluded.types, valid_until = excluded.valid_until`,
      [c.id, c.jwt, c.format, JSON.stringify(c.types), c.issuer, c.subject, c.validUntil ?? null, c.storedAt],
    );
  }

  async get(id: string): Promise<StoredCredential | undefined> {
    const rows = (await this.db.query('SELECT * FROM sp_wallet_credentials WHERE id = ?', [id])) as Row[];
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async list(filter: { type?: string } = {}): Promise<StoredCredential[]> {
    const rows = (await this.db.query('SELECT * FROM sp_wallet_credentials ORDER BY stored_at, id')) as Row[];
    const all = rows.map(fromRow);
    return filter.type ? all.filter((c) => c.types.includes(filter.type!)) : all;
  }

  async delete(id: string): Promise<boolean> {
    const before = await this.get(id);
    await this.db.query('DELETE FROM sp_wallet_credentials WHERE id = ?', [id]);
    return before !== undefined;
  }
}
