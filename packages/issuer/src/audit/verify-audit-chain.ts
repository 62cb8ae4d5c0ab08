import type { Database } from '@staff-passport/core';
import { createAuditStore } from '../store/audit-store.js';
import { GENESIS_HASH, auditEntryHash } from './append-audit-event.js';

/** A break found in an audit chain. */
export interface AuditChainProblem {
  chain: string;
  /** The sequence number where the chain breaks. */
  seq: number;
  problem: 'altered' | 'missing' | 'relinked';
  message: string;
}

/** The outcome of checking every audit chain. */
export interface AuditChainReport {
  ok: boolean;
  chains: number;
  entries: number;
  problems: AuditChainProblem[];
}

/**
 * Recomputes every entry's hash and follows each organisation's chain from the start: an altered
 * entry (its hash no longer matches), a removed one (a gap in the sequence, or the next entry's
 * `prev_hash` no longer matching) or a relinked one is reported with where it happened. The last
 * entry of a chain can only be protected by keeping its hash elsewhere (export it regularly).
 * Reads the log in pages, never all of it at once.
 *
 * @example
 * const report = await verifyAuditChain(db);
 * if (!report.ok) report.problems.forEach((p) => console.error(p.chain, p.seq, p.problem));
 */
export async function verifyAuditChain(db: Database, chain?: string): Promise<AuditChainReport> {
  const problems: AuditChainProblem[] = [];
  let current = '';
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let chains = 0;
  let entries = 0;
  // Page by page (keyed on chain and sequence), so a chain of millions is checked in bounded memory.
  for await (const row of createAuditStore(db).readAll(chain)) {
    entries += 1;
    if (row.chain !== current) {
      current = row.chain;
      chains += 1;
      expectedSeq = 1;
      prevHash = GENESIS_HASH;
    }
    if (row.chain_seq !== expectedSeq) {
      problems.push({ chain: row.chain, seq: expectedSeq, problem: 'missing', message: `entries ${expectedSeq} to ${row.chain_seq - 1} are missing` });
    } else if (row.prev_hash !== prevHash) {
      problems.push({ chain: row.chain, seq: row.chain_seq, problem: 'relinked', message: `entry ${row.chain_seq} does not follow the entry before it` });
    }
    const recomputed = auditEntryHash({
      prevHash: row.prev_hash,
      chain: row.chain,
      chainSeq: row.chain_seq,
      at: row.at,
      actor: row.actor,
      action: row.action,
      subject: row.subject,
      detail: row.detail,
    });
    if (recomputed !== row.hash) problems.push({ chain: row.chain, seq: row.chain_seq, problem: 'altered', message: `entry ${row.chain_seq} was changed after it was written` });
    prevHash = row.hash;
    expectedSeq = row.chain_seq + 1;
  }
  return { ok: problems.length === 0, chains, entries, problems };
}
