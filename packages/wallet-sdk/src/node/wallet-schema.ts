import { statementsMigration, type Migration } from '@staff-passport/core';

/**
 * The wallet's own tables in its SQLite file (beside Veramo's, which `openDatabase` creates).
 * Earlier versions kept credentials in `sp_wallet_credentials`, with another shape: that table is
 * left alone (it held test data only), so an old file opens without error.
 */
export const WALLET_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS sp_wallet_holder_keys (
     did TEXT PRIMARY KEY,
     public_key TEXT NOT NULL,
     private_key TEXT NOT NULL,
     created_at TEXT NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS sp_wallet_stored_credentials (
     id TEXT PRIMARY KEY,
     format TEXT NOT NULL,
     holder TEXT NOT NULL,
     stored_at TEXT NOT NULL,
     data TEXT NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS sp_wallet_sharing_log (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     action TEXT NOT NULL,
     counterparty_id TEXT NOT NULL,
     data TEXT NOT NULL
   )`,
];

/** The wallet's versioned migrations, applied when its file is opened. */
export const WALLET_MIGRATIONS: readonly Migration[] = [statementsMigration(1, 'initial schema', WALLET_SCHEMA)];
