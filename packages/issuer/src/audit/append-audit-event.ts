import { hash } from 'node:crypto';
import { PassportError } from '@staff-passport/core';
import type { EntityManager } from 'typeorm';
import { insertRows, insertRowsSql, sqlLiteral, type SqlValue } from '../store/insert-rows.js';

/** One event of the audit log. */
export interface AuditEventInput {
  /** The organisation the event belongs to; `null` for platform events (organisations created). */
  orgId: string | null;
  actor: string;
  action: string;
  subject?: string;
  detail?: Record<string, unknown>;
  at: Date;
}

/** The chain platform events (no organisation) are appended to. */
export const PLATFORM_CHAIN = '_platform';

const AUDIT_COLUMNS = ['chain', 'chain_seq', 'at', 'actor', 'action', 'subject', 'detail', 'prev_hash', 'hash'] as const;

/** The hash before the first entry of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an entry's hash commits to: the previous hash and every field, in a fixed order. */
export function auditEntryHash(entry: {
  prevHash: string;
  chain: string;
  chainSeq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  detail: string;
}): string {
  return hash('sha256', JSON.stringify([entry.prevHash, entry.chain, entry.chainSeq, entry.at, entry.actor, entry.action, entry.subject, entry.detail]), 'hex');
}

interface ChainHead {
  hash: string;
  seq: number;
}

// The head of each chain as this process last wrote it, per database, so a batch of events (the
// issue queue writes one per group commit) appends without reading its chain's head first. It is
// a guess, never trusted: the insert is guarded by it (see appendAuditEvents), so a head gone
// stale (another process, a transaction rolled back after the append) inserts nothing and is read again.
const chainHeads = new WeakMap<object, Map<string, ChainHead>>();

async function readChainHead(tx: EntityManager, chain: string): Promise<ChainHead> {
  const found = (await tx.query('SELECT hash, chain_seq FROM sp_audit_log WHERE chain = ? ORDER BY chain_seq DESC LIMIT 1', [chain])) as {
    hash: string;
    chain_seq: number;
  }[];
  return { hash: found[0]?.hash ?? GENESIS_HASH, seq: found[0]?.chain_seq ?? 0 };
}

/** The rows of a chain's events after `head`, hashed in order, and the chain's head after them. */
function chainRows(chain: string, head: ChainHead, events: readonly AuditEventInput[]): { rows: SqlValue[][]; head: ChainHead } {
  const rows: SqlValue[][] = [];
  let { hash: prevHash, seq } = head;
  for (const event of events) {
    seq += 1;
    const entry = {
      prevHash,
      chain,
      chainSeq: seq,
      at: event.at.toISOString(),
      actor: event.actor,
      action: event.action,
      subject: event.subject ?? null,
      detail: JSON.stringify(event.detail ?? {}),
    };
    const entryHash = auditEntryHash(entry);
    rows.push([chain, seq, entry.at, entry.actor, entry.action, entry.subject, entry.detail, prevHash, entryHash]);
    prevHash = entryHash;
  }
  return { rows, head: { hash: prevHash, seq } };
}

function groupByChain(events: readonly AuditEventInput[]): Map<string, AuditEventInput[]> {
  const byChain = new Map<string, AuditEventInput[]>();
  for (const event of events) {
    const chain = event.orgId ?? PLATFORM_CHAIN;
    let list = byChain.get(chain);
    if (!list) byChain.set(chain, (list = []));
    list.push(event);
  }
  return byChain;
}

// True when the chain's last entry is `head` (no entry at all for the genesis head).
function headIs(chain: string, head: ChainHead): { sql: string; params: SqlValue[] } {
  return {
    sql: '(SELECT hash FROM sp_audit_log WHERE chain = ? ORDER BY chain_seq DESC LIMIT 1) IS ?',
    params: [chain, head.seq === 0 ? null : head.hash],
  };
}

