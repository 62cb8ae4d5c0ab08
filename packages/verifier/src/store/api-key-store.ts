import type { SqlExecutor } from '@staff-passport/core';
import type { Selectable } from 'kysely';
import { verifierSql, type VerifierApiKeysTable } from './verifier-tables.js';

/** An API key as stored: its hash, never the key. */
export type VerifierApiKeyRow = Selectable<VerifierApiKeysTable>;

/** The verifier's API keys (`sp_verifier_api_keys`): every query on them. */
export interface VerifierApiKeyStore {
  insert(row: VerifierApiKeyRow): Promise<void>;
  findByHash(keyHash: string): Promise<VerifierApiKeyRow | undefined>;
  /** An organisation's keys, newest first. */
  listForOrg(orgId: string): Promise<VerifierApiKeyRow[]>;
  /** Revokes an organisation's key; whether it was one of its keys not yet revoked. */
  revoke(orgId: string, id: string, at: string): Promise<boolean>;
}

/**
 * The API key store on a verifier database (SQLite or PostgreSQL).
 *
 * @example
 * const key = await createVerifierApiKeyStore(db).findByHash(apiKeyHashOf(req.get('authorization')));
 */
export function createVerifierApiKeyStore(db: SqlExecutor): VerifierApiKeyStore {
  return {
    async insert(row) {
      await verifierSql(db).insertInto('sp_verifier_api_keys').values(row).execute();
    },
    async findByHash(keyHash) {
      return verifierSql(db).selectFrom('sp_verifier_api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
    },
    async listForOrg(orgId) {
      return verifierSql(db).selectFrom('sp_verifier_api_keys').selectAll().where('org_id', '=', orgId).orderBy('created_at', 'desc').orderBy('id').execute();
    },
    async revoke(orgId, id, at) {
      const updated = await verifierSql(db)
        .updateTable('sp_verifier_api_keys')
        .set({ revoked_at: at })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) > 0;
    },
  };
}
