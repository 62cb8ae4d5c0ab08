import type { SqlExecutor } from '@staff-passport/core';
import type { Kysely } from 'kysely';

// Type aliases, not interfaces: Kysely's table map wants an index signature.

/** sp_nonces: each nonce the verifier gave out, usable once before it expires. */
export type NoncesTable = {
  nonce: string;
  audience: string;
  request_id: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
};

/** sp_requests: presentation requests built from a check profile. */
export type RequestsTable = {
  id: string;
  profile_id: string;
  start_date: string;
  nonce: string;
  state: 'pending' | 'answered';
  purpose: string | null;
  created_at: string;
  expires_at: string;
  result_id: string | null;
  /** NULL on rows from before the column, which were all bound to the verifier's URL. */
  audience: string | null;
  /** The kind of move the check is for; NULL on rows from before it, read as a new employer. */
  move: string | null;
  /** The organisation that asked. */
  org_id: string;
};

/** sp_oid4vp_requests: the OpenID4VP protocol state of a presentation request (same id). */
export type Oid4vpRequestsTable = {
  id: string;
  client_id: string;
  state_token: string;
  query_language: 'dcql' | 'pe';
  status: 'pending' | 'answered' | 'refused';
  wallet_error: string | null;
  wallet_error_description: string | null;
  findings: string | null;
  fetched_at: string | null;
  answered_at: string | null;
  created_at: string;
  expires_at: string;
  /** The organisation that asked (as its request's). */
  org_id: string;
};

/** sp_results: check results kept for the retention period. */
export type ResultsTable = {
  id: string;
  request_id: string | null;
  profile_id: string;
  decision: string;
  report: string;
  attributes: string;
  credential_hashes: string;
  credentials: string | null;
  created_at: string;
  expires_at: string;
  /** The organisation whose check it was. */
  org_id: string;
};

/** sp_profiles: check profiles an employer added, as JSON. */
export type ProfilesTable = {
  org_id: string;
  id: string;
  profile: string;
  created_at: string;
  created_by: string | null;
};

/** sp_verifier_keys: the verifier's OpenID4VP signing key, one per DID. */
export type VerifierKeysTable = {
  kid: string;
  did: string;
  alg: string;
  public_jwk: string;
  private_key: string;
  encrypted: number;
  created_at: string;
};

/** sp_verifier_orgs: the receiving employers the verifier serves. */
export type VerifierOrgsTable = {
  id: string;
  name: string;
  ods_code: string | null;
  retention_days: number;
  created_at: string;
};

/** sp_verifier_api_keys: API keys by hash; platform administrator keys have no organisation. */
export type VerifierApiKeysTable = {
  id: string;
  org_id: string | null;
  role: string;
  key_hash: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
};

/** sp_verifier_oidc_configs: an organisation's OpenID provider, as JSON. */
export type VerifierOidcConfigsTable = {
  org_id: string;
  config: string;
  updated_at: string;
};

/** sp_verifier_audit: what was done, by whom, in each organisation (NULL: the platform). */
export type VerifierAuditTable = {
  id: string;
  org_id: string | null;
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail: string | null;
};

/** The verifier's tables, for Kysely. */
export type VerifierTables = {
  sp_nonces: NoncesTable;
  sp_requests: RequestsTable;
  sp_oid4vp_requests: Oid4vpRequestsTable;
  sp_results: ResultsTable;
  sp_profiles: ProfilesTable;
  sp_verifier_keys: VerifierKeysTable;
  sp_verifier_orgs: VerifierOrgsTable;
  sp_verifier_api_keys: VerifierApiKeysTable;
  sp_verifier_oidc_configs: VerifierOidcConfigsTable;
  sp_verifier_audit: VerifierAuditTable;
};

/** The query builder over the verifier's tables, on `db` (a database or one of its transactions). */
export function verifierSql(db: SqlExecutor): Kysely<VerifierTables> {
  return db.kysely.withTables<VerifierTables>();
}
