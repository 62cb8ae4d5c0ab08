import express from 'express';
import { createSignInLimiter, type SignInLimiter } from '@staff-passport/core';
import { addAuthHeaders, apiReferenceAssets, jsonBody, notFound, openCors, problemHandler, registerApiRoutes, requestLogger } from '@staff-passport/web-kit';
import type { IssuerContext } from '../issuer-context.js';
import { createAuthenticator, type Authenticator } from '../auth/create-authenticator.js';
import { createConsoleRouter } from '../console/create-console-router.js';
import { guardIssuerRoute } from './guard-issuer-route.js';
import type { IssuerRouteDeps } from './issuer-route.js';
import { ISSUER_ROUTES, buildIssuerOpenApiDocument } from './issuer-routes.js';
import { isJobUpload } from './routes/job-routes.js';
import { OID4VCI_CORS_PATHS, isOid4vciProtocolRequest, oid4vciCors } from './routes/oid4vci-routes.js';

/** Options for {@link createIssuerApp}. */
export interface IssuerAppOptions {
  /** How callers of organisation routes sign in (default: API keys and each organisation's OIDC provider). */
  authenticate?: Authenticator;
  /** Let organisations' OpenID providers be reached over http on loopback (tests and local demos only). */
  allowHttpLoopback?: boolean;
  /** Limits failed OpenID4VCI token requests per client address (default on; `false` turns it off). */
  tokenLimiter?: SignInLimiter | false;
  /**
   * Serve wallets on earlier OpenID4VCI drafts (up to draft 15) as well: the metadata also at
   * `{credential_issuer}/.well-known/openid-credential-issuer` (and the authorization server's at
   * `.../oauth-authorization-server`), and a credential request with a single `proof` accepted as
   * one proof. OpenID4VCI 1.0 requests are answered the same either way. Default true.
   */
  oid4vciDraftCompatibility?: boolean;
  /** Origins the console's sign-in form may redirect to (organisations' OpenID providers), for its content security policy. */
  consoleFormActionOrigins?: string[];
  /** Extra routes (jobs, OpenID4VCI), added before the 404 handler. */
  extraRoutes?: (router: express.Router) => void;
}

/**
 * The issuer's HTTP API as an express app, with no side effects (no listening, no start-up work):
 * what `server.ts` serves and what tests drive. Every route is registered from `ISSUER_ROUTES`
 * (roles applied and bodies validated from it) and described by the document generated from it at
 * `GET /openapi.json`, with an interactive reference at `GET /docs/api`.
 */
export function createIssuerApp(ctx: IssuerContext, options: IssuerAppOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestLogger(ctx.logger));
  const authenticate = options.authenticate ?? createAuthenticator(ctx, { allowHttpLoopback: options.allowHttpLoopback === true });
  // The HR console's pages (form posts and uploads, read by the console itself) come before the JSON parser.
  app.use(createConsoleRouter(ctx, authenticate, { allowHttpLoopback: options.allowHttpLoopback === true, ...(options.consoleFormActionOrigins ? { formActionOrigins: options.consoleFormActionOrigins } : {}) }));
  // Bulk uploads (CSV, JSON lines) are streamed into the database by their route, not parsed as JSON; the
  // OpenID4VCI protocol endpoints read their own bodies (form-encoded, empty or JSON).
  const skipForUploads =
    (handler: express.RequestHandler): express.RequestHandler =>
    (req, res, next) =>
      isJobUpload(req) || isOid4vciProtocolRequest(req) ? next() : handler(req, res, next);
  app.use(jsonBody('1mb').map(skipForUploads));

  const router = express.Router();
  // Wallets in browsers check signatures and status, and use OpenID4VCI, from their own origin.
  router.use(['/orgs/:orgId/did.json', '/orgs/:orgId/status', '/schemas', '/contexts'], openCors({ methods: 'GET' }));
  router.use(OID4VCI_CORS_PATHS, oid4vciCors);
  router.use(apiReferenceAssets());
  // Guessing codes across many offers from one address is refused (429) before the per-offer lock.
  const tokenLimiter = options.tokenLimiter === false ? undefined : (options.tokenLimiter ?? createSignInLimiter({ burst: 30, perMinute: 10 }));
  const deps: IssuerRouteDeps = { ctx, authenticate, allowHttpLoopback: options.allowHttpLoopback === true, tokenLimiter, oid4vciDraftCompatibility: options.oid4vciDraftCompatibility ?? true, openapi: buildIssuerOpenApiDocument(ctx.publicUrl) };
  registerApiRoutes(router, ISSUER_ROUTES, { deps, guard: (route) => guardIssuerRoute(deps, route) });
  options.extraRoutes?.(router);

  app.use(router);
  app.use(notFound);
  app.use(addAuthHeaders);
  app.use(problemHandler(ctx.logger));
  return app;
}
