import type { SqlExecutor } from '@staff-passport/core';
import { verifierSql } from './verifier-tables.js';

/** One event of the verifier's audit log. */
export interface VerifierAuditEvent {
  id: string;
  /** The organisation it happened in; null for the platform (organisations created). */
  orgId: string | null;
  at: string;
  /** Who: `key:<id>`, `oidc:<sub>`, `platform:<key id>` or `system` (the retention timer). */
  actor: string;
  action: string;
  subject: string;
  detail?: Record<string, unknown>;
}

/** The verifier's audit log (`sp_verifier_audit`): every query on it. */
export interface VerifierAuditStore {
  append(event: VerifierAuditEvent): Promise<void>;
  /** An organisation's events, newest first, at most `limit`, before `before` (an event time) when given. */
  list(orgId: string, options: { limit: number; before?: string }): Promise<VerifierAuditEvent[]>;
}

/**
 * The audit store on a verifier database (SQLite or PostgreSQL).
 *
 * @example
 * await createVerifierAuditStore(db).append({ id, orgId, at, actor: 'system', action: 'result.expire', subject: orgId });
 */
export function createVerifierAuditStore(db: SqlExecutor): VerifierAuditStore {
  return {
    async append(event) {
      await verifierSql(db)
        .insertInto('sp_verifier_audit')
        .values({ id: event.id, org_id: event.orgId, at: event.at, actor: event.actor, action: event.action, subject: event.subject, detail: event.detail ? JSON.stringify(event.detail) : null })
        .execute();
    },
    async list(orgId, options) {
      let query = verifierSql(db).selectFrom('sp_verifier_audit').selectAll().where('org_id', '=', orgId);
      if (options.before) query = query.where('at', '<', options.before);
      const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
      return rows.map((r) => ({
        id: r.id,
        orgId: r.org_id,
        at: r.at,
        actor: r.actor,
        action: r.action,
        subject: r.subject,
        ...(r.detail ? { detail: JSON.parse(r.detail) as Record<string, unknown> } : {}),
      }));
    },
  };
}
