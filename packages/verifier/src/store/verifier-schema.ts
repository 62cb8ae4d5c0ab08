import { WEBHOOK_TABLES, statementsMigration, type Migration } from '@staff-passport/core';

/**
 * The verifier's tables (version 1, in SQLite's words; `statementsMigration` says them for
 * PostgreSQL): nonces it gave out (each works once), presentation requests, employer-defined check profiles, check results kept for a retention period (the
 * result and credential hashes, not the credentials, unless configured), and for OpenID4VP the
 * verifier's signing key and each request's protocol state.
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
  // The audience a request's nonce is bound to (the verifier's URL, or an OpenID4VP client_id);
  // NULL on rows from before it, which were all bound to the verifier's URL.
  `ALTER TABLE sp_requests ADD COLUMN audience TEXT`,
  // OpenID4VP: the verifier's own signing key (its did:web), the private key encrypted when the
  // service has a secret.
  `CREATE TABLE IF NOT EXISTS sp_verifier_keys (
     kid TEXT PRIMARY KEY,
     did TEXT NOT NULL,
     alg TEXT NOT NULL,
     public_jwk TEXT NOT NULL,
     private_key TEXT NOT NULL,
     encrypted INTEGER NOT NULL,
     created_at TEXT NOT NULL
   )`,
  // OpenID4VP requests by reference: one per presentation request (same id), with the state the
  // wallet must echo, the query language asked in, and how the wallet answered.
  `CREATE TABLE IF NOT EXISTS sp_oid4vp_requests (
     id TEXT PRIMARY KEY,
     client_id TEXT NOT NULL,
     state_token TEXT NOT NULL,
     query_language TEXT NOT NULL,
     status TEXT NOT NULL,
     wallet_error TEXT,
     wallet_error_description TEXT,
     findings TEXT,
     fetched_at TEXT,
     answered_at TEXT,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL
   )`,
];

/**
 * Version 2: one signing key per DID, by a unique index, so verifier instances starting together
 * on one database end with one key (each inserts its own unless the DID has one, then reads the
 * DID's). Where two instances had raced before, the key kept is the one they read (the newest).
 */
const ONE_KEY_PER_DID: readonly string[] = [
  `DELETE FROM sp_verifier_keys WHERE EXISTS (
     SELECT 1 FROM sp_verifier_keys newer
     WHERE newer.did = sp_verifier_keys.did
       AND (newer.created_at > sp_verifier_keys.created_at OR (newer.created_at = sp_verifier_keys.created_at AND newer.kid > sp_verifier_keys.kid))
   )`,
  `CREATE UNIQUE INDEX IF NOT EXISTS sp_verifier_keys_did ON sp_verifier_keys (did)`,
];

/** The verifier's versioned migrations (`staff-passport migrate`, and on open). */
export const VERIFIER_MIGRATIONS: readonly Migration[] = [
  statementsMigration(1, 'initial schema', VERIFIER_SCHEMA),
  statementsMigration(2, 'one signing key per DID', ONE_KEY_PER_DID),
  // The kind of move a check is for (reliance depends on it); NULL on rows from before it, read
  // as a new employer, the strictest.
  statementsMigration(3, 'the kind of move a check is for', ['ALTER TABLE sp_requests ADD COLUMN move TEXT']),
  // Webhooks: endpoints (keyed by organisation), the outbox and the delivery log.
  statementsMigration(6, 'webhooks', WEBHOOK_TABLES),
];
