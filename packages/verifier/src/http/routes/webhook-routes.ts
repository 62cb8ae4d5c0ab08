import { VERIFIER_WEBHOOK_EVENTS, webhookRoutes } from '@staff-passport/core';
import { DEFAULT_VERIFIER_ORGANISATION_ID } from '../../webhooks/verifier-organisation.js';
import type { VerifierRoute, VerifierRouteDeps } from '../verifier-route.js';

/** The role that manages a verifier organisation's webhooks (its administrator). */
export const WEBHOOK_ADMIN_ROLE = 'admin';

/**
 * The verifier's webhooks (`verification.completed`), for its administrator: endpoints, their
 * messages and delivery log, and replay. They need sign-in: `createVerifierApp` registers them
 * only when given a guard. The organisation is the caller's (`res.locals.orgId`, set by the
 * guard) or, while the verifier serves one organisation, the default one.
 */
export const VERIFIER_WEBHOOK_ROUTES: VerifierRoute[] = webhookRoutes<VerifierRouteDeps, string>({
  base: '',
  params: [],
  tag: 'webhooks',
  access: [WEBHOOK_ADMIN_ROLE],
  events: VERIFIER_WEBHOOK_EVENTS,
  serviceOf: ({ ctx }) => ctx.webhooks,
  orgIdOf: (_req, res) => (typeof res.locals['orgId'] === 'string' ? res.locals['orgId'] : DEFAULT_VERIFIER_ORGANISATION_ID),
  actorOf: (res) => (typeof res.locals['actor'] === 'string' ? res.locals['actor'] : null),
});
