import { hash } from 'node:crypto';
import { PassportError, type SqlExecutor } from '@staff-passport/core';
import { createAuditStore, type AuditEntryRow, type ChainHead } from '../store/audit-store.js';
import type { AuditHeads } from './audit-heads.js';

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

/** The entries of a chain's events after `head`, hashed in order, and the chain's head after them. */
function chainRows(chain: string, head: ChainHead, events: readonly AuditEventInput[]): { rows: AuditEntryRow[]; head: ChainHead } {
  const rows: AuditEntryRow[] = [];
  let { hash: prevHash, seq } = head;
  // Events of one change share their time and detail (a revocation of 10,000): each is written out once.
  let lastAt: Date | undefined;
  let at = '';
  let lastDetail: Record<string, unknown> | undefined;
  let detail = '{}';
  for (const event of events) {
    seq += 1;
    if (event.at !== lastAt) {
      lastAt = event.at;
      at = event.at.toISOString();
    }
    if (event.detail !== lastDetail) {
      lastDetail = event.detail;
      detail = JSON.stringify(event.detail ?? {});
    }
    const entry = { prevHash, chain, chainSeq: seq, at, actor: event.actor, action: event.action, subject: event.subject ?? null, detail };
    const entryHash = auditEntryHash(entry);
    rows.push({ chain, chain_seq: seq, at: entry.at, actor: entry.actor, action: entry.action, subject: entry.subject, detail: entry.detail, prev_hash: prevHash, hash: entryHash });
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

/**
 * Appends events to the hash-chained audit log, one chain per organisation: each entry's hash
 * commits to the one before, so an altered or removed entry breaks the chain. Runs inside the
 * caller's transaction (with the records the events describe): the chain's head row is moved by
 * compare-and-swap from the head the entries were hashed after, then the entries are inserted, so
 * writers on several instances take turns on the chain instead of failing (a writer whose head
 * went stale reads it again and hashes again); `UNIQUE (chain, chain_seq)` backs it up. Given
 * `heads`, the head this instance last moved a chain to is tried first, without reading the head
 * row (one round trip fewer a batch for the issue queue); the compare-and-swap catches a stale one.
 */
export async function appendAuditEvents(tx: SqlExecutor, events: readonly AuditEventInput[], heads?: AuditHeads): Promise<void> {
  const store = createAuditStore(tx);
  for (const [chain, list] of groupByChain(events)) {
    // Bounded: each retry means another writer's batch committed meanwhile.
    for (let attempt = 0; ; attempt++) {
      const head = (attempt === 0 ? heads?.get(chain) : undefined) ?? (await store.readHead(chain)) ?? { hash: GENESIS_HASH, seq: 0 };
      const next = chainRows(chain, head, list);
      if (await store.moveHead(chain, head, next.head)) {
        await store.insertEntries(next.rows);
        heads?.set(chain, next.head);
        break;
      }
      heads?.forget(chain);
      if (attempt >= 100) throw new PassportError('ERR_INTERNAL', `the audit chain ${chain} kept changing while events were appended to it`);
    }
  }
}

/** Appends one event (see {@link appendAuditEvents}). */
export async function appendAuditEvent(tx: SqlExecutor, event: AuditEventInput): Promise<void> {
  await appendAuditEvents(tx, [event]);
}
