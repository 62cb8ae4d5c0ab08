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

/** An audit entry as read back. */
export type AuditEntryStoredRow = Selectable<AuditLogTable>;

/** Which page of one chain {@link AuditStore.listPage} reads, newest first. */
export interface AuditPageFilter {
  /** Entries older than this sequence number. */
  before?: number;
  /** Entries newer than this sequence number, the ones nearest it. */
  after?: number;
  /** Only entries with this action. */
  action?: string;
  limit: number;
}

/** The hash-chained audit log (`sp_audit_log`, `sp_audit_heads`): every query on it. */
export interface AuditStore {
  /** A chain's head as stored in `sp_audit_heads`, or undefined before its first entry. */
  readHead(chain: string): Promise<ChainHead | undefined>;
  /**
   * Moves a chain's head from `from` to `to` if it is still `from` (compare-and-swap, in the
   * caller's transaction): true when it moved. A chain without a head yet is created only if
   * `from` is the genesis (seq 0). On PostgreSQL a concurrent move holds the row until its
   * transaction ends; the comparison is then made against what it committed.
   */
  moveHead(chain: string, from: ChainHead, to: ChainHead): Promise<boolean>;
  /** Inserts audit entries (their chain's head moved first, in the same transaction). */
  insertEntries(rows: readonly AuditEntryRow[]): Promise<void>;
  /**
   * The log in chain and sequence order, one page of rows at a time (keyed on chain and
   * sequence), of one chain or of all: a chain of millions is read in bounded memory.
   */
  readAll(chain?: string): AsyncGenerator<AuditEntryStoredRow>;
  /** Up to `limit` entries of a chain after a sequence number, oldest first. */
  listAfter(chain: string, after: number, limit: number): Promise<AuditEntryStoredRow[]>;
  /** A page of a chain, newest first (see {@link AuditPageFilter}). */
  listPage(chain: string, filter: AuditPageFilter): Promise<AuditEntryStoredRow[]>;
  /** The newest entry of a chain as the log holds it, or undefined for an empty chain. */
  lastEntry(chain: string): Promise<ChainHead | undefined>;
}

const PAGE = 1000;
// Rows a statement inserts: 9 columns each, well under both engines' limits on parameters.
const INSERT_CHUNK = 1000;
const ENTRY_COLUMNS = ['chain', 'chain_seq', 'at', 'actor', 'action', 'subject', 'detail', 'prev_hash', 'hash'] as const;

function entry(row: AuditEntryStoredRow): AuditEntryStoredRow {
  // PostgreSQL's BIGINT arrives as a string.
  return { ...row, seq: Number(row.seq), chain_seq: Number(row.chain_seq) };
}

/**
 * The audit store on an issuer database (SQLite or PostgreSQL), or one of its transactions.
 *
 * @example
 * const head = await createAuditStore(tx).readHead('org_1');
 */
export function createAuditStore(db: SqlExecutor): AuditStore {
  const q = issuerSql(db);
  const columns = ['seq', 'chain', 'chain_seq', 'at', 'actor', 'action', 'subject', 'detail', 'prev_hash', 'hash'] as const;
  return {
    async readHead(chain) {
      const row = await q.selectFrom('sp_audit_heads').select(['chain_seq', 'hash']).where('chain', '=', chain).executeTakeFirst();
      return row ? { hash: row.hash, seq: Number(row.chain_seq) } : undefined;
    },
    async moveHead(chain, from, to) {
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
    },
    async insertEntries(rows) {
      // On SQLite as one statement whose rows travel as one JSON parameter ({@link insertRows}):
      // binding 9 parameters a row through the driver cost a revocation of 10,000 credentials half a second.
      if (db.engine === 'sqlite') {
        await insertRows(db, 'sp_audit_log', ENTRY_COLUMNS, rows.map((r) => [r.chain, r.chain_seq, r.at, r.actor, r.action, r.subject ?? null, r.detail, r.prev_hash, r.hash]));
        return;
      }
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await q
          .insertInto('sp_audit_log')
          .values(rows.slice(i, i + INSERT_CHUNK))
          .execute();
      }
    },
    async *readAll(chain) {
      let after: { chain: string; seq: number } | undefined;
      for (;;) {
        const page = await q
          .selectFrom('sp_audit_log')
          .select(columns)
          .$if(chain !== undefined, (qb) => qb.where('chain', '=', chain!))
          .$if(after !== undefined, (qb) => qb.where((eb) => eb.or([eb('chain', '>', after!.chain), eb.and([eb('chain', '=', after!.chain), eb('chain_seq', '>', after!.seq)])])))
          .orderBy('chain')
          .orderBy('chain_seq')
          .limit(PAGE)
          .execute();
        for (const row of page) yield entry(row);
        const last = page.at(-1);
        if (!last || page.length < PAGE) return;
        after = { chain: last.chain, seq: Number(last.chain_seq) };
      }
    },
    async listAfter(chain, after, limit) {
      const rows = await q.selectFrom('sp_audit_log').select(columns).where('chain', '=', chain).where('chain_seq', '>', after).orderBy('chain_seq').limit(limit).execute();
      return rows.map(entry);
    },
    async listPage(chain, filter) {
      // Paging back reads upwards from the cursor, then turns the page round.
      const rows = await q
        .selectFrom('sp_audit_log')
        .select(columns)
        .where('chain', '=', chain)
        .$if(filter.action !== undefined, (qb) => qb.where('action', '=', filter.action!))
        .$if(filter.before !== undefined, (qb) => qb.where('chain_seq', '<', filter.before!))
        .$if(filter.after !== undefined, (qb) => qb.where('chain_seq', '>', filter.after!))
        .orderBy('chain_seq', filter.after === undefined ? 'desc' : 'asc')
        .limit(filter.limit)
        .execute();
      if (filter.after !== undefined) rows.reverse();
      return rows.map(entry);
    },
    async lastEntry(chain) {
      const row = await q.selectFrom('sp_audit_log').select(['chain_seq', 'hash']).where('chain', '=', chain).orderBy('chain_seq', 'desc').limit(1).executeTakeFirst();
      return row ? { seq: Number(row.chain_seq), hash: row.hash } : undefined;
    },
  };
}