/**
 * Appends events to the hash-chained audit log, one chain per organisation: each entry's hash
 * commits to the one before, so an altered or removed entry breaks the chain. Runs inside the
 * caller's transaction (with the records the events describe), one `INSERT` per chain. The chain's
 * head is the one this process last wrote when it has one (no read), and the `INSERT` only writes
 * if the chain's last entry is still that head (`UNIQUE (chain, chain_seq)` backs it up); when it
 * is not, the head is read and the entries hashed again.
 */
export async function appendAuditEvents(tx: EntityManager, events: readonly AuditEventInput[]): Promise<void> {
  const byChain = groupByChain(events);
  let heads = chainHeads.get(tx.connection);
  if (!heads) chainHeads.set(tx.connection, (heads = new Map()));
  // Outside a transaction (no query runner) the guard cannot be read back: read the head each time.
  const guarded = tx.queryRunner !== undefined;
  for (const [chain, list] of byChain) {
    const known = guarded ? heads.get(chain) : undefined;
    let head = known ?? (await readChainHead(tx, chain));
    let next = chainRows(chain, head, list);
    let inserted = await insertRows(tx, 'sp_audit_log', AUDIT_COLUMNS, next.rows, guarded ? { onlyIf: headIs(chain, head) } : {});
    if (inserted === 0 && known !== undefined) {
      // The remembered head was stale: read it and hash the entries again.
      head = await readChainHead(tx, chain);
      next = chainRows(chain, head, list);
      inserted = await insertRows(tx, 'sp_audit_log', AUDIT_COLUMNS, next.rows, { onlyIf: headIs(chain, head) });
    }
    if (inserted !== next.rows.length) {
      heads.delete(chain);
      throw new PassportError('ERR_INTERNAL', `the audit chain ${chain} changed while events were appended to it`);
    }
    heads.set(chain, next.head);
  }
}

/** An append to the audit log planned without reading the database (see {@link planAuditAppend}). */
export interface PlannedAuditAppend {
  /** The statements to run in the caller's script (`runSqlScript`), one per chain. */
  statements: string[];
  /** Call once the script's transaction has committed: the chains' heads move on. */
  remember(): void;
}

/**
 * Plans appending events from the chain heads this process remembers, as SQL statements for a
 * script that runs in one call (the issue queue's batches): no read of the head. Each statement
 * writes `prev_hash` as NULL unless the chain's last entry is still the remembered head, so a
 * stale head fails the script on the `NOT NULL` constraint and nothing is written. Undefined when
 * a chain's head is not known yet (then use {@link appendAuditEvents}, which reads and remembers it)
 * or an event cannot be inlined.
 */
export function planAuditAppend(db: object, events: readonly AuditEventInput[]): PlannedAuditAppend | undefined {
  const heads = chainHeads.get(db);
  if (!heads) return undefined;
  const statements: string[] = [];
  const moved: [string, ChainHead][] = [];
  for (const [chain, list] of groupByChain(events)) {
    const head = heads.get(chain);
    if (!head) return undefined;
    const next = chainRows(chain, head, list);
    const condition = `(SELECT hash FROM sp_audit_log WHERE chain = ${sqlLiteral(chain)} ORDER BY chain_seq DESC LIMIT 1) IS ${sqlLiteral(head.seq === 0 ? null : head.hash)}`;
    const sql = insertRowsSql('sp_audit_log', AUDIT_COLUMNS, next.rows, { nullUnless: { column: 'prev_hash', condition } });
    if (sql === undefined) return undefined;
    statements.push(sql);
    moved.push([chain, next.head]);
  }
  return {
    statements,
    remember: () => {
      for (const [chain, head] of moved) heads.set(chain, head);
    },
  };
}

/** Appends one event (see {@link appendAuditEvents}). */
export async function appendAuditEvent(tx: EntityManager, event: AuditEventInput): Promise<void> {
  await appendAuditEvents(tx, [event]);
}
