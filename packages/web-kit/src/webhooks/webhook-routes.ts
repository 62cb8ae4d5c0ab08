import type { Request, Response } from 'express';
import type { ApiParameter, ApiRoute } from '../api/api-route.js';
import { jsonSchema as s } from '../api/json-schema.js';
import {
  WEBHOOK_EVENTS,
  deleteWebhookEndpoint,
  listWebhookEndpoints,
  listWebhookMessages,
  registerWebhookEndpoint,
  replayWebhookMessage,
  updateWebhookEndpoint,
  type WebhookService,
} from '@staff-passport/core';

/** Where a service's webhook routes are and how they find their organisation and caller. */
export type WebhookRoutesBase<Deps, Role extends string> = Pick<ApiRoute<Deps, Role>, 'tag' | 'access'> & {
  /** The organisation's path (`/orgs/:orgId`), under which `/webhooks` goes. */
  base: string;
  /** The base's path parameters. */
  params: readonly ApiParameter[];
  /** The events this service sends (for the schemas). */
  events: readonly string[];
  serviceOf(deps: Deps): WebhookService;
  /** The organisation the caller acts for (after the guard). */
  orgIdOf(req: Request, res: Response): string;
  /** Who registered an endpoint, for the record. */
  actorOf(res: Response): string | null;
};

const ENDPOINT_ID: ApiParameter = { name: 'endpointId', description: 'a webhook endpoint', schema: s.string({ pattern: '^wh_[0-9a-f]{16}$' }), example: 'wh_0a1b2c3d4e5f6a7b', notFound: 'ERR_WEBHOOK_NOT_FOUND' };
const MESSAGE_ID: ApiParameter = { name: 'messageId', description: 'a webhook message (its webhook-id)', schema: s.string({ pattern: '^msg_[0-9a-f]{32}$' }), example: 'msg_0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d', notFound: 'ERR_WEBHOOK_NOT_FOUND' };
const TIME = '2026-03-01T09:30:00.000Z';

/**
 * The webhook routes of a service, as route table entries under `{base}/webhooks`: register an
 * endpoint (the secret is answered once), list, update (enabling it again after a 410 Gone) and
 * delete endpoints, an endpoint's messages with
 * their delivery log, and replay of one message.
 *
 * @example
 * ...webhookRoutes({ base: '/orgs/:orgId', params: [PARAM.orgId], tag: 'webhooks', access: ['org-admin'], events: ISSUER_WEBHOOK_EVENTS, serviceOf: (d) => d.ctx.webhooks, orgIdOf: (_req, res) => callerOf(res).org.id, actorOf: (res) => callerOf(res).principal.keyId })
 */
