import { randomBytes } from 'node:crypto';
import type { Logger } from '../log/create-logger.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { WebhookAddressPolicy } from './lib/check-webhook-url.js';
import { postWebhook } from './lib/post-webhook.js';
import { webhookHeaders } from './sign-webhook.js';
import type { ClaimedWebhookMessage, WebhookStore } from './webhook-store.js';

/** How the outbox worker delivers: its pace, its limits and its backoff. */
export interface WebhookDeliverySettings {
  /** How often the worker looks for due messages, ms (default 2000). */
  intervalMs: number;
  /** Messages claimed per look (default 20). */
  batchSize: number;
  /** How long a claim holds before another instance may take the message over, ms (default 60000). */
  claimMs: number;
  /** Time limit of one POST, ms (default 15000). */
  timeoutMs: number;
  /** Attempts before a message is marked failed (default 10: about 42 hours with the defaults). */
  maxAttempts: number;
  /** The wait after the first failed attempt, ms (default 5000), doubled after each further one. */
  backoffBaseMs: number;
  /** The longest wait between attempts, ms (default 6 hours). */
  backoffMaxMs: number;
  /** How long delivered and failed messages and their log are kept, days (default 30); pruned hourly. */
  retentionDays: number;
}

export const DEFAULT_WEBHOOK_DELIVERY: WebhookDeliverySettings = {
  intervalMs: 2000,
  batchSize: 20,
  claimMs: 60_000,
  timeoutMs: 15_000,
  maxAttempts: 10,
  backoffBaseMs: 5000,
  backoffMaxMs: 6 * 3600_000,
  retentionDays: 30,
};

/** What the worker needs. */
export interface WebhookDispatcherOptions {
  store: WebhookStore;
  now: () => Date;
  logger: Logger;
  policy: WebhookAddressPolicy;
  /** Opens endpoint secrets sealed at rest (absent: secrets are stored as given). */
  secretBox?: SecretBox;
  settings?: Partial<WebhookDeliverySettings>;
  /** This instance's name in claims (default random). */
  instanceId?: string;
}

/**
 * The wait before attempt `attempt + 1` after `attempt` failed: `base * 2^(attempt-1)`, capped.
 *
 * @example
 * webhookBackoffMs(3, DEFAULT_WEBHOOK_DELIVERY) // 20000
 */
export function webhookBackoffMs(attempt: number, settings: Pick<WebhookDeliverySettings, 'backoffBaseMs' | 'backoffMaxMs'>): number {
  return Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * The outbox worker of a service: claims due messages (several instances share the outbox: a
 * claimed message is one instance's until its claim lapses), signs each attempt as the Standard
 * Webhooks specification says, POSTs it, logs the attempt, and marks the message delivered, due
 * again after a backoff, or failed after the last attempt. At least once: a receiver may see a
 * message twice (an instance stopped after sending and before logging) and deduplicates by
 * `webhook-id`. An endpoint that answers 410 Gone is disabled (its pending messages failed, no
 * more sent) until the organisation updates it.
 */
export class WebhookDispatcher {
  readonly instanceId: string;
  readonly settings: WebhookDeliverySettings;
  private readonly options: WebhookDispatcherOptions;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;
  private prunedAt = 0;

  constructor(options: WebhookDispatcherOptions) {
    this.options = options;
    this.settings = { ...DEFAULT_WEBHOOK_DELIVERY, ...options.settings };
    this.instanceId = options.instanceId ?? `w_${randomBytes(8).toString('hex')}`;
  }

  /** Looks for due messages every `intervalMs` from now on, until {@link WebhookDispatcher.stop}. */
  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => {
      void this.runOnce().catch((err: unknown) => this.options.logger.warn({ err }, 'webhook delivery failed; it runs again on the next tick'));
    }, this.settings.intervalMs).unref();
  }

  /** Stops the timer and waits for a round under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => 0);
  }

  /** One round: claims due messages and attempts each; how many were attempted. Rounds never overlap. */
  runOnce(): Promise<number> {
    this.running ??= this.round().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Deletes delivered and failed messages past the retention period (their log with them); how many. */
  prune(): Promise<number> {
    const before = new Date(this.options.now().getTime() - this.settings.retentionDays * 86_400_000).toISOString();
    return this.options.store.deleteFinishedBefore(before);
  }

  private async round(): Promise<number> {
    const { store } = this.options;
    const nowMs = this.options.now().getTime();
    if (nowMs - this.prunedAt >= 3_600_000) {
      this.prunedAt = nowMs;
      await this.prune();
    }
    const claimed = await store.claimDue(this.instanceId, this.options.now().getTime(), this.settings.claimMs, this.settings.batchSize);
    await Promise.all(claimed.map((message) => this.attempt(message)));
    return claimed.length;
  }

  private async attempt(message: ClaimedWebhookMessage): Promise<void> {
    const { options, settings } = this;
    const at = options.now();
    let secret: string;
    try {
      secret = options.secretBox ? options.secretBox.open(message.secret, message.endpoint_id).toString('utf8') : message.secret;
    } catch (err: unknown) {
      options.logger.error({ err, endpoint: message.endpoint_id }, 'a webhook secret does not open with this secret key');
      secret = '';
    }
    const outcome = secret
      ? await postWebhook(message.url, message.body, webhookHeaders({ secret, id: message.id, timestamp: Math.floor(at.getTime() / 1000), body: message.body }), options.policy, settings.timeoutMs)
      : { status: null, error: 'the endpoint secret does not open with the service secret key', durationMs: 0 };
    const attempts = message.attempts + 1;
    const delivered = outcome.error === null;
    // 410 Gone: the receiver says the endpoint is gone for good (Standard Webhooks): no retry.
    const gone = outcome.status === 410;
    const last = !delivered && (gone || attempts >= settings.maxAttempts);
    const state = delivered ? 'delivered' : last ? 'failed' : 'pending';
    await options.store.recordAttempt(message, this.instanceId, {
      attempt: { status: outcome.status, error: outcome.error, duration_ms: outcome.durationMs, at: at.toISOString() },
      state,
      next_attempt_at: delivered || last ? message.next_attempt_at : at.getTime() + webhookBackoffMs(attempts, settings),
      delivered_at: delivered ? options.now().toISOString() : null,
    });
    if (gone) {
      await options.store.disableEndpoint(message.endpoint_id, at.toISOString(), 'the endpoint answered 410 Gone');
      options.logger.warn({ endpoint: message.endpoint_id, message: message.id }, 'a webhook endpoint answered 410 Gone: it is disabled until it is updated');
    }
    if (!delivered) options.logger.info({ message: message.id, endpoint: message.endpoint_id, attempts, state, error: outcome.error }, 'webhook attempt failed');
  }
}
