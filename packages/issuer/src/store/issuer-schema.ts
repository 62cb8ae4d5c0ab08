import { WEBHOOK_ENDPOINT_STATE, WEBHOOK_TABLES, statementsMigration, type Migration } from '@staff-passport/core';
import { MAIL_OUTBOX_SCHEMA } from './mail-outbox-store.js';
import { ORG_KEY_RECORD_MIGRATION } from './org-key-record-migration.js';
import { STAFF_COLLECTION_SCHEMA, WALLET_REDIRECT_URIS_SCHEMA } from './staff-collection-store.js';

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
  // Signing keys of each organisation: a rotation retires the old keys (they stay in the DID
  // document while credentials they signed can still be verified) and creates new active ones.
  `CREATE TABLE IF NOT EXISTS sp_org_keys (
     kid TEXT PRIMARY KEY,
     org_id TEXT NOT NULL REFERENCES sp_organisations(id),
     alg TEXT NOT NULL CHECK (alg IN ('EdDSA', 'ES256')),
     vm_id TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('active', 'retired')),
     created_at TEXT NOT NULL,
     retired_at TEXT
   )`,
  `CREATE INDEX IF NOT EXISTS sp_org_keys_org ON sp_org_keys (org_id, status)`,
  // Status lists: one allocation space per list, viewed as two W3C Bitstring Status Lists
  // (revocation, suspension) and as one IETF Token Status List (2 bits: valid, invalid, suspended).
  `CREATE TABLE IF NOT EXISTS sp_status_lists (
     id TEXT PRIMARY KEY,
     org_id TEXT NOT NULL REFERENCES sp_organisations(id),
     size INTEGER NOT NULL,
     revocation BLOB NOT NULL,
     suspension BLOB NOT NULL,
     version INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   )`,
  `ALTER TABLE sp_issued_credentials ADD COLUMN signing_kid TEXT`,
  `ALTER TABLE sp_issued_credentials ADD COLUMN status_list_id TEXT`,
  `ALTER TABLE sp_issued_credentials ADD COLUMN status_index INTEGER`,
  `ALTER TABLE sp_issued_credentials ADD COLUMN status TEXT NOT NULL DEFAULT 'active'`,
  `ALTER TABLE sp_issued_credentials ADD COLUMN status_reason TEXT`,
  `ALTER TABLE sp_issued_credentials ADD COLUMN status_changed_at TEXT`,
  `ALTER TABLE sp_issued_credentials ADD COLUMN request_key TEXT`,
  `ALTER TABLE sp_issued_credentials ADD COLUMN job_id TEXT`,
  `ALTER TABLE sp_issued_credentials ADD COLUMN stored_credential TEXT`,
  // No status index is ever used twice; a repeated bulk row (same request key) issues nothing twice.
  `CREATE UNIQUE INDEX IF NOT EXISTS sp_issued_credentials_status ON sp_issued_credentials (status_list_id, status_index)`,
  `CREATE UNIQUE INDEX IF NOT EXISTS sp_issued_credentials_request ON sp_issued_credentials (org_id, request_key)`,
  `CREATE INDEX IF NOT EXISTS sp_issued_credentials_subject ON sp_issued_credentials (org_id, subject_hash)`,
  `CREATE INDEX IF NOT EXISTS sp_issued_credentials_signing ON sp_issued_credentials (signing_kid, status)`,
  `ALTER TABLE sp_api_keys ADD COLUMN expires_at TEXT`,
  // Platform administrators (create and list organisations); not tied to an organisation.
  `CREATE TABLE IF NOT EXISTS sp_platform_keys (
     id TEXT PRIMARY KEY,
     key_hash TEXT NOT NULL UNIQUE,
     label TEXT,
     created_at TEXT NOT NULL,
     revoked_at TEXT
   )`,
  // The audit log, one hash chain per organisation (platform events under '_platform'), so each
  // organisation's auditors can check their own chain without seeing anyone else's entries.
  `CREATE TABLE IF NOT EXISTS sp_audit_log (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     chain TEXT NOT NULL,
     chain_seq INTEGER NOT NULL,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     subject TEXT,
     detail TEXT NOT NULL,
     prev_hash TEXT NOT NULL,
     hash TEXT NOT NULL,
     UNIQUE (chain, chain_seq)
   )`,
  // OIDC sign-in, one identity provider per organisation: access tokens are checked against the
  // organisation in the URL. One (issuer, audience) pair belongs to one organisation, so a token
  // minted for one organisation can never satisfy another's configuration.
  `CREATE TABLE IF NOT EXISTS sp_oidc_configs (
     org_id TEXT PRIMARY KEY REFERENCES sp_organisations(id),
     issuer TEXT NOT NULL,
     audience TEXT NOT NULL,
     jwks_uri TEXT,
     role_claim TEXT NOT NULL DEFAULT 'roles',
     role_mapping TEXT NOT NULL,
     allowed_algs TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     UNIQUE (issuer, audience)
   )`,
  // Bulk issuing jobs: the uploaded file stays in the data folder (jobs/<id>.upload) until the job
  // ends; progress is kept here so a job resumes after a restart from its last committed row.
  `CREATE TABLE IF NOT EXISTS sp_jobs (
     id TEXT PRIMARY KEY,
     org_id TEXT NOT NULL REFERENCES sp_organisations(id),
     kind TEXT NOT NULL CHECK (kind IN ('training-compliance', 'assignment', 'jsonl')),
     format TEXT NOT NULL,
     options TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('validating', 'failed_validation', 'issuing', 'completed', 'failed')),
     file_sha256 TEXT NOT NULL,
     file_bytes INTEGER NOT NULL,
     created_by TEXT NOT NULL,
     total INTEGER,
     validated INTEGER NOT NULL DEFAULT 0,
     done INTEGER NOT NULL DEFAULT 0,
     issued INTEGER NOT NULL DEFAULT 0,
     duplicates INTEGER NOT NULL DEFAULT 0,
     skipped INTEGER NOT NULL DEFAULT 0,
     failed_rows INTEGER NOT NULL DEFAULT 0,
     error_count INTEGER NOT NULL DEFAULT 0,
     committed_row INTEGER NOT NULL DEFAULT 0,
     rate_done INTEGER NOT NULL DEFAULT 0,
     rate_since TEXT,
     failure_code TEXT,
     failure_message TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     completed_at TEXT
   )`,
  `CREATE INDEX IF NOT EXISTS sp_jobs_org ON sp_jobs (org_id, created_at)`,
  `CREATE INDEX IF NOT EXISTS sp_jobs_state ON sp_jobs (state)`,
  // Row errors of a job (the first 10,000; the job row counts them all).
  `CREATE TABLE IF NOT EXISTS sp_job_errors (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     job_id TEXT NOT NULL REFERENCES sp_jobs(id),
     phase TEXT NOT NULL CHECK (phase IN ('validate', 'issue')),
     row_no INTEGER NOT NULL,
     column_name TEXT,
     code TEXT NOT NULL,
     message TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS sp_job_errors_job ON sp_job_errors (job_id, row_no)`,
  `CREATE INDEX IF NOT EXISTS sp_issued_credentials_job ON sp_issued_credentials (job_id)`,
  // (An index on request_key alone stood here; it is dropped at the end of this list.)
  // OpenID4VCI credential offers (pre-authorised code flow). The claims wait here until the wallet
  // fetches them; the transaction code is kept only as a hash, the pre-authorised code as a hash
  // for lookup (its text stays in offer_json only while the offer can still be fetched).
  `CREATE TABLE IF NOT EXISTS sp_offers (
     id TEXT PRIMARY KEY,
     org_id TEXT NOT NULL REFERENCES sp_organisations(id),
     status TEXT NOT NULL,
     credentials TEXT NOT NULL,
     formats TEXT NOT NULL,
     by_reference INTEGER NOT NULL,
     pending INTEGER NOT NULL DEFAULT 0,
     tx_code_hash TEXT,
     tx_code_failures INTEGER NOT NULL DEFAULT 0,
     code_hash TEXT NOT NULL UNIQUE,
     offer_json TEXT,
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS sp_offers_org ON sp_offers (org_id, created_at)`,
  // Access tokens of the offers' token endpoint: opaque, stored hashed, bound to one offer.
  `CREATE TABLE IF NOT EXISTS sp_offer_tokens (
     token_hash TEXT PRIMARY KEY,
     offer_id TEXT NOT NULL REFERENCES sp_offers(id),
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL
   )`,
  // c_nonces of the nonce endpoint: single use, short-lived, per organisation.
  `CREATE TABLE IF NOT EXISTS sp_offer_nonces (
     nonce_hash TEXT PRIMARY KEY,
     org_id TEXT NOT NULL,
     expires_at TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS sp_offer_nonces_expiry ON sp_offer_nonces (expires_at)`,
  // What each offered type became: claimed once (in any one format), then issued or deferred.
  // The holder keys wait here while issuance is deferred; the transaction id (a bearer secret) is
  // stored hashed, the notification id (useless without the access token) as given.
  `CREATE TABLE IF NOT EXISTS sp_offer_deliveries (
     offer_id TEXT NOT NULL REFERENCES sp_offers(id),
     type TEXT NOT NULL,
     configuration_id TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('issuing', 'deferred', 'issued')),
     holder_keys TEXT,
     transaction_hash TEXT UNIQUE,
     notification_id TEXT UNIQUE,
     credential_ids TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (offer_id, type)
   )`,
  // What the wallet told us (OpenID4VCI notification events), for HR to see.
  `CREATE TABLE IF NOT EXISTS sp_offer_events (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     offer_id TEXT NOT NULL REFERENCES sp_offers(id),
     event TEXT NOT NULL,
     description TEXT,
     type TEXT,
     at TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS sp_offer_events_offer ON sp_offer_events (offer_id, id)`,
  // The HR console's client id at the organisation's OpenID provider (sign-in with the authorization
  // code flow); without one the console offers API keys only.
  `ALTER TABLE sp_oidc_configs ADD COLUMN client_id TEXT`,
  // HR's own label for whom an offer is for ("Amara Okafor, ESR 12345678"), to find the person's
  // credentials later: kept here only, never put in a credential, erased when the offer is
  // withdrawn. person_ref_key is the label folded (case, accents) for a contains search, which
  // SQLite's lower() cannot do beyond ASCII. No index: a B-tree cannot serve a contains search,
  // and the organisation's offers are found by sp_offers_org.
  `ALTER TABLE sp_offers ADD COLUMN person_ref TEXT`,
  `ALTER TABLE sp_offers ADD COLUMN person_ref_key TEXT`,
  // The issue queue now looks request keys up with their organisation (WHERE (org_id, request_key)
  // IN ...), which the unique (org_id, request_key) index serves: the index on request_key alone is
  // used by no query (test/store/issued-credential-store.query-plans.test.ts) and cost every issue a random page write.
  `DROP INDEX IF EXISTS sp_issued_credentials_request_key`,
];

