/**
 * The verifier's tables in its SQLite file: nonces it gave out (each works once), presentation
 * requests, employer-defined check profiles, and check results kept for a retention period
 * (the result and credential hashes, not the credentials, unless configured).
 */
export const VERIFIER_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS sp_nonces (
     nonce TEXT PRIMARY KEY,
     audience TEXT NOT NULL,
     request_id TEXT,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     used_at TEXT
   )`,
  `CREATE INDEX IF NOT EXISTS sp_nonces_expiry ON sp_nonces (expires_at)`,
  `CREATE TABLE IF NOT EXISTS sp_profiles (
     id TEXT PRIMARY KEY,
     profile TEXT NOT NULL,
     created_at TEXT NOT NULL,
     created_by TEXT
   )`,
  `CREATE TABLE IF NOT EXISTS sp_requests (
     id TEXT PRIMARY KEY,
     profile_id TEXT NOT NULL,
     start_date TEXT NOT NULL,
     nonce TEXT NOT NULL UNIQUE,
     state TEXT NOT NULL,
     purpose TEXT,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     result_id TEXT
   )`,
  `CREATE TABLE IF NOT EXISTS sp_results (
     id TEXT PRIMARY KEY,
     request_id TEXT,
     profile_id TEXT NOT NULL,
     decision TEXT NOT NULL,
     report TEXT NOT NULL,
     attributes TEXT NOT NULL,
     credential_hashes TEXT NOT NULL,
     credentials TEXT,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS sp_results_expiry ON sp_results (expires_at)`,
];
