import { ISSUER_WEBHOOK_EVENTS } from '@staff-passport/core';
import { webhookRoutes } from '@staff-passport/web-kit';
import type { Role } from '../../api-keys/create-api-key.js';
import { PARAM, type IssuerRoute, type IssuerRouteDeps } from '../issuer-route.js';
import { callerOf } from '../request-helpers.js';

/**
 * The organisation's webhooks (its org admin's): endpoints for `offer.accepted`, `offer.rejected`,
 * `credential.revoked`, `credential.suspended`, `credential.reinstated` and `job.finished`,
 * signed as the Standard Webhooks specification says, their messages and delivery log, and replay.
 */
export const WEBHOOK_ROUTES: IssuerRoute[] = webhookRoutes<IssuerRouteDeps, Role>({
  base: '/orgs/:orgId',
  params: [PARAM.orgId],
  tag: 'webhooks',
  access: ['org-admin'],
  events: ISSUER_WEBHOOK_EVENTS,
  serviceOf: ({ ctx }) => ctx.webhooks,
  orgIdOf: (_req, res) => callerOf(res).org.id,
  actorOf: (res) => callerOf(res).principal.keyId,
});
