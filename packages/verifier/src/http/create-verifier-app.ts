import express, { type RequestHandler } from 'express';
import { PassportError, apiReferenceAssets, jsonBody, notFound, problemHandler, registerApiRoutes, requestLogger } from '@staff-passport/core';
import { createDeskRouter } from '../desk/create-desk-router.js';
import type { VerifierContext } from '../verifier-context.js';
import { createOid4vpRouter } from './routes/oid4vp-routes.js';
import { VERIFIER_WEBHOOK_ROUTES } from './routes/webhook-routes.js';
import type { VerifierRoute, VerifierRouteDeps } from './verifier-route.js';
import { VERIFIER_JSON_ROUTES, buildVerifierOpenApiDocument } from './verifier-routes.js';

/** Options for {@link createVerifierApp}. */
export interface VerifierAppOptions {
  /** Extra routes, added before the 404 handler. */
  extraRoutes?: (router: express.Router) => void;
  /**
   * Applies a route's `access` from the table (sign-in and roles). Until the verifier has sign-in
   * every route is public, and a route with roles is refused at start-up rather than left open.
   */
  guard?: (route: VerifierRoute) => RequestHandler | undefined;
}

function publicOnly(route: VerifierRoute): RequestHandler | undefined {
  if (route.access === 'public') return undefined;
  throw new PassportError('ERR_CONFIG_INVALID', `${route.method.toUpperCase()} ${route.path} needs sign-in, which this verifier app was not given (options.guard)`);
}

// Routes for signed-in roles, in an app given no sign-in: there, and closed.
function closedUntilSignIn(): RequestHandler {
  return (_req, _res, next) => next(new PassportError('ERR_AUTH_MISSING', 'this verifier has no sign-in configured for this route'));
}

/**
 * The verifier's HTTP API as an express app, with no side effects: the W3C VC API
 * (`POST /challenges`, `POST /credentials/verify`, `POST /presentations/verify`: 200 with
 * `verified: true`, or 400 with `verified: false` and every failed check's code); check profiles;
 * presentation requests built from them, their answers, and the results with the verified
 * attributes as JSON or ESR-style CSV; and OpenID4VP 1.0 (see `createOid4vpRouter`): the
 * verifier's did:web at `/.well-known/did.json`, `POST /oid4vp/requests`, polling at
 * `GET /oid4vp/requests/{id}`, its QR codes, the signed request object (`request_uri`) and the
 * `direct_post` response URI. Every route is registered from the route table (`VERIFIER_ROUTES`),
 * whose generated OpenAPI 3.1 document is at `/openapi.json`, with an interactive reference at `/docs/api`.
 */
export function createVerifierApp(ctx: VerifierContext, options: VerifierAppOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestLogger(ctx.logger));
  // The desk's pages and OpenID4VP first: their forms and protocol endpoints take form-encoded
  // bodies, which the JSON parser refuses.
  app.use(createDeskRouter(ctx));
  const deps: VerifierRouteDeps = { ctx, openapi: buildVerifierOpenApiDocument(ctx.publicUrl) };
  const guard = options.guard ?? publicOnly;
  app.use(createOid4vpRouter(deps, guard));
  app.use(apiReferenceAssets());
  app.use(jsonBody('2mb'));
  const router = express.Router();
  registerApiRoutes(router, VERIFIER_JSON_ROUTES, { deps, guard });
  // The webhook routes need sign-in: without a guard they answer 401 (never left open).
  registerApiRoutes(router, VERIFIER_WEBHOOK_ROUTES, { deps, guard: options.guard ?? closedUntilSignIn });
  options.extraRoutes?.(router);
  app.use(router);
  app.use(notFound);
  app.use(problemHandler(ctx.logger));
  return app;
}
