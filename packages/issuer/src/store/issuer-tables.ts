import type { SqlExecutor } from '@staff-passport/core';
import type { Generated, Kysely } from 'kysely';

// Type aliases, not interfaces: Kysely's table map wants an index signature.

/** sp_organisations: the employers the issuer serves. */
export type OrganisationsTable = {
  id: string;
  name: string;
  ods_code: string;
  did: string;
  created_at: string;
};

/**
 * sp_org_keys: the one record of each signing key of an organisation (docs/architecture.md): where
 * it is in its life, its public key, and its private key sealed with the configured secret.
 */
export type OrgKeysTable = {
  kid: string;
  org_id: string;
  alg: 'EdDSA' | 'ES256';
  vm_id: string;
  status: 'active' | 'retired';
  created_at: string;
  retired_at: string | null;
  /** Ed25519: the 32-byte key; P-256: the compressed point (hex). Null only for a key whose material was lost before migration 4. */
  public_key_hex: string | null;
  /** The private key (hex, `@veramo/kms-local`'s format) sealed by core's secret box, bound to the kid. */
  private_key: string | null;
};

/** sp_api_keys: organisations' API keys, stored as their SHA-256. */
export type ApiKeysTable = {
  id: string;
  org_id: string;
  role: 'org-admin' | 'issuer' | 'auditor';
  key_hash: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
  expires_at: string | null;
};

/** sp_platform_keys: platform administrators' keys, stored as their SHA-256. */
export type PlatformKeysTable = {
  id: string;
  key_hash: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
};

/** sp_oidc_configs: how each organisation's staff sign in with its own identity provider. */
export type OidcConfigsTable = {
  org_id: string;
  issuer: string;
  audience: string;
  jwks_uri: string | null;
  role_claim: string;
  /** JSON: the provider's values to our roles. */
  role_mapping: string;
  /** JSON: the JWS algorithms accepted. */
  allowed_algs: string;
  client_id: string | null;
  updated_at: string;
};

/** sp_status_lists: one allocation space per list, viewed as two W3C lists and one IETF token list. */
export type StatusListsTable = {
  id: string;
  org_id: string;
  size: number;
  revocation: Buffer;
  suspension: Buffer;
  version: number;
  created_at: string;
  updated_at: string;
  /** The instance allocating from the list, while its lease runs (database clock, ms). */
  leased_by: string | null;
  lease_until: number | null;
  /** 1 once the list is allocated past its fill limit: never leased again. */
  closed: number;
};

/** sp_issued_credentials: metadata of each issued credential (the columns the stores read or write). */
export type IssuedCredentialsTable = {
  id: string;
  org_id: string;
  type: string;
  schema_id: string;
  subject_hash: string;
  format: string;
  issued_at: string;
  issued_by: string;
  valid_until: string | null;
  credential_hash: string;
  signing_kid: string | null;
  status_list_id: string | null;
  status_index: number | null;
  status: string;
  status_reason: string | null;
  status_changed_at: string | null;
  request_key: string | null;
  job_id: string | null;
  stored_credential: string | null;
};

/** sp_audit_log: one hash chain per organisation. */
export type AuditLogTable = {
  seq: Generated<number>;
  chain: string;
  chain_seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
};

/** sp_audit_heads: the last entry of each chain, moved by compare-and-swap with each append. */
export type AuditHeadsTable = {
  chain: string;
  chain_seq: number;
  hash: string;
};

/** The issuer's tables as the stores see them. */
export type IssuerTables = {
  sp_organisations: OrganisationsTable;
  sp_org_keys: OrgKeysTable;
  sp_api_keys: ApiKeysTable;
  sp_platform_keys: PlatformKeysTable;
  sp_oidc_configs: OidcConfigsTable;
  sp_status_lists: StatusListsTable;
  sp_issued_credentials: IssuedCredentialsTable;
  sp_audit_log: AuditLogTable;
  sp_audit_heads: AuditHeadsTable;
};

/** The query builder over the issuer's tables, on `db`'s connection (or transaction). */
export function issuerSql(db: SqlExecutor): Kysely<IssuerTables> {
  return db.kysely.withTables<IssuerTables>();
}
