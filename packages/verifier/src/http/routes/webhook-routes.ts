import { VERIFIER_WEBHOOK_EVENTS } from '@staff-passport/core';
import { webhookRoutes } from '@staff-passport/web-kit';
import { callerOf } from '../verifier-caller.js';
import type { VerifierRole } from '../../auth/verifier-roles.js';
import type { VerifierRoute, VerifierRouteDeps } from '../verifier-route.js';

/**
 * The role that manages a verifier organisation's webhooks: its profile admin, who already manages
 * what the organisation's checks ask and do (the verifier has no organisation-admin role).
 */
export const WEBHOOK_ADMIN_ROLE: VerifierRole = 'profile-admin';

/**
 * The verifier's webhooks (`verification.completed`), for the organisation's profile admin:
 * endpoints, their messages and delivery log, and replay, of the organisation the caller signed
 * in to (another organisation's webhook ids answer 404).
 */
export const VERIFIER_WEBHOOK_ROUTES: VerifierRoute[] = webhookRoutes<VerifierRouteDeps, VerifierRole>({
  base: '',
  params: [],
  tag: 'webhooks',
  access: [WEBHOOK_ADMIN_ROLE],
  events: VERIFIER_WEBHOOK_EVENTS,
  serviceOf: ({ ctx }) => ctx.webhooks,
  orgIdOf: (_req, res) => callerOf(res).org.id,
  actorOf: (res) => callerOf(res).principal.actor,
});