/** The issuer's versioned migrations (`staff-passport migrate`, and on open). */
export const ISSUER_MIGRATIONS: readonly Migration[] = [
  statementsMigration(1, 'initial schema', ISSUER_SCHEMA),
  // Several instances on one database: status lists leased to one instance at a time (lease times
  // from the database's clock), and each audit chain's head in a row moved by compare-and-swap.
  statementsMigration(2, 'status list leases, audit chain heads', [
    `ALTER TABLE sp_status_lists ADD COLUMN leased_by TEXT`,
    `ALTER TABLE sp_status_lists ADD COLUMN lease_until INTEGER`,
    `ALTER TABLE sp_status_lists ADD COLUMN closed INTEGER NOT NULL DEFAULT 0`,
    `CREATE TABLE IF NOT EXISTS sp_audit_heads (
       chain TEXT PRIMARY KEY,
       chain_seq INTEGER NOT NULL,
       hash TEXT NOT NULL
     )`,
    `INSERT INTO sp_audit_heads (chain, chain_seq, hash)
       SELECT chain, chain_seq, hash FROM sp_audit_log l WHERE chain_seq = (SELECT MAX(chain_seq) FROM sp_audit_log m WHERE m.chain = l.chain)
       ON CONFLICT (chain) DO NOTHING`,
  ]),
  // A bulk job is run by one instance at a time, under a lease renewed while it runs.
  statementsMigration(3, 'job leases', [`ALTER TABLE sp_jobs ADD COLUMN leased_by TEXT`, `ALTER TABLE sp_jobs ADD COLUMN lease_until INTEGER`]),
  // One record per organisation key: the key material moves from Veramo's tables into sp_org_keys,
  // the private keys sealed again with core's secret box (docs/architecture.md).
  ORG_KEY_RECORD_MIGRATION,
  // Several instances work one bulk job: its rows cut into slices, each claimed under a fenced
  // lease; the uploaded file kept in the database in chunks, where every instance reads it. Things
  // made once per database (the demo organisation) claimed by whichever instance comes first.
  statementsMigration(6, 'job slices, uploads in the database, setup claims', [
    `CREATE TABLE IF NOT EXISTS sp_job_slices (
       job_id TEXT NOT NULL REFERENCES sp_jobs(id),
       slice_no INTEGER NOT NULL,
       first_row INTEGER NOT NULL,
       last_row INTEGER NOT NULL,
       state TEXT NOT NULL CHECK (state IN ('open', 'done')),
       committed_row INTEGER NOT NULL,
       done INTEGER NOT NULL DEFAULT 0,
       issued INTEGER NOT NULL DEFAULT 0,
       duplicates INTEGER NOT NULL DEFAULT 0,
       skipped INTEGER NOT NULL DEFAULT 0,
       failed_rows INTEGER NOT NULL DEFAULT 0,
       leased_by TEXT,
       lease_token TEXT,
       lease_until INTEGER,
       PRIMARY KEY (job_id, slice_no)
     )`,
    `CREATE TABLE IF NOT EXISTS sp_job_uploads (
       job_id TEXT NOT NULL,
       chunk_no INTEGER NOT NULL,
       data BLOB NOT NULL,
       created_at INTEGER NOT NULL,
       PRIMARY KEY (job_id, chunk_no)
     )`,
    `CREATE TABLE IF NOT EXISTS sp_setup (
       name TEXT PRIMARY KEY,
       state TEXT NOT NULL CHECK (state IN ('making', 'made')),
       value TEXT,
       claimed_at INTEGER NOT NULL
     )`,
  ]),
  // Credential types beyond the catalogue, published at run time by a platform administrator: one
  // row per version, never updated (a version is immutable); and each organisation's choice to
  // issue types nobody registered (off unless a row says so).
  statementsMigration(7, 'credential type registry, unregistered types setting', [
    `CREATE TABLE IF NOT EXISTS sp_credential_types (
       slug TEXT NOT NULL,
       version TEXT NOT NULL,
       type TEXT NOT NULL,
       definition TEXT NOT NULL,
       published_at TEXT NOT NULL,
       published_by TEXT NOT NULL,
       PRIMARY KEY (slug, version)
     )`,
    `CREATE INDEX IF NOT EXISTS sp_credential_types_type ON sp_credential_types (type)`,
    `CREATE TABLE IF NOT EXISTS sp_org_type_settings (
       org_id TEXT PRIMARY KEY REFERENCES sp_organisations(id),
       allow_unregistered INTEGER NOT NULL,
       updated_at TEXT NOT NULL,
       updated_by TEXT NOT NULL
     )`,
  ]),
  // Staff collect their own credentials (issue 19): offers held for a named person, the claim that
  // names them, and the authorization code flow's requests, codes and tokens.
  statementsMigration(9, 'staff collection, mail outbox', [...STAFF_COLLECTION_SCHEMA, ...MAIL_OUTBOX_SCHEMA]),
  // Webhooks: endpoints, the outbox (written in the transaction of the event) and the delivery log.
  statementsMigration(8, 'webhooks', WEBHOOK_TABLES),
  // The authorization code flow redirects only to a wallet redirect URI the organisation registered.
  statementsMigration(10, 'wallet redirect URIs', WALLET_REDIRECT_URIS_SCHEMA),
  // A webhook endpoint that answered 410 Gone is disabled until it is updated.
  statementsMigration(11, 'webhook endpoint state', WEBHOOK_ENDPOINT_STATE),
];
