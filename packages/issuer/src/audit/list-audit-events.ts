import { PassportError, type Database } from '@staff-passport/core';
import { createAuditStore } from '../store/audit-store.js';

/** An entry of the audit log as auditors read it. */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

interface AuditRow {
  chain_seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** Maps a stored row to an {@link AuditEntry}. */
export function auditEntryFromRow(row: AuditRow): AuditEntry {
  return {
    seq: row.chain_seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * A page of one chain's audit entries, oldest first, after the sequence number given.
 *
 * @throws PassportError `ERR_REQUEST_INVALID` (field `after` or `limit`).
 */
export async function listAuditEvents(db: Database, chain: string, page: { after?: number; limit?: number } = {}): Promise<AuditEntry[]> {
  const after = page.after ?? 0;
  const limit = page.limit ?? 100;
  if (!Number.isSafeInteger(after) || after < 0) throw new PassportError('ERR_REQUEST_INVALID', 'after must be a whole number', { field: 'after' });
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000) throw new PassportError('ERR_REQUEST_INVALID', 'limit must be 1 to 1000', { field: 'limit' });
  return (await createAuditStore(db).listAfter(chain, after, limit)).map(auditEntryFromRow);
}

export type { AuditRow };
