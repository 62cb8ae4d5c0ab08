import express, { type RequestHandler } from 'express';
import { PassportError, type SignInLimiter } from '@staff-passport/core';
import { addAuthHeaders, apiReferenceAssets, jsonBody, notFound, problemHandler, registerApiRoutes, requestLogger } from '@staff-passport/web-kit';
import { authenticateOidcToken } from '../auth/authenticate-oidc-token.js';
import { createVerifierAuthenticator } from '../auth/create-verifier-authenticator.js';
import { createDeskRouter } from '../desk/create-desk-router.js';
import { deskPrincipalOf, type DeskTokenCheck } from '../desk/lib/desk-sign-in.js';
import type { VerifierContext } from '../verifier-context.js';
import { createOid4vpRouter } from './routes/oid4vp-routes.js';
import { guardVerifierRoute, type VerifierAuthenticator } from './guard-verifier-route.js';
import { VERIFIER_WEBHOOK_ROUTES } from './routes/webhook-routes.js';
import type { VerifierRoute, VerifierRouteDeps } from './verifier-route.js';
import { VERIFIER_JSON_ROUTES, buildVerifierOpenApiDocument } from './verifier-routes.js';

/** Options for {@link createVerifierApp}. */
export interface VerifierAppOptions {
  /** Extra routes, added before the 404 handler. */
  extraRoutes?: (router: express.Router) => void;
  /** Signs in the caller of a route with roles (default: {@link createVerifierAuthenticator}: API keys and the desk's session, rate-limited). */
  authenticate?: VerifierAuthenticator;
  /** The default authenticator's count of failed sign-ins (default: core's `createSignInLimiter`); `false` for none (tests refused on purpose). */
  signInLimiter?: SignInLimiter | false;
  /** Applies a route's `access` from the table (default {@link guardVerifierRoute} with `authenticate`). */
  guard?: (route: VerifierRoute) => RequestHandler | undefined;
}

/** The organisation an OpenID access token is presented for (`X-Organisation-Id`). */
function organisationHeaderOf(req: express.Request): string {
  const orgId = req.get('x-organisation-id');
  if (!orgId) throw new PassportError('ERR_AUTH_INVALID', 'an OpenID access token is sent with the organisation it is for (X-Organisation-Id)', { field: 'x-organisation-id' });
  return orgId;
}

/**
 * The verifier's HTTP API as an express app, with no side effects: the W3C VC API
 * (`POST /challenges`, `POST /credentials/verify`, `POST /presentations/verify`: 200 with
 * `verified: true`, or 400 with `verified: false` and every failed check's code); check profiles;
 * presentation requests built from them, their answers, and the results with the verified
 * attributes as JSON or ESR-style CSV; and OpenID4VP 1.0 (see `createOid4vpRouter`): the
 * verifier's did:web at `/.well-known/did.json`, `POST /oid4vp/requests`, polling at
 * `GET /oid4vp/requests/{id}`, its QR codes, the signed request object (`request_uri`) and the
 * `direct_post` response URI; organisations, their API keys, did:web documents and audit logs.
 * An organisation's routes need sign-in with a role (`access` in the table); what a person's wallet
 * calls does not. Every route is registered from the route table (`VERIFIER_ROUTES`),
 * whose generated OpenAPI 3.1 document is at `/openapi.json`, with an interactive reference at `/docs/api`.
 */
export function createVerifierApp(ctx: VerifierContext, options: VerifierAppOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestLogger(ctx.logger));
  // The desk's pages and OpenID4VP first: their forms and protocol endpoints take form-encoded
  // bodies, which the JSON parser refuses.
  // The desk's session signs in its own GETs of the API too (polling, the downloads); never a
  // write, whose only guard against another site would then be the SameSite cookie.
  const checkSession: DeskTokenCheck = (session, req) => (session.kind === 'oidc' ? authenticateOidcToken(ctx, session.token, session.orgId) : authenticate(req, `Bearer ${session.token}`));
  const authenticate: VerifierAuthenticator =
    options.authenticate ??
    createVerifierAuthenticator(ctx, {
      ...(options.signInLimiter === undefined ? {} : { limiter: options.signInLimiter }),
      fromSession: (req) => (req.method === 'GET' ? deskPrincipalOf(ctx, req, checkSession) : Promise.resolve(undefined)),
      // An access token of the organisation's OpenID provider, as on the issuer's API: the
      // organisation it is for is named beside it (the verifier's paths do not carry it).
      bearer: (req, authorization) => authenticateOidcToken(ctx, authorization.replace(/^bearer +/i, ''), organisationHeaderOf(req)),
    });
  app.use(createDeskRouter(ctx, { checkKey: (apiKey, req) => authenticate(req, `Bearer ${apiKey}`), checkSession }));
  const deps: VerifierRouteDeps = { ctx, openapi: buildVerifierOpenApiDocument(ctx.publicUrl) };
  const guard = options.guard ?? ((route: VerifierRoute) => guardVerifierRoute(ctx, authenticate, route));
  app.use(createOid4vpRouter(deps, guard));
  app.use(apiReferenceAssets());
  app.use(jsonBody('2mb'));
  const router = express.Router();
  registerApiRoutes(router, [...VERIFIER_JSON_ROUTES, ...VERIFIER_WEBHOOK_ROUTES], { deps, guard });
  options.extraRoutes?.(router);
  app.use(router);
  app.use(notFound);
  app.use(addAuthHeaders);
  app.use(problemHandler(ctx.logger));
  return app;
}
