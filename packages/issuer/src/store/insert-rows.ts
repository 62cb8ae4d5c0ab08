import type { EntityManager } from 'typeorm';

/** The value of one column of a row (no BLOBs: the rows travel as JSON). */
export type SqlValue = string | number | null;

/** Options for {@link insertRows}. */
export interface InsertRowsOptions {
  /**
   * A condition the rows are inserted under, as an SQL expression evaluated once before any row
   * is written (for example that a chain's last entry is the one the rows link to): when it is
   * false no row is inserted and the answer is 0. Needs the caller's transaction.
   */
  onlyIf?: { sql: string; params: readonly SqlValue[] };
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
  tx: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
  options: InsertRowsOptions = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const { onlyIf } = options;
  const runner = tx.queryRunner;
  if (onlyIf && !runner) throw new TypeError('insertRows with onlyIf needs a transaction');
  if (travelsAsJson(rows)) {
    const values = columns.map((_column, i) => `value->>${i}`).join(', ');
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${values} FROM json_each(?)${onlyIf ? ` WHERE (${onlyIf.sql})` : ''} ORDER BY key`;
    const params = [JSON.stringify(rows), ...(onlyIf?.params ?? [])];
    if (!onlyIf) {
      await tx.query(sql, params);
      return rows.length;
    }
    // The structured answer carries SQLite's count of changed rows.
    const result = (await runner!.query(sql, params, true)) as { affected?: number };
    return result.affected ?? 0;
  }
  if (onlyIf) {
    const found = (await tx.query(`SELECT (${onlyIf.sql}) AS ok`, [...onlyIf.params])) as { ok: number | null }[];
    if (!found[0]?.ok) return 0;
  }
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const placeholder = `(${columns.map(() => '?').join(', ')})`;
  const several = rows.length > perStatement;
  // Several statements: a savepoint makes them one, as the JSON form is.
  if (several) await tx.query('SAVEPOINT insert_rows');
  try {
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => placeholder).join(', ')}`, chunk.flat());
    }
  } catch (err: unknown) {
    if (several) await tx.query('ROLLBACK TO insert_rows');
    throw err;
  } finally {
    if (several) await tx.query('RELEASE insert_rows');
  }
  return rows.length;
}

/** An SQL literal of a value: a text quoted (a quote written twice), a number as written, `NULL`. */
export function sqlLiteral(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('a non-finite number has no SQL literal');
    return String(value);
  }
  if (value.includes('\u0000')) throw new TypeError('a text with U+0000 has no SQL literal');
  return `'${value.replaceAll("'", "''")}'`;
}

/** Options for {@link insertRowsSql}. */
export interface InsertRowsSqlOptions {
  /**
   * A column (it must be `NOT NULL`) whose value becomes NULL unless `condition` (an SQL expression,
   * evaluated before any row is written) holds: the statement then fails on the constraint and
   * writes nothing, so a script stops there (an `onlyIf` that cannot be missed).
   */
  nullUnless?: { column: string; condition: string };
}

/**
 * The statement {@link insertRows} runs, as text with the rows inlined as one JSON literal, for a
 * script that runs many statements in one call (see `runSqlScript`); undefined when the rows
 * cannot travel as JSON (a text with U+0000, a non-finite number), or when there are none. It is
 * `INSERT OR ROLLBACK`: a constraint failure rolls the whole transaction back at once.
 *
 * @example
 * insertRowsSql('sp_audit_log', ['chain', 'chain_seq'], [['org_1', 1]]);
 * // INSERT OR ROLLBACK INTO sp_audit_log (chain, chain_seq) SELECT value->>0, value->>1 FROM json_each('[["org_1",1]]') ORDER BY key
 */
export function insertRowsSql(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], options: InsertRowsSqlOptions = {}): string | undefined {
  if (rows.length === 0 || !travelsAsJson(rows)) return undefined;
  const { nullUnless } = options;
  const values = columns.map((column, i) => (column === nullUnless?.column ? `CASE WHEN (${nullUnless.condition}) THEN value->>${i} END` : `value->>${i}`)).join(', ');
  return `INSERT OR ROLLBACK INTO ${table} (${columns.join(', ')}) SELECT ${values} FROM json_each(${sqlLiteral(JSON.stringify(rows))}) ORDER BY key`;
}
