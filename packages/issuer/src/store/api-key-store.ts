import type { SqlExecutor } from '@staff-passport/core';
import type { Selectable } from 'kysely';
import { issuerSql, type ApiKeysTable, type PlatformKeysTable } from './issuer-tables.js';

/** An organisation's API key as stored (its secret only as a hash). */
export type ApiKeyRow = Selectable<ApiKeysTable>;

/** A platform administrator's key as stored (its secret only as a hash). */
export type PlatformKeyRow = Selectable<PlatformKeysTable>;

/** The API keys of organisations and of platform administrators (`sp_api_keys`, `sp_platform_keys`): every query on them. */
export interface ApiKeyStore {
  insert(row: ApiKeyRow): Promise<void>;
  /** The key whose SHA-256 is `keyHash`, revoked or not. */
  findByHash(keyHash: string): Promise<ApiKeyRow | undefined>;
  /** One key of one organisation (another organisation's key is not found). */
  find(orgId: string, keyId: string): Promise<ApiKeyRow | undefined>;
  /** An organisation's keys, newest first. */
  list(orgId: string): Promise<ApiKeyRow[]>;
  revoke(keyId: string, revokedAt: string): Promise<void>;
  changeRole(keyId: string, role: ApiKeyRow['role']): Promise<void>;
  insertPlatformKey(row: PlatformKeyRow): Promise<void>;
  findPlatformKeyByHash(keyHash: string): Promise<PlatformKeyRow | undefined>;
}

/**
 * The API key store on an issuer database (SQLite or PostgreSQL), or on one of its transactions.
 *
 * @example
 * const key = await createApiKeyStore(ctx.db).findByHash(sha256Hex(bearer));
 */
export function createApiKeyStore(db: SqlExecutor): ApiKeyStore {
  const q = issuerSql(db);
  return {
    async insert(row) {
      await q.insertInto('sp_api_keys').values(row).execute();
    },
    findByHash: (keyHash) => q.selectFrom('sp_api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst(),
    find: (orgId, keyId) => q.selectFrom('sp_api_keys').selectAll().where('id', '=', keyId).where('org_id', '=', orgId).executeTakeFirst(),
    list: (orgId) => q.selectFrom('sp_api_keys').selectAll().where('org_id', '=', orgId).orderBy('created_at', 'desc').orderBy('id').execute(),
    async revoke(keyId, revokedAt) {
      await q.updateTable('sp_api_keys').set({ revoked_at: revokedAt }).where('id', '=', keyId).execute();
    },
    async changeRole(keyId, role) {
      await q.updateTable('sp_api_keys').set({ role }).where('id', '=', keyId).execute();
    },
    async insertPlatformKey(row) {
      await q.insertInto('sp_platform_keys').values(row).execute();
    },
    findPlatformKeyByHash: (keyHash) => q.selectFrom('sp_platform_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst(),
  };
}
