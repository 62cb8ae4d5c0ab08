import { sql, type RawBuilder } from 'kysely';
import type { SqlEngine } from './database.js';

/**
 * The database's clock, in milliseconds since 1970, as an SQL expression: leases and expiries
 * compared in SQL against one clock, whichever instance's clock is off.
 *
 * @example
 * await tx.kysely.updateTable('t').set({ lease_until: sql`${sqlNowMs(tx.engine)} + 60000` }).execute();
 */
export function sqlNowMs(engine: SqlEngine): RawBuilder<number> {
  return engine === 'postgres' ? sql<number>`CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)` : sql<number>`CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`;
}
