import type { SqlExecutor } from '@staff-passport/core';
import { verifierSql } from './verifier-tables.js';

/** Organisations' OpenID provider configurations (`sp_verifier_oidc_configs`, as JSON): every query on them. */
export interface VerifierOidcConfigStore {
  find(orgId: string): Promise<{ config: unknown; updatedAt: string } | undefined>;
  set(orgId: string, config: unknown, updatedAt: string): Promise<void>;
  delete(orgId: string): Promise<boolean>;
}

/**
 * The OpenID provider configuration store on a verifier database (SQLite or PostgreSQL).
 *
 * @example
 * const found = await createVerifierOidcConfigStore(db).find(orgId);
 */
export function createVerifierOidcConfigStore(db: SqlExecutor): VerifierOidcConfigStore {
  return {
    async find(orgId) {
      const row = await verifierSql(db).selectFrom('sp_verifier_oidc_configs').selectAll().where('org_id', '=', orgId).executeTakeFirst();
      return row ? { config: JSON.parse(row.config) as unknown, updatedAt: row.updated_at } : undefined;
    },
    async set(orgId, config, updatedAt) {
      await verifierSql(db)
        .insertInto('sp_verifier_oidc_configs')
        .values({ org_id: orgId, config: JSON.stringify(config), updated_at: updatedAt })
        .onConflict((oc) => oc.column('org_id').doUpdateSet({ config: JSON.stringify(config), updated_at: updatedAt }))
        .execute();
    },
    async delete(orgId) {
      const deleted = await verifierSql(db).deleteFrom('sp_verifier_oidc_configs').where('org_id', '=', orgId).executeTakeFirst();
      return Number(deleted.numDeletedRows) > 0;
    },
  };
}
