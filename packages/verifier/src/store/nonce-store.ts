import type { SqlExecutor } from '@staff-passport/core';
import type { Selectable } from 'kysely';
import { verifierSql, type NoncesTable } from './verifier-tables.js';

/** A nonce as stored. */
export type NonceRow = Selectable<NoncesTable>;

/** The nonces a verifier gave out (`sp_nonces`): every query on them. */
export interface NonceStore {
  /** Keeps a nonce just given out. */
  insert(row: Omit<NonceRow, 'used_at'>): Promise<void>;
  /**
   * Uses a nonce up in one conditional statement: true when it was this audience's, unused and
   * not expired at `at`, and is now marked used. Of two instances racing with one nonce, one wins.
   */
  use(nonce: string, audience: string, at: string): Promise<boolean>;
  /** A nonce as stored (to say why {@link NonceStore.use} refused it). */
  find(nonce: string): Promise<NonceRow | undefined>;
  /** Deletes nonces that expired before `before`; how many. */
  deleteExpired(before: string): Promise<number>;
}

/**
 * The nonce store on a verifier database (SQLite or PostgreSQL).
 *
 * @example
 * const nonces = createNonceStore(db);
 * if (!(await nonces.use(nonce, audience, now.toISOString()))) refuse();
 */
export function createNonceStore(db: SqlExecutor): NonceStore {
  return {
    async insert(row) {
      await verifierSql(db).insertInto('sp_nonces').values(row).execute();
    },
    async use(nonce, audience, at) {
      const updated = await verifierSql(db)
        .updateTable('sp_nonces')
        .set({ used_at: at })
        .where('nonce', '=', nonce)
        .where('audience', '=', audience)
        .where('used_at', 'is', null)
        .where('expires_at', '>', at)
        .executeTakeFirst();
      return updated.numUpdatedRows > 0n;
    },
    async find(nonce) {
      return verifierSql(db).selectFrom('sp_nonces').selectAll().where('nonce', '=', nonce).executeTakeFirst();
    },
    async deleteExpired(before) {
      const deleted = await verifierSql(db).deleteFrom('sp_nonces').where('expires_at', '<', before).executeTakeFirst();
      return Number(deleted.numDeletedRows);
    },
  };
}
