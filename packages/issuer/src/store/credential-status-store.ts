import type { SqlExecutor } from '@staff-passport/core';
import { sql, type RawBuilder } from 'kysely';
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

// Ids per statement: one JSON parameter each, so only the text's size bounds it.
const CHUNK = 20_000;

/** The ids as one JSON parameter, unpacked by the engine (`json_each`, `jsonb_array_elements_text`). */
function idsIn(tx: SqlExecutor, ids: readonly string[]): RawBuilder<string> {
  const json = JSON.stringify(ids);
  return tx.engine === 'postgres' ? sql<string>`(SELECT jsonb_array_elements_text(CAST(${json} AS jsonb)))` : sql<string>`(SELECT value FROM json_each(${json}))`;
}

// SQLite would search the (org_id, ...) index and test every credential of the organisation
// against the list; `+org_id` keeps it on the primary key, one lookup an id
// (test/store/issuer-query-plans.test.ts).
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
          .where('id', 'in', idsIn(tx, ids.slice(i, i + CHUNK)))
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
          .where('id', 'in', idsIn(tx, ids.slice(i, i + CHUNK)))
          .where('status', 'in', [...from])
          .returning(['id', 'status_list_id', 'status_index'])
          .execute();
        for (const row of rows) moved.push({ id: row.id, status_list_id: row.status_list_id, status_index: row.status_index === null ? null : Number(row.status_index) });
      }
      return moved;
    },
  };
}
