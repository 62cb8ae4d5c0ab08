import { randomBytes } from 'node:crypto';
import { PassportError } from '../errors/passport-error.js';
import { checkWebhookUrl } from './lib/check-webhook-url.js';
import { generateWebhookSecret } from './sign-webhook.js';
import type { WebhookEventType } from './webhook-events.js';
import type { WebhookService } from './webhook-service.js';
import type { WebhookEndpointRow } from './webhook-store.js';

/** An endpoint as the API shows it (never its secret, which is shown once, when registered). */
export interface WebhookEndpoint {
  id: string;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  createdAt: string;
  /** False once the endpoint answered 410 Gone: nothing is sent to it until it is updated. */
  enabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
}

/** What registering an endpoint answers: the endpoint and its signing secret, shown this once. */
export interface RegisteredWebhookEndpoint extends WebhookEndpoint {
  secret: string;
}

/** What an organisation asks for. */
export interface WebhookEndpointInput {
  url: string;
  events: readonly string[];
  description?: string;
}

const MAX_ENDPOINTS_PER_ORG = 20;

function toEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as WebhookEventType[],
    description: row.description,
    createdAt: row.created_at,
    enabled: row.disabled_at === null,
    disabledAt: row.disabled_at,
    disabledReason: row.disabled_reason,
  };
}

function eventsOf(service: WebhookService, requested: readonly string[]): string[] {
  const events = [...new Set(requested)];
  const unknown = events.find((e) => !(service.events as readonly string[]).includes(e));
  if (events.length === 0 || unknown !== undefined) {
    throw new PassportError('ERR_REQUEST_INVALID', `events must be some of ${service.events.join(', ')}`, { field: 'events' });
  }
  return events;
}

/**
 * Registers an HTTPS endpoint for some of the service's events, with a new `whsec_` signing
 * secret (sealed at rest when the service has a secret key).
 *
 * @throws PassportError `ERR_WEBHOOK_URL_FORBIDDEN` (field `url`: not https, or a private address
 *   the service was not configured to allow), `ERR_REQUEST_INVALID` (field `events`, or too many endpoints).
 */
export async function registerWebhookEndpoint(service: WebhookService, orgId: string, input: WebhookEndpointInput, createdBy: string | null): Promise<RegisteredWebhookEndpoint> {
  const url = checkWebhookUrl(input.url, service.policy);
  const events = eventsOf(service, input.events);
  const existing = await service.store.listEndpoints(orgId);
  if (existing.length >= MAX_ENDPOINTS_PER_ORG) throw new PassportError('ERR_REQUEST_INVALID', `an organisation has at most ${MAX_ENDPOINTS_PER_ORG} webhook endpoints`, { field: 'url' });
  const id = `wh_${randomBytes(8).toString('hex')}`;
  const secret = generateWebhookSecret();
  const row: WebhookEndpointRow = {
    id,
    org_id: orgId,
    url: url.href,
    events: JSON.stringify(events),
    secret: service.secretBox ? service.secretBox.seal(secret, id) : secret,
    description: input.description ?? null,
    created_at: service.now().toISOString(),
    created_by: createdBy,
    disabled_at: null,
    disabled_reason: null,
  };
  await service.store.insertEndpoint(row);
  return { ...toEndpoint(row), secret };
}

/**
 * The organisation's webhook endpoints, oldest first.
 *
 * @example
 * const endpoints = await listWebhookEndpoints(ctx.webhooks, orgId);
 */
export async function listWebhookEndpoints(service: WebhookService, orgId: string): Promise<WebhookEndpoint[]> {
  return (await service.store.listEndpoints(orgId)).map(toEndpoint);
}

/**
 * Updates an endpoint (its URL, events or description; the secret stays) and enables it again: an
 * endpoint disabled because it answered 410 Gone is sent the events that happen from now on
 * (messages failed while it was disabled can be replayed).
 *
 * @example
 * const endpoint = await updateWebhookEndpoint(ctx.webhooks, orgId, endpointId, { url: 'https://hr.example.nhs.uk/hooks/v2' });
 * @throws PassportError `ERR_WEBHOOK_NOT_FOUND`, `ERR_WEBHOOK_URL_FORBIDDEN` (field `url`), `ERR_REQUEST_INVALID` (field `events`).
 */
export async function updateWebhookEndpoint(service: WebhookService, orgId: string, endpointId: string, input: Partial<WebhookEndpointInput>): Promise<WebhookEndpoint> {
  const fields = {
    ...(input.url === undefined ? {} : { url: checkWebhookUrl(input.url, service.policy).href }),
    ...(input.events === undefined ? {} : { events: JSON.stringify(eventsOf(service, input.events)) }),
    ...(input.description === undefined ? {} : { description: input.description }),
  };
  if (!(await service.store.updateEndpoint(orgId, endpointId, fields))) throw new PassportError('ERR_WEBHOOK_NOT_FOUND', 'no webhook endpoint with that id', { field: 'endpointId' });
  return toEndpoint((await service.store.findEndpoint(orgId, endpointId))!);
}

/**
 * Deletes an endpoint, its undelivered messages and its delivery log.
 *
 * @throws PassportError `ERR_WEBHOOK_NOT_FOUND`
 */
export async function deleteWebhookEndpoint(service: WebhookService, orgId: string, endpointId: string): Promise<void> {
  if (!(await service.store.deleteEndpoint(orgId, endpointId))) throw new PassportError('ERR_WEBHOOK_NOT_FOUND', 'no webhook endpoint with that id', { field: 'endpointId' });
}
