import { WEBHOOK_ENDPOINT_STATE, WEBHOOK_TABLES, statementsMigration, type Migration } from '@staff-passport/core';

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

/** The organisation existing single-tenant data moves into (version 4): it keeps the verifier's root did:web. */
export const DEFAULT_ORG_ID = 'org_0000000000000000';

/**
 * Version 4: organisations. Each receiving employer is an organisation of the verifier with its
 * own did:web, API keys, OpenID provider, profiles, requests, results, retention period and audit
 * log. What was there before belongs to a default organisation, which keeps the root did:web.
 * Profiles are rebuilt so that two organisations may each name a profile the same.
 */
const ORGANISATIONS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS sp_verifier_orgs (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     ods_code TEXT UNIQUE,
     retention_days INTEGER NOT NULL,
     created_at TEXT NOT NULL
   )`,
  `INSERT INTO sp_verifier_orgs (id, name, ods_code, retention_days, created_at)
     SELECT '${DEFAULT_ORG_ID}', 'Default organisation', NULL, 30, '1970-01-01T00:00:00.000Z'
     WHERE NOT EXISTS (SELECT 1 FROM sp_verifier_orgs WHERE id = '${DEFAULT_ORG_ID}')`,
  // Organisation keys (org_id and role) and platform administrator keys (org_id NULL, role platform).
  `CREATE TABLE IF NOT EXISTS sp_verifier_api_keys (
     id TEXT PRIMARY KEY,
     org_id TEXT,
     role TEXT NOT NULL,
     key_hash TEXT NOT NULL UNIQUE,
     label TEXT,
     created_at TEXT NOT NULL,
     revoked_at TEXT
   )`,
  `CREATE TABLE IF NOT EXISTS sp_verifier_oidc_configs (
     org_id TEXT PRIMARY KEY,
     config TEXT NOT NULL,
     updated_at TEXT NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS sp_verifier_audit (
     id TEXT PRIMARY KEY,
     org_id TEXT,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     subject TEXT NOT NULL,
     detail TEXT
   )`,
  `CREATE INDEX IF NOT EXISTS sp_verifier_audit_org ON sp_verifier_audit (org_id, at)`,
  `ALTER TABLE sp_requests ADD COLUMN org_id TEXT NOT NULL DEFAULT '${DEFAULT_ORG_ID}'`,
  `ALTER TABLE sp_oid4vp_requests ADD COLUMN org_id TEXT NOT NULL DEFAULT '${DEFAULT_ORG_ID}'`,
  `ALTER TABLE sp_results ADD COLUMN org_id TEXT NOT NULL DEFAULT '${DEFAULT_ORG_ID}'`,
  `CREATE INDEX IF NOT EXISTS sp_results_org ON sp_results (org_id, created_at)`,
  `CREATE TABLE sp_org_profiles (
     org_id TEXT NOT NULL,
     id TEXT NOT NULL,
     profile TEXT NOT NULL,
     created_at TEXT NOT NULL,
     created_by TEXT,
     PRIMARY KEY (org_id, id)
   )`,
  `INSERT INTO sp_org_profiles (org_id, id, profile, created_at, created_by) SELECT '${DEFAULT_ORG_ID}', id, profile, created_at, created_by FROM sp_profiles`,
  `DROP TABLE sp_profiles`,
  `ALTER TABLE sp_org_profiles RENAME TO sp_profiles`,
];

/** The verifier's versioned migrations (`staff-passport migrate`, and on open). */
export const VERIFIER_MIGRATIONS: readonly Migration[] = [
  statementsMigration(1, 'initial schema', VERIFIER_SCHEMA),
  statementsMigration(2, 'one signing key per DID', ONE_KEY_PER_DID),
  // The kind of move a check is for (reliance depends on it); NULL on rows from before it, read
  // as a new employer, the strictest.
  statementsMigration(3, 'the kind of move a check is for', ['ALTER TABLE sp_requests ADD COLUMN move TEXT']),
  statementsMigration(4, 'organisations: sign-in, roles, retention and audit per organisation', ORGANISATIONS),
  // Webhooks: endpoints (keyed by organisation), the outbox and the delivery log.
  statementsMigration(6, 'webhooks', WEBHOOK_TABLES),
  // A webhook endpoint that answered 410 Gone is disabled until it is updated.
  statementsMigration(7, 'webhook endpoint state', WEBHOOK_ENDPOINT_STATE),
];
