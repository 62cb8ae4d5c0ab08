/**
 * The webhook tables, in SQLite's words (`statementsMigration` says them for PostgreSQL): the same
 * in the issuer's and the verifier's database, each adding them in a migration of its own.
 *
 * - `sp_webhook_endpoints`: the HTTPS endpoints an organisation registered, the events each wants,
 *   and its signing secret (sealed when the service has a secret key).
 * - `sp_webhook_messages`: the outbox. One row per event and endpoint, written in the transaction
 *   of the change it reports; the worker claims due rows (a conditional update, `FOR UPDATE SKIP
 *   LOCKED` on PostgreSQL) and marks them delivered or due again later (backoff).
 * - `sp_webhook_attempts`: the delivery log, one row per attempt (status or error, duration).
 */
export const WEBHOOK_TABLES: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS sp_webhook_endpoints (
     id TEXT PRIMARY KEY,
     org_id TEXT NOT NULL,
     url TEXT NOT NULL,
     events TEXT NOT NULL,
     secret TEXT NOT NULL,
     description TEXT,
     created_at TEXT NOT NULL,
     created_by TEXT
   )`,
  `CREATE INDEX IF NOT EXISTS sp_webhook_endpoints_org ON sp_webhook_endpoints (org_id)`,
  `CREATE TABLE IF NOT EXISTS sp_webhook_messages (
     id TEXT PRIMARY KEY,
     endpoint_id TEXT NOT NULL,
     org_id TEXT NOT NULL,
     event_type TEXT NOT NULL,
     body TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
     attempts INTEGER NOT NULL,
     next_attempt_at INTEGER NOT NULL,
     claimed_by TEXT,
     claim_until INTEGER,
     last_status INTEGER,
     last_error TEXT,
     created_at TEXT NOT NULL,
     delivered_at TEXT
   )`,
  `CREATE INDEX IF NOT EXISTS sp_webhook_messages_due ON sp_webhook_messages (state, next_attempt_at)`,
  `CREATE INDEX IF NOT EXISTS sp_webhook_messages_endpoint ON sp_webhook_messages (endpoint_id, created_at)`,
  `CREATE TABLE IF NOT EXISTS sp_webhook_attempts (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     message_id TEXT NOT NULL,
     endpoint_id TEXT NOT NULL,
     attempt INTEGER NOT NULL,
     at TEXT NOT NULL,
     status INTEGER,
     error TEXT,
     duration_ms INTEGER NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS sp_webhook_attempts_message ON sp_webhook_attempts (message_id, id)`,
];

/**
 * An endpoint's state, added after the tables (each service adds it in a migration of its own):
 * `disabled_at` and `disabled_reason` are set when the endpoint answered 410 Gone (Standard
 * Webhooks: the receiver says it is gone for good); nothing is sent to it until it is updated.
 */
export const WEBHOOK_ENDPOINT_STATE: readonly string[] = [
  `ALTER TABLE sp_webhook_endpoints ADD COLUMN disabled_at TEXT`,
  `ALTER TABLE sp_webhook_endpoints ADD COLUMN disabled_reason TEXT`,
];
