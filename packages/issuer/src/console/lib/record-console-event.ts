import { appendAuditEvent } from '../../audit/append-audit-event.js';
import type { IssuerContext } from '../../issuer-context.js';

/**
 * Writes a console event (signing in or out) to the organisation's audit log, in its own transaction.
 *
 * @example
 * await recordConsoleEvent(ctx, { orgId, actor: principal.keyId, action: 'console.sign-in', detail: { method: 'oidc' } });
 */
export async function recordConsoleEvent(
  ctx: Pick<IssuerContext, 'db' | 'now'>,
  event: { orgId: string; actor: string; action: 'console.sign-in' | 'console.sign-out'; detail?: Record<string, unknown> },
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await appendAuditEvent(tx, { orgId: event.orgId, actor: event.actor, action: event.action, subject: event.orgId, ...(event.detail ? { detail: event.detail } : {}), at: ctx.now() });
  });
}
