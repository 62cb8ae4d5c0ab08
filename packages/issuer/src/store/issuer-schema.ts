/**
 * The issuer's own tables, beside Veramo's (keys, DIDs) in the same SQLite file, so writes that
 * belong together (a credential record and its audit event) share one transaction.
 */
export const ISSUER_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS sp_organisations (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     ods_code TEXT NOT NULL UNIQUE,
     did TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS sp_api_keys (
     id TEXT PRIMARY KEY,
     org_id TEXT NOT NULL REFERENCES sp_organisations(id),
     role TEXT NOT NULL CHECK (role IN ('org-admin', 'issuer', 'auditor')),
     key_hash TEXT NOT NULL UNIQUE,
     label TEXT,
     created_at TEXT NOT NULL,
     revoked_at TEXT
   )`,
  `CREATE TABLE IF NOT EXISTS sp_issued_credentials (
     id TEXT PRIMARY KEY,
     org_id TEXT NOT NULL REFERENCES sp_organisations(id),
     type TEXT NOT NULL,
     schema_id TEXT NOT NULL,
     subject_hash TEXT NOT NULL,
     format TEXT NOT NULL,
     issued_at TEXT NOT NULL,
     issued_by TEXT NOT NULL,
     valid_until TEXT,
     credential_hash TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS sp_issued_credentials_org ON sp_issued_credentials (org_id, type)`,
  `CREATE TABLE IF NOT EXISTS sp_audit_events (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     org_id TEXT,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     subject TEXT,
     detail TEXT NOT NULL,
     prev_hash TEXT NOT NULL,
     hash TEXT NOT NULL
   )`,
];
