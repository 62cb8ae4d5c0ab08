import { PassportError } from '../errors/passport-error.js';
import type { WebhookPayload } from './webhook-events.js';
import type { WebhookService } from './webhook-service.js';
import type { WebhookMessageRow } from './webhook-store.js';

/** One attempt of the delivery log. */
export interface WebhookAttempt {
  attempt: number;
  at: string;
  /** The receiver's HTTP status, null when there was no answer. */
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** A message of the outbox with its delivery log. */
export interface WebhookMessage {
  /** The `webhook-id` sent on every attempt. */
  id: string;
  type: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  /** When the next attempt is due (pending messages). */
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  payload: WebhookPayload;
  log: WebhookAttempt[];
}

/**
 * An endpoint's messages, newest first (at most `limit`), each with its delivery log.
 *
 * @throws PassportError `ERR_WEBHOOK_NOT_FOUND`
 */
export async function listWebhookMessages(service: WebhookService, orgId: string, endpointId: string, limit = 50): Promise<WebhookMessage[]> {
  if (!(await service.store.findEndpoint(orgId, endpointId))) throw new PassportError('ERR_WEBHOOK_NOT_FOUND', 'no webhook endpoint with that id', { field: 'endpointId' });
  const rows = await service.store.listMessages(orgId, endpointId, limit);
  const attempts = await service.store.listAttempts(rows.map((r) => r.id));
  return rows.map((row: WebhookMessageRow) => ({
    id: row.id,
    type: row.event_type,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'pending' ? new Date(row.next_attempt_at).toISOString() : null,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    payload: JSON.parse(row.body) as WebhookPayload,
    log: attempts
      .filter((a) => a.message_id === row.id)
      .map((a) => ({ attempt: a.attempt, at: a.at, status: a.status, error: a.error, durationMs: a.duration_ms })),
  }));
}

/**
 * Sends a message again (delivered, failed or pending: it is due now), with the same `webhook-id`
 * and body, so a receiver that has it already can tell.
 *
 * @throws PassportError `ERR_WEBHOOK_NOT_FOUND` (field `messageId` or `endpointId`).
 */
export async function replayWebhookMessage(service: WebhookService, orgId: string, endpointId: string, messageId: string): Promise<void> {
  if (!(await service.store.replay(orgId, endpointId, messageId, service.now().getTime()))) {
    throw new PassportError('ERR_WEBHOOK_NOT_FOUND', 'no message with that id for this endpoint', { field: 'messageId' });
  }
}
