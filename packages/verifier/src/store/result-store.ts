import type { SqlExecutor } from '@staff-passport/core';
import type { Selectable } from 'kysely';
import { verifierSql, type ResultsTable } from './verifier-tables.js';

/** A check result as stored (report, attributes and hashes as JSON text), of the store's organisation (so without it). */
export type ResultRow = Omit<Selectable<ResultsTable>, 'org_id'>;

/** Check results kept for the retention period (`sp_results`): every query on them, each on one organisation's results. */
export interface ResultStore {
  /** Adds a result of the store's organisation. */
  insert(row: ResultRow): Promise<void>;
  /** A result still kept at `at` (one past its expiry is not found, deleted or not yet). */
  find(id: string, at: string): Promise<ResultRow | undefined>;
  /** Deletes one result now (the person asked); whether there was one. */
  delete(id: string): Promise<boolean>;
  /**
   * Deletes the organisation's results created before `createdBefore` (its retention period now)
   * or whose retention period ended at or before `at`; the ids deleted.
   */
  deleteRetained(createdBefore: string, at: string): Promise<string[]>;
  /** Deletes results whose retention period ended at or before `at`, of every organisation; how many. */
  deleteExpired(at: string): Promise<number>;
}

/**
 * The result store on a verifier database (SQLite or PostgreSQL).
 *
 * @example
 * const row = await createResultStore(db, orgId).find('res_...', now.toISOString());
 */
export function createResultStore(db: SqlExecutor, orgId: string): ResultStore {
  return {
    async insert(row) {
      await verifierSql(db).insertInto('sp_results').values({ ...row, org_id: orgId }).execute();
    },
    async find(id, at) {
      const row = await verifierSql(db).selectFrom('sp_results').selectAll().where('org_id', '=', orgId).where('id', '=', id).where('expires_at', '>', at).executeTakeFirst();
      if (!row) return undefined;
      const { org_id: _orgId, ...result } = row;
      return result;
    },
    async delete(id) {
      const deleted = await verifierSql(db).deleteFrom('sp_results').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return Number(deleted.numDeletedRows) > 0;
    },
    async deleteRetained(createdBefore, at) {
      const rows = await verifierSql(db)
        .deleteFrom('sp_results')
        .where('org_id', '=', orgId)
        .where((eb) => eb.or([eb('created_at', '<', createdBefore), eb('expires_at', '<=', at)]))
        .returning('id')
        .execute();
      return rows.map((r) => r.id);
    },
    async deleteExpired(at) {
      const deleted = await verifierSql(db).deleteFrom('sp_results').where('expires_at', '<=', at).executeTakeFirst();
      return Number(deleted.numDeletedRows);
    },
  };
}
