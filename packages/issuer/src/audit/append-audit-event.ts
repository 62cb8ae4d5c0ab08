import { sha256Hex } from '@staff-passport/core';
import type { EntityManager } from 'typeorm';
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
  return sha256Hex(JSON.stringify([entry.prevHash, entry.chain, entry.chainSeq, entry.at, entry.actor, entry.action, entry.subject, entry.detail]));
}

/**
 * Appends events to the hash-chained audit log, one chain per organisation: each entry's hash
 * commits to the one before, so an altered or removed entry breaks the chain. Runs inside the
 * caller's transaction (with the records the events describe); one read of each chain's head.
 */
export async function appendAuditEvents(tx: EntityManager, events: readonly AuditEventInput[]): Promise<void> {
  const heads = new Map<string, { hash: string; seq: number }>();
  const rows: SqlValue[][] = [];
  for (const event of events) {
    const chain = event.orgId ?? PLATFORM_CHAIN;
    let head = heads.get(chain);
    if (!head) {
      const found = (await tx.query('SELECT hash, chain_seq FROM sp_audit_log WHERE chain = ? ORDER BY chain_seq DESC LIMIT 1', [chain])) as {
        hash: string;
        chain_seq: number;
      }[];
      head = { hash: found[0]?.hash ?? GENESIS_HASH, seq: found[0]?.chain_seq ?? 0 };
    }
    const entry = {
      prevHash: head.hash,
      chain,
      chainSeq: head.seq + 1,
      at: event.at.toISOString(),
      actor: event.actor,
      action: event.action,
      subject: event.subject ?? null,
      detail: JSON.stringify(event.detail ?? {}),
    };
    const hash = auditEntryHash(entry);
    rows.push([chain, entry.chainSeq, entry.at, entry.actor, entry.action, entry.subject, entry.detail, entry.prevHash, hash]);
    heads.set(chain, { hash, seq: entry.chainSeq });
  }
  // One INSERT for the batch (see insertRows): the chain is computed above, in order, and rows keep that order.
  await insertRows(tx, 'sp_audit_log', AUDIT_COLUMNS, rows);
}

/** Appends one event (see {@link appendAuditEvents}). */
export async function appendAuditEvent(tx: EntityManager, event: AuditEventInput): Promise<void> {
  await appendAuditEvents(tx, [event]);
}
