import type { SqlExecutor } from '@staff-passport/core';

/**
 * Which of these (organisation, request key) pairs were issued before, as `org_id NUL request_key`.
 * The pairs travel as one JSON parameter (SQLite's `json_each`, PostgreSQL's
 * `jsonb_array_elements`), served by the unique (org_id, request_key) index.
 */
export async function findIssuedRequestKeys(tx: SqlExecutor, pairs: readonly (readonly [string, string])[]): Promise<Set<string>> {
  const taken = new Set<string>();
  const from =
    tx.engine === 'postgres' ? 'SELECT x->>0, x->>1 FROM jsonb_array_elements(CAST(? AS jsonb)) AS x' : 'SELECT value->>0, value->>1 FROM json_each(?)';
  for (let i = 0; i < pairs.length; i += 500) {
    const chunk = pairs.slice(i, i + 500);
    const rows = await tx.query<{ org_id: string; request_key: string }>(`SELECT org_id, request_key FROM sp_issued_credentials WHERE (org_id, request_key) IN (${from})`, [
      JSON.stringify(chunk),
    ]);
    for (const row of rows) taken.add(`${row.org_id}\u0000${row.request_key}`);
  }
  return taken;
}
