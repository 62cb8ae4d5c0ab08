/**
 * The engine's placeholder for the `n`th value of a raw statement (`?` on SQLite, `$n` on
 * PostgreSQL): `Database.query` takes SQL in the engine's own words. For tests outside the
 * packages, which cannot reach Kysely's `sql` template (tests inside them use it).
 *
 * @example
 * await db.query(`SELECT id FROM sp_audit_log WHERE chain = ${placeholder(db.engine, 1)}`, [orgId]);
 */
import type { SqlEngine } from '@staff-passport/core';

export function placeholder(engine: SqlEngine, n: number): string {
  return engine === 'postgres' ? `$${n}` : '?';
}
