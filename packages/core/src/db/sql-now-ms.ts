import { sql, type RawBuilder } from 'kysely';
import type { SqlEngine } from './database.js';

/** {@link sqlNowMs} as SQL text, for a raw statement. */
export function sqlNowMsText(engine: SqlEngine): string {
  return engine === 'postgres' ? 'CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)' : "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
}

/**
 * The database's clock, in milliseconds since 1970, as an SQL expression: leases and expiries
 * compared in SQL against one clock, whichever instance's clock is off.
 *
 * @example
 * await tx.kysely.updateTable('t').set({ lease_until: sql`${sqlNowMs(tx.engine)} + 60000` }).execute();
 */
export function sqlNowMs(engine: SqlEngine): RawBuilder<number> {
  return sql.raw<number>(sqlNowMsText(engine));
}
