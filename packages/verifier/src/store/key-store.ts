import type { SqlExecutor } from '@staff-passport/core';
import type { Selectable } from 'kysely';
import { verifierSql, type VerifierKeysTable } from './verifier-tables.js';

/** A verifier signing key as stored (the private key sealed, or not when no secret is configured). */
export type VerifierKeyRow = Selectable<VerifierKeysTable>;

/** The verifier's signing keys (`sp_verifier_keys`, one per DID): every query on them. */
export interface VerifierKeyStore {
  find(did: string): Promise<VerifierKeyRow | undefined>;
  /**
   * Keeps `row` unless its DID has a key already, and answers the DID's key: `row`, or the one
   * another instance stored first (the DID is unique, so instances starting together end with
   * one key).
   */
  insertOrGet(row: VerifierKeyRow): Promise<VerifierKeyRow>;
}

/**
 * The verifier key store on a verifier database (SQLite or PostgreSQL).
 *
 * @example
 * const key = await createVerifierKeyStore(db).insertOrGet(fresh);
 */
export function createVerifierKeyStore(db: SqlExecutor): VerifierKeyStore {
  const find = (did: string): Promise<VerifierKeyRow | undefined> => verifierSql(db).selectFrom('sp_verifier_keys').selectAll().where('did', '=', did).executeTakeFirst();
  return {
    find,
    async insertOrGet(row) {
      await verifierSql(db)
        .insertInto('sp_verifier_keys')
        .values(row)
        .onConflict((oc) => oc.column('did').doNothing())
        .execute();
      const stored = await find(row.did);
      if (!stored) throw new Error(`the verifier key of ${row.did} was neither inserted nor found`);
      return stored;
    },
  };
}
