import { sqlNowMs, type SqlExecutor } from '@staff-passport/core';
import { sql, type Kysely } from 'kysely';

/**
 * sp_setup: things made once per database whichever instance gets there first (the demo
 * organisation of `start --demo`): claimed by one conditional insert, then their value recorded.
 */
export type SetupTable = {
  name: string;
  state: 'making' | 'made';
  /** The value once made (sealed by the caller). */
  value: string | null;
  /** When the claim was made or taken over (database clock, ms). */
  claimed_at: number;
};

function setupSql(db: SqlExecutor): Kysely<{ sp_setup: SetupTable }> {
  return db.kysely.withTables<{ sp_setup: SetupTable }>();
}

/**
 * Claims the making of `name`: true for the one caller that inserted the claim, or that took over
 * a claim older than `staleMs` (its maker died) still not made.
 */
export async function claimSetup(db: SqlExecutor, name: string, staleMs: number): Promise<boolean> {
  const nowMs = sqlNowMs(db.engine);
  const inserted = await setupSql(db)
    .insertInto('sp_setup')
    .values({ name, state: 'making', value: null, claimed_at: nowMs })
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  if ((inserted.numInsertedOrUpdatedRows ?? 0n) > 0n) return true;
  const taken = await setupSql(db)
    .updateTable('sp_setup')
    .set({ claimed_at: nowMs })
    .where('name', '=', name)
    .where('state', '=', 'making')
    .where('claimed_at', '<', sql<number>`${nowMs} - ${staleMs}`)
    .executeTakeFirst();
  return taken.numUpdatedRows > 0n;
}

/** Records what was made. */
export async function recordSetup(db: SqlExecutor, name: string, value: string): Promise<void> {
  await setupSql(db).updateTable('sp_setup').set({ state: 'made', value }).where('name', '=', name).execute();
}

/** Lets a claim go (the making failed), so another caller can try. */
export async function dropSetupClaim(db: SqlExecutor, name: string): Promise<void> {
  await setupSql(db).deleteFrom('sp_setup').where('name', '=', name).where('state', '=', 'making').execute();
}

/** The value of `name` once made, else undefined. */
export async function readSetup(db: SqlExecutor, name: string): Promise<string | undefined> {
  const [row] = await setupSql(db).selectFrom('sp_setup').select(['state', 'value']).where('name', '=', name).execute();
  return row?.state === 'made' && row.value !== null ? row.value : undefined;
}
