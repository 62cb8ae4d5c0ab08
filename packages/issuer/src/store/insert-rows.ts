import type { SqlExecutor } from '@staff-passport/core';
import { sql, type RawBuilder } from 'kysely';

/** The value of one column of a row (no BLOBs: the rows travel as JSON). */
export type SqlValue = string | number | null;

/** Options for {@link insertRows}. */
export interface InsertRowsOptions {
  /**
   * A condition the rows are inserted under, as an SQL expression evaluated once before any row
   * is written (for example that a chain's last entry is the one the rows link to): when it is
   * false no row is inserted and the answer is 0. Needs the caller's transaction. Written with
   * Kysely's `sql` template, so its values are bound with the engine's placeholders.
   */
  onlyIf?: RawBuilder<unknown>;
}

// SQLite (3.32 and later) binds at most 32,766 parameters a statement; the fallback stays well under it.
const MAX_PARAMETERS = 8_000;

// What JSON cannot carry exactly: SQLite's `->>` cuts a text at U+0000, and JSON has no NaN or Infinity.
function travelsAsJson(rows: readonly (readonly SqlValue[])[]): boolean {
  for (const row of rows) {
    for (const value of row) {
      if (typeof value === 'string' ? value.includes('\u0000') : typeof value === 'number' && !Number.isFinite(value)) return false;
    }
  }
  return true;
}

/**
 * Inserts rows with one statement, in the caller's transaction: the rows travel as a single JSON
 * parameter that SQLite unpacks with `json_each` (`INSERT ... SELECT value->>0, value->>1, ...`)
 * on its own thread. That costs the main thread about 1.3 µs a row (`JSON.stringify`), where a
 * statement per row cost a prepare, a bind and a round trip each, and a multi-row `VALUES` list
 * about 10 µs a row binding each parameter through the driver (16 columns, 256 rows a batch; see
 * docs/performance.md). `->>` gives text, integer, real or NULL as the JSON value is. A batch
 * holding a value JSON cannot carry exactly (a text with U+0000, a non-finite number) is bound
 * as parameters instead, in multi-row `VALUES` statements under a savepoint, so either way the
 * rows are written all or none: a constraint failure leaves the transaction as it was.
 *
 * @returns how many rows were inserted: all of them, or 0 when `onlyIf` was false.
 * @example
 * await insertRows(tx, 'sp_audit_log', ['chain', 'chain_seq'], [['org_1', 1], ['org_1', 2]]);
 */
export async function insertRows(
  tx: SqlExecutor,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
  options: InsertRowsOptions = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const { onlyIf } = options;
  // Table and column names are ours (never a caller's text); the values are always bound.
  const into = sql.raw(`INSERT INTO ${table} (${columns.join(', ')})`);
  if (tx.engine === 'sqlite' && travelsAsJson(rows)) {
    const values = sql.raw(columns.map((_column, i) => `value->>${i}`).join(', '));
    const where = onlyIf ? sql` WHERE (${onlyIf})` : sql``;
    const result = await sql`${into} SELECT ${values} FROM json_each(${JSON.stringify(rows)})${where} ORDER BY key`.execute(tx.kysely);
    return onlyIf ? Number(result.numAffectedRows ?? 0n) : rows.length;
  }
  if (onlyIf) {
    const { rows: found } = await sql<{ ok: number | boolean | null }>`SELECT (${onlyIf}) AS ok`.execute(tx.kysely);
    if (!found[0]?.ok) return 0;
  }
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  // On PostgreSQL a failed statement spoils the whole transaction: a savepoint keeps it usable.
  const several = rows.length > perStatement || tx.engine === 'postgres';
  // Several statements: a savepoint makes them one, as the JSON form is.
  if (several) await sql`SAVEPOINT insert_rows`.execute(tx.kysely);
  try {
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      await sql`${into} VALUES ${sql.join(chunk.map((row) => sql`(${sql.join(row)})`))}`.execute(tx.kysely);
    }
  } catch (err: unknown) {
    if (several) await sql`ROLLBACK TO insert_rows`.execute(tx.kysely);
    throw err;
  } finally {
    if (several) await sql`RELEASE insert_rows`.execute(tx.kysely);
  }
  return rows.length;
}
