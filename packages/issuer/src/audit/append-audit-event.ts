import { sha256Hex } from '@staff-passport/core';
import type { EntityManager } from 'typeorm';

/** One event of the audit log. */
export interface AuditEventInput {
  orgId: string | null;
  actor: string;
  action: string;
  subject?: string;
  detail?: Record<string, unknown>;
  at: Date;
}

/**
 * Appends an event to the hash-chained audit log: each entry's hash commits to the one before,
 * so an altered or removed entry breaks the chain. Runs inside the caller's transaction.
 */
export async function appendAuditEvent(tx: EntityManager, event: AuditEventInput): Promise<void> {
  const rows = (await tx.query('SELECT hash FROM sp_audit_events ORDER BY seq DESC LIMIT 1')) as { hash: string }[];
  const prevHash = rows[0]?.hash ?? '0'.repeat(64);
  const at = event.at.toISOString();
  const detail = JSON.stringify(event.detail ?? {});
  const hash = sha256Hex(JSON.stringify([prevHash, event.orgId, at, event.actor, event.action, event.subject ?? null, detail]));
  await tx.query(
    'INSERT INTO sp_audit_events (org_id, at, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [event.orgId, at, event.actor, event.action, event.subject ?? null, detail, prevHash, hash],
  );
}
