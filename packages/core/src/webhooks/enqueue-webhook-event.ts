import { randomBytes } from 'node:crypto';
import type { WebhookEventType, WebhookPayload } from './webhook-events.js';
import type { WebhookService } from './webhook-service.js';

/** One event to report. */
export interface WebhookEventInput {
  orgId: string;
  type: WebhookEventType;
  data: Record<string, unknown>;
  /** When it happened (default the service's clock). */
  at?: Date;
}

/**
 * Puts an event in the outbox, one message for each of the organisation's endpoints subscribed to
 * it. Call it inside the transaction of the change it reports (the store joins it), so the
 * message exists exactly when the change does; the worker sends it after the commit.
 *
 * @example
 * await ctx.db.transaction(async () => {
 *   await revoke();
 *   await enqueueWebhookEvent(ctx.webhooks, { orgId, type: 'credential.revoked', data: { credentialId } });
 * });
 */
export async function enqueueWebhookEvents(service: WebhookService, events: readonly WebhookEventInput[]): Promise<number> {
  const rows = [];
  // Each organisation's endpoints read once, with the events each wants.
  const byOrg = new Map<string, { id: string; events: readonly string[] }[]>();
  for (const event of events) {
    let endpoints = byOrg.get(event.orgId);
    if (!endpoints) {
      // A disabled endpoint (it answered 410 Gone) gets nothing until it is updated.
      endpoints = (await service.store.listEndpoints(event.orgId)).filter((e) => e.disabled_at === null).map((e) => ({ id: e.id, events: JSON.parse(e.events) as string[] }));
      byOrg.set(event.orgId, endpoints);
    }
    const subscribed = endpoints.filter((e) => e.events.includes(event.type));
    if (subscribed.length === 0) continue;
    const at = event.at ?? service.now();
    const payload: WebhookPayload = { type: event.type, timestamp: at.toISOString(), data: event.data };
    const body = JSON.stringify(payload);
    for (const endpoint of subscribed) {
      rows.push({
        id: `msg_${randomBytes(16).toString('hex')}`,
        endpoint_id: endpoint.id,
        org_id: event.orgId,
        event_type: event.type,
        body,
        state: 'pending' as const,
        attempts: 0,
        next_attempt_at: at.getTime(),
        created_at: at.toISOString(),
      });
    }
  }
  await service.store.insertMessages(rows);
  return rows.length;
}

/** {@link enqueueWebhookEvents} for one event. */
export function enqueueWebhookEvent(service: WebhookService, event: WebhookEventInput): Promise<number> {
  return enqueueWebhookEvents(service, [event]);
}
