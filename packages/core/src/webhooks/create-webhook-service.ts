import type { Database } from '../db/database.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { Logger } from '../log/create-logger.js';
import type { WebhookAddressPolicy } from './lib/check-webhook-url.js';
import { WebhookDispatcher, type WebhookDeliverySettings } from './webhook-dispatcher.js';
import type { WebhookEventType } from './webhook-events.js';
import type { WebhookService } from './webhook-service.js';
import { createWebhookStore } from './webhook-store.js';

/** Options for {@link createWebhookService}. */
export interface CreateWebhookServiceOptions {
  db: Database;
  events: readonly WebhookEventType[];
  now: () => Date;
  logger: Logger;
  /** Where endpoints may be (default: public https addresses only). */
  policy?: Partial<WebhookAddressPolicy>;
  secretBox?: SecretBox;
  settings?: Partial<WebhookDeliverySettings>;
  instanceId?: string;
}

/**
 * A service's webhooks on its database: the store and the outbox worker (not started: the
 * service context starts it, and stops it on close).
 *
 * @example
 * const webhooks = createWebhookService({ db, events: ISSUER_WEBHOOK_EVENTS, now, logger, secretBox });
 * webhooks.dispatcher.start();
 */
export function createWebhookService(options: CreateWebhookServiceOptions): WebhookService {
  const store = createWebhookStore(options.db);
  const policy: WebhookAddressPolicy = { allowPrivateNetwork: options.policy?.allowPrivateNetwork ?? false, allowHttpLoopback: options.policy?.allowHttpLoopback ?? false };
  const dispatcher = new WebhookDispatcher({
    store,
    now: options.now,
    logger: options.logger,
    policy,
    ...(options.secretBox ? { secretBox: options.secretBox } : {}),
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.instanceId ? { instanceId: options.instanceId } : {}),
  });
  return { store, dispatcher, events: options.events, policy, secretBox: options.secretBox, now: options.now };
}
