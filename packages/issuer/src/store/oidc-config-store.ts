import type { SqlExecutor } from '@staff-passport/core';
import type { Selectable } from 'kysely';
import { issuerSql, type OidcConfigsTable } from './issuer-tables.js';

/** An organisation's OIDC sign-in configuration as stored (mapping and algorithms as JSON). */
export type OidcConfigRow = Selectable<OidcConfigsTable>;

/** The organisations' OIDC sign-in configurations (`sp_oidc_configs`): every query on them. */
export interface OidcConfigStore {
  find(orgId: string): Promise<OidcConfigRow | undefined>;
  /** Whether an organisation other than `orgId` signs in with this issuer and audience. */
  isTakenByAnother(issuer: string, audience: string, orgId: string): Promise<boolean>;
  /** Sets an organisation's configuration, replacing the one it had. */
  put(row: OidcConfigRow): Promise<void>;
  /** Removes an organisation's configuration; true when it had one. */
  delete(orgId: string): Promise<boolean>;
}

/**
 * The OIDC configuration store on an issuer database (SQLite or PostgreSQL), or one of its transactions.
 *
 * @example
 * const row = await createOidcConfigStore(ctx.db).find(orgId);
 */
export function createOidcConfigStore(db: SqlExecutor): OidcConfigStore {
  const q = issuerSql(db);
  return {
    find: (orgId) => q.selectFrom('sp_oidc_configs').selectAll().where('org_id', '=', orgId).executeTakeFirst(),
    async isTakenByAnother(issuer, audience, orgId) {
      const row = await q.selectFrom('sp_oidc_configs').select('org_id').where('issuer', '=', issuer).where('audience', '=', audience).where('org_id', '<>', orgId).executeTakeFirst();
      return row !== undefined;
    },
    async put(row) {
      const { org_id: _orgId, ...changes } = row;
      await q
        .insertInto('sp_oidc_configs')
        .values(row)
        .onConflict((oc) => oc.column('org_id').doUpdateSet(changes))
        .execute();
    },
    async delete(orgId) {
      const result = await q.deleteFrom('sp_oidc_configs').where('org_id', '=', orgId).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
