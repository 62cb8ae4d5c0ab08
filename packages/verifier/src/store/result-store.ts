import type { SqlExecutor } from '@staff-passport/core';
import type { Selectable } from 'kysely';
import { verifierSql, type ResultsTable } from './verifier-tables.js';

/** A check result as stored (report, attributes and hashes as JSON text). */
export type ResultRow = Selectable<ResultsTable>;

/** Check results kept for the retention period (`sp_results`): every query on them. */
export interface ResultStore {
  insert(row: ResultRow): Promise<void>;
  /** A result still kept at `at` (one past its expiry is not found, deleted or not yet). */
  find(id: string, at: string): Promise<ResultRow | undefined>;
  /** Deletes results whose retention period ended at or before `at`; how many. */
  deleteExpired(at: string): Promise<number>;
}

/**
 * The result store on a verifier database (SQLite or PostgreSQL).
 *
 * @example
 * const row = await createResultStore(db).find('res_...', now.toISOString());
 */
export function createResultStore(db: SqlExecutor): ResultStore {
  return {
    async insert(row) {
      await verifierSql(db).insertInto('sp_results').values(row).execute();
    },
    async find(id, at) {
      return verifierSql(db).selectFrom('sp_results').selectAll().where('id', '=', id).where('expires_at', '>', at).executeTakeFirst();
    },
    async deleteExpired(at) {
      const deleted = await verifierSql(db).deleteFrom('sp_results').where('expires_at', '<=', at).executeTakeFirst();
      return Number(deleted.numDeletedRows);
    },
  };
}
