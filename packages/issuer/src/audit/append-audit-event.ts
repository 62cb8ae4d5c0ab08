import { hash } from 'node:crypto';
import { PassportError, type SqlExecutor } from '@staff-passport/core';
import { insertRows, type SqlValue } from '../store/insert-rows.js';

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

async function readChainHead(tx: SqlExecutor, chain: string): Promise<ChainHead> {
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
 * caller's transaction (with the records the events describe), one `INSERT` per chain after
 * reading the chain's head; the `INSERT` only writes if the chain's last entry is still that head
 * (`UNIQUE (chain, chain_seq)` backs it up).
 */
export async function appendAuditEvents(tx: SqlExecutor, events: readonly AuditEventInput[]): Promise<void> {
  for (const [chain, list] of groupByChain(events)) {
    const head = await readChainHead(tx, chain);
    const next = chainRows(chain, head, list);
    const inserted = await insertRows(tx, 'sp_audit_log', AUDIT_COLUMNS, next.rows, { onlyIf: headIs(chain, head) });
    if (inserted !== next.rows.length) throw new PassportError('ERR_INTERNAL', `the audit chain ${chain} changed while events were appended to it`);
  }
}

/** Appends one event (see {@link appendAuditEvents}). */
export async function appendAuditEvent(tx: SqlExecutor, event: AuditEventInput): Promise<void> {
  await appendAuditEvents(tx, [event]);
}
