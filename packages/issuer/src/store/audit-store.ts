import type { SqlExecutor } from '@staff-passport/core';
import type { Insertable, Selectable } from 'kysely';
import { insertRows } from './insert-rows.js';
import { issuerSql, type AuditLogTable } from './issuer-tables.js';

/** An audit entry as inserted (its global sequence number is the database's). */
export type AuditEntryRow = Insertable<AuditLogTable>;

/** The head of a chain: its last entry's sequence number and hash (0 and the genesis hash before any). */
export interface ChainHead {
  hash: string;
  seq: number;
}

const PAGE = 1000;
// Rows a statement inserts: 9 columns each, well under both engines' limits on parameters.
const INSERT_CHUNK = 1000;

/**
 * A chain's head as stored in `sp_audit_heads`, or undefined before its first entry.
 *
 * @example
 * const head = await readChainHead(tx, 'org_1');
 */
export async function readChainHead(tx: SqlExecutor, chain: string): Promise<ChainHead | undefined> {
  const [row] = await issuerSql(tx).selectFrom('sp_audit_heads').select(['chain_seq', 'hash']).where('chain', '=', chain).execute();
  return row ? { hash: row.hash, seq: Number(row.chain_seq) } : undefined;
}

/**
 * Moves a chain's head from `from` to `to` if it is still `from` (compare-and-swap, in the
 * caller's transaction): true when it moved. A chain without a head yet is created only if
 * `from` is the genesis (seq 0). On PostgreSQL a concurrent move holds the row until its
 * transaction ends; the comparison is then made against what it committed.
 */
export async function moveChainHead(tx: SqlExecutor, chain: string, from: ChainHead, to: ChainHead): Promise<boolean> {
  const q = issuerSql(tx);
  if (from.seq === 0) {
    const inserted = await q.insertInto('sp_audit_heads').values({ chain, chain_seq: to.seq, hash: to.hash }).onConflict((oc) => oc.column('chain').doNothing()).executeTakeFirst();
    return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }
  const updated = await q
    .updateTable('sp_audit_heads')
    .set({ chain_seq: to.seq, hash: to.hash })
    .where('chain', '=', chain)
    .where('chain_seq', '=', from.seq)
    .where('hash', '=', from.hash)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

const ENTRY_COLUMNS = ['chain', 'chain_seq', 'at', 'actor', 'action', 'subject', 'detail', 'prev_hash', 'hash'] as const;

/**
 * Inserts audit entries (their chain's head moved first, in the same transaction). On SQLite as
 * one statement whose rows travel as one JSON parameter ({@link insertRows}): binding 9 parameters
 * a row through the driver cost a revocation of 10,000 credentials half a second.
 */
export async function insertAuditEntries(tx: SqlExecutor, rows: readonly Insertable<AuditLogTable>[]): Promise<void> {
  if (tx.engine === 'sqlite') {
    await insertRows(tx, 'sp_audit_log', ENTRY_COLUMNS, rows.map((r) => [r.chain, r.chain_seq, r.at, r.actor, r.action, r.subject ?? null, r.detail, r.prev_hash, r.hash]));
    return;
  }
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await issuerSql(tx)
      .insertInto('sp_audit_log')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
  }
}

/**
 * The audit log in chain and sequence order, one page at a time (keyed on chain and sequence),
 * of one chain or of all.
 */
export async function* readAuditPages(db: SqlExecutor, chain?: string): AsyncGenerator<Selectable<AuditLogTable>> {
  let after: { chain: string; seq: number } | undefined;
  for (;;) {
    const page = await issuerSql(db)
      .selectFrom('sp_audit_log')
      .selectAll()
      .$if(chain !== undefined, (qb) => qb.where('chain', '=', chain!))
      .$if(after !== undefined, (qb) => qb.where((eb) => eb.or([eb('chain', '>', after!.chain), eb.and([eb('chain', '=', after!.chain), eb('chain_seq', '>', after!.seq)])])))
      .orderBy('chain')
      .orderBy('chain_seq')
      .limit(PAGE)
      .execute();
    for (const row of page) yield { ...row, seq: Number(row.seq), chain_seq: Number(row.chain_seq) };
    const last = page.at(-1);
    if (!last || page.length < PAGE) return;
    after = { chain: last.chain, seq: Number(last.chain_seq) };
  }
}
