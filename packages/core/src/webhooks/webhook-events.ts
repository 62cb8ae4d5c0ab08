/**
 * The events an organisation can subscribe a webhook endpoint to. The issuer sends the first six,
 * the verifier `verification.completed`.
 */
export const WEBHOOK_EVENTS = [
  'offer.accepted',
  'offer.rejected',
  'credential.revoked',
  'credential.suspended',
  'credential.reinstated',
  'job.finished',
  'verification.completed',
] as const;

/** One of {@link WEBHOOK_EVENTS}. */
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** The events the issuer sends. */
export const ISSUER_WEBHOOK_EVENTS = WEBHOOK_EVENTS.filter((e) => e !== 'verification.completed');

/** The events the verifier sends. */
export const VERIFIER_WEBHOOK_EVENTS = ['verification.completed'] as const satisfies readonly WebhookEventType[];

/**
 * The body of every webhook message, as the Standard Webhooks specification recommends
 * ("Payload structure": `type`, `timestamp`, `data`).
 */
export interface WebhookPayload {
  type: WebhookEventType;
  /** When the event happened (ISO 8601). */
  timestamp: string;
  data: Record<string, unknown>;
}