export function webhookRoutes<Deps, Role extends string>(base: WebhookRoutesBase<Deps, Role>): ApiRoute<Deps, Role>[] {
  const { tag, access, params, serviceOf, orgIdOf, actorOf, events } = base;
  const path = `${base.base}/webhooks`;
  const endpointExample = { id: ENDPOINT_ID.example, url: 'https://hr.example.nhs.uk/hooks/staff-passport', events: [events[0]], description: 'ESR interface', createdAt: TIME, enabled: true, disabledAt: null, disabledReason: null };
  const endpoint = s.object(
    {
      id: s.string(),
      url: s.string(),
      events: s.array(s.enum(events)),
      description: s.nullable(s.string()),
      createdAt: s.string({ format: 'date-time' }),
      enabled: s.boolean({ description: 'false once the endpoint answered 410 Gone: nothing is sent to it until it is updated (PATCH)' }),
      disabledAt: s.nullable(s.string({ format: 'date-time' })),
      disabledReason: s.nullable(s.string()),
    },
    ['id', 'url', 'events', 'description', 'createdAt', 'enabled', 'disabledAt', 'disabledReason'],
  );
  const attempt = s.object(
    { attempt: s.integer(), at: s.string({ format: 'date-time' }), status: s.nullable(s.integer()), error: s.nullable(s.string()), durationMs: s.integer() },
    ['attempt', 'at', 'status', 'error', 'durationMs'],
  );
  const message = s.object(
    {
      id: s.string({ description: 'the webhook-id header of every attempt' }),
      type: s.enum(WEBHOOK_EVENTS),
      state: s.enum(['pending', 'delivered', 'failed']),
      attempts: s.integer(),
      nextAttemptAt: s.nullable(s.string({ format: 'date-time' })),
      createdAt: s.string({ format: 'date-time' }),
      deliveredAt: s.nullable(s.string({ format: 'date-time' })),
      payload: s.object({ type: s.string(), timestamp: s.string(), data: s.anyObject('what happened') }, ['type', 'timestamp', 'data']),
      log: s.array(attempt),
    },
    ['id', 'type', 'state', 'attempts', 'nextAttemptAt', 'createdAt', 'deliveredAt', 'payload', 'log'],
  );
  return [
    {
      method: 'post',
      path,
      summary: 'Register a webhook endpoint (Standard Webhooks: signed with the secret answered here, once)',
      description:
        'Messages are POSTed as JSON `{type, timestamp, data}` with the headers `webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,` and the base64 HMAC-SHA256 of `id.timestamp.body` keyed by the secret), from a durable outbox, at least once, retried with exponential backoff. The URL must be https on a public address unless the service allows private addresses.',
      tag,
      access,
      params,
      body: {
        schema: s.object({ url: s.string({ maxLength: 2000 }), events: s.array(s.enum(events), { minItems: 1 }), description: s.string({ maxLength: 200 }) }, ['url', 'events']),
        example: { url: endpointExample.url, events: endpointExample.events, description: endpointExample.description },
      },
      responses: { 201: { description: 'the endpoint, with its signing secret (shown this once)', schema: { allOf: [endpoint, s.object({ secret: s.string() }, ['secret'], { open: true })] }, example: { ...endpointExample, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' } } },
      errors: [400, 401, 403, 404],
      handler: async (deps, req, res) => {
        const body = req.body as { url: string; events: string[]; description?: string };
        res.status(201).json(await registerWebhookEndpoint(serviceOf(deps), orgIdOf(req, res), body, actorOf(res)));
      },
    },
    {
      method: 'get',
      path,
      summary: "The organisation's webhook endpoints",
      tag,
      access,
      params,
      responses: { 200: { description: 'the endpoints, oldest first', schema: s.object({ endpoints: s.array(endpoint) }, ['endpoints']), example: { endpoints: [endpointExample] } } },
      errors: [401, 403, 404],
      handler: async (deps, req, res) => {
        res.json({ endpoints: await listWebhookEndpoints(serviceOf(deps), orgIdOf(req, res)) });
      },
    },
    {
      method: 'patch',
      path: `${path}/:endpointId`,
      summary: 'Update a webhook endpoint (URL, events, description) and enable it again after it answered 410 Gone',
      description:
        'An endpoint that answers 410 Gone is disabled (Standard Webhooks): its pending messages are marked failed and nothing more is sent to it. Updating it, even with an empty body, enables it again for the events from then on; failed messages can be replayed.',
      tag,
      access,
      params: [...params, ENDPOINT_ID],
      body: {
        schema: s.object({ url: s.string({ maxLength: 2000 }), events: s.array(s.enum(events), { minItems: 1 }), description: s.string({ maxLength: 200 }) }, []),
        example: { url: 'https://hr.example.nhs.uk/hooks/staff-passport/v2' },
      },
      responses: { 200: { description: 'the endpoint, enabled', schema: endpoint, example: { ...endpointExample, url: 'https://hr.example.nhs.uk/hooks/staff-passport/v2' } } },
      errors: [400, 401, 403, 404],
      handler: async (deps, req, res) => {
        const body = req.body as { url?: string; events?: string[]; description?: string };
        res.json(await updateWebhookEndpoint(serviceOf(deps), orgIdOf(req, res), String(req.params['endpointId']), body));
      },
    },
    {
      method: 'delete',
      path: `${path}/:endpointId`,
      summary: 'Delete a webhook endpoint with its undelivered messages and delivery log',
      tag,
      access,
      params: [...params, ENDPOINT_ID],
      responses: { 204: { description: 'deleted', contentType: 'none' } },
      errors: [401, 403, 404],
      handler: async (deps, req, res) => {
        await deleteWebhookEndpoint(serviceOf(deps), orgIdOf(req, res), String(req.params['endpointId']));
        res.status(204).end();
      },
    },
    {
      method: 'get',
      path: `${path}/:endpointId/messages`,
      summary: "An endpoint's messages, newest first, with the delivery log of each",
      tag,
      access,
      params: [...params, ENDPOINT_ID],
      responses: {
        200: {
          description: 'the latest 50 messages',
          schema: s.object({ messages: s.array(message) }, ['messages']),
          example: {
            messages: [
              {
                id: MESSAGE_ID.example,
                type: events[0],
                state: 'delivered',
                attempts: 2,
                nextAttemptAt: null,
                createdAt: TIME,
                deliveredAt: TIME,
                payload: { type: events[0], timestamp: TIME, data: {} },
                log: [
                  { attempt: 1, at: TIME, status: 503, error: 'the endpoint answered 503', durationMs: 41 },
                  { attempt: 2, at: TIME, status: 204, error: null, durationMs: 12 },
                ],
              },
            ],
          },
        },
      },
      errors: [401, 403, 404],
      handler: async (deps, req, res) => {
        res.json({ messages: await listWebhookMessages(serviceOf(deps), orgIdOf(req, res), String(req.params['endpointId'])) });
      },
    },
    {
      method: 'post',
      path: `${path}/:endpointId/messages/:messageId/replay`,
      summary: 'Send a message again now (same webhook-id and body)',
      tag,
      access,
      params: [...params, ENDPOINT_ID, MESSAGE_ID],
      body: { schema: s.object({}, [], { description: 'nothing (an empty object)' }), example: {} },
      responses: { 202: { description: 'due now; the worker sends it on its next round', schema: s.object({ replayed: s.string() }, ['replayed']), example: { replayed: MESSAGE_ID.example } } },
      errors: [401, 403, 404],
      handler: async (deps, req, res) => {
        const messageId = String(req.params['messageId']);
        await replayWebhookMessage(serviceOf(deps), orgIdOf(req, res), String(req.params['endpointId']), messageId);
        res.status(202).json({ replayed: messageId });
      },
    },
  ];
}
