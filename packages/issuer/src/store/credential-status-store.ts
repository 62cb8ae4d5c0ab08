import type { SqlExecutor } from '@staff-passport/core';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { issuerSql } from './issuer-tables.js';

/** An issued credential's status and where its bits are. */
export interface CredentialStatusRow {
  id: string;
  status: 'active' | 'suspended' | 'revoked';
  status_list_id: string | null;
  status_index: number | null;
}

/** A status change to record. */
export interface StatusRecordChange {
  status: CredentialStatusRow['status'];
  reason: string;
  at: string;
}

// Ids per statement: one parameter each (a JSON text, or an array), so only its size bounds it.
const CHUNK = 20_000;

/**
 * `id` is one of the ids, the ids as one parameter: a JSON text unpacked by SQLite's `json_each`;
 * a `text[]` on PostgreSQL, matched with `= ANY` (hashed, or one primary key look-up an id). A
 * subquery over `jsonb_array_elements_text` let PostgreSQL's planner, with no statistics yet for
 * a table just filled, pick a nested loop that unpacked the 10,000 ids again for every row: one
 * revocation of 10,000 took 80 s (docs/performance.md).
 */
function idIn(tx: SqlExecutor, ids: readonly string[]): RawBuilder<SqlBool> {
  return tx.engine === 'postgres' ? sql<SqlBool>`id = ANY(CAST(${[...ids]} AS text[]))` : sql<SqlBool>`id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;
}

// SQLite would search the (org_id, ...) index and test every credential of the organisation
// against the list; `+org_id` keeps it on the primary key, one lookup an id
// (test/store/issued-credential-store.query-plans.test.ts).
function orgColumn(tx: SqlExecutor): RawBuilder<string> {
  return tx.engine === 'sqlite' ? sql<string>`+org_id` : sql<string>`org_id`;
}

/**
 * The statuses of an organisation's issued credentials (`sp_issued_credentials`) as revocation,
 * suspension and reinstatement read and write them: set-based, one statement for thousands of
 * credentials (the ids travel as one JSON parameter), in the caller's transaction.
 */
export interface CredentialStatusStore {
  /** The statuses of these credentials of the organisation (another organisation's are left out). */
  find(orgId: string, ids: readonly string[]): Promise<CredentialStatusRow[]>;
  /**
   * Records a status change of those of these credentials of the organisation whose status is
   * one of `from`, in one statement (`UPDATE ... RETURNING`): the credentials changed, with where
   * their bits are (in no particular order). The others (another organisation's, unknown, or in
   * another status) are left as they were.
   */
  move(orgId: string, ids: readonly string[], from: readonly CredentialStatusRow['status'][], change: StatusRecordChange): Promise<MovedCredential[]>;
}

/** A credential whose status {@link CredentialStatusStore.move} changed, and where its bits are. */
export type MovedCredential = Omit<CredentialStatusRow, 'status'>;

/**
 * The credential status store on an issuer database (SQLite or PostgreSQL).
 *
 * @example
 * const rows = await createCredentialStatusStore(tx).find(org.id, ids);
 */
export function createCredentialStatusStore(tx: SqlExecutor): CredentialStatusStore {
  return {
    async find(orgId, ids) {
      const found: CredentialStatusRow[] = [];
      for (let i = 0; i < ids.length; i += CHUNK) {
        const rows = await issuerSql(tx)
          .selectFrom('sp_issued_credentials')
          .select(['id', 'status', 'status_list_id', 'status_index'])
          .where(orgColumn(tx), '=', orgId)
          .where(idIn(tx, ids.slice(i, i + CHUNK)))
          .execute();
        for (const row of rows) {
          found.push({ id: row.id, status: row.status as CredentialStatusRow['status'], status_list_id: row.status_list_id, status_index: row.status_index === null ? null : Number(row.status_index) });
        }
      }
      return found;
    },
    async move(orgId, ids, from, change) {
      const moved: MovedCredential[] = [];
      for (let i = 0; i < ids.length; i += CHUNK) {
        const rows = await issuerSql(tx)
          .updateTable('sp_issued_credentials')
          .set({ status: change.status, status_reason: change.reason, status_changed_at: change.at })
          .where(orgColumn(tx), '=', orgId)
          .where(idIn(tx, ids.slice(i, i + CHUNK)))
          .where('status', 'in', [...from])
          .returning(['id', 'status_list_id', 'status_index'])
          .execute();
        for (const row of rows) moved.push({ id: row.id, status_list_id: row.status_list_id, status_index: row.status_index === null ? null : Number(row.status_index) });
      }
      return moved;
    },
  };
}
