import type { EntityManager } from 'typeorm';

/** The value of one column of a row (no BLOBs: the rows travel as JSON). */
export type SqlValue = string | number | null;

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
 * as parameters instead, in multi-row `VALUES` statements.
 *
 * @example
 * await insertRows(tx, 'sp_audit_log', ['chain', 'chain_seq'], [['org_1', 1], ['org_1', 2]]);
 */
export async function insertRows(tx: EntityManager, table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
  if (rows.length === 0) return;
  if (travelsAsJson(rows)) {
    const values = columns.map((_column, i) => `value->>${i}`).join(', ');
    await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) SELECT ${values} FROM json_each(?) ORDER BY key`, [JSON.stringify(rows)]);
    return;
  }
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const placeholder = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => placeholder).join(', ')}`, chunk.flat());
  }
}
