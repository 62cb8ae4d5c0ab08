import type { SecretBox } from '../lib/secret-box.js';
import type { WebhookAddressPolicy } from './lib/check-webhook-url.js';
import type { WebhookDispatcher } from './webhook-dispatcher.js';
import type { WebhookEventType } from './webhook-events.js';
import type { WebhookStore } from './webhook-store.js';

/** A service's webhooks: a field of its context (the store, the worker, and what is allowed). */
export interface WebhookService {
  store: WebhookStore;
  dispatcher: WebhookDispatcher;
  /** The events this service sends (what an endpoint may subscribe to). */
  events: readonly WebhookEventType[];
  policy: WebhookAddressPolicy;
  /** Seals endpoint secrets at rest (absent: stored as given). */
  secretBox: SecretBox | undefined;
  now: () => Date;
}
