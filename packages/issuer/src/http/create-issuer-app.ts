import express from 'express';
import { jsonBody, notFound, problemHandler, requestLogger } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import { addAuthHeaders } from '../auth/add-auth-headers.js';
import { createAuthenticator, type Authenticator } from '../auth/create-authenticator.js';
import type { SignInLimiter } from '../auth/create-sign-in-limiter.js';
import { createConsoleRouter } from '../console/create-console-router.js';
import { buildOpenApiDocument, renderApiReference } from './openapi.js';
import { addAuditRoutes } from './routes/audit-routes.js';
import { addCredentialRoutes } from './routes/credential-routes.js';
import { addJobRoutes, isJobUpload } from './routes/job-routes.js';
import { addOid4vciRoutes, isOid4vciProtocolRequest } from './routes/oid4vci-routes.js';
import { addOfferRoutes } from './routes/offer-routes.js';
import { addOidcRoutes } from './routes/oidc-routes.js';
import { addOrgAdminRoutes } from './routes/org-admin-routes.js';
import { addPlatformRoutes } from './routes/platform-routes.js';
import { addPublicRoutes } from './routes/public-routes.js';

/** Options for {@link createIssuerApp}. */
export interface IssuerAppOptions {
  /** How callers of organisation routes sign in (default: API keys and each organisation's OIDC provider). */
  authenticate?: Authenticator;
  /** Let organisations' OpenID providers be reached over http on loopback (tests and local demos only). */
  allowHttpLoopback?: boolean;
  /** Limits failed OpenID4VCI token requests per client address (default on; `false` turns it off). */
  tokenLimiter?: SignInLimiter | false;
  /** Origins the console's sign-in form may redirect to (organisations' OpenID providers), for its content security policy. */
  consoleFormActionOrigins?: string[];
  /** Extra routes (jobs, OpenID4VCI), added before the 404 handler. */
  extraRoutes?: (router: express.Router) => void;
}

/**
 * The issuer's HTTP API as an express app, with no side effects (no listening, no start-up work):
 * what `server.ts` serves and what tests drive. Every route is described in `GET /openapi.json`,
 * with a readable reference at `GET /docs/api`.
 */
export function createIssuerApp(ctx: IssuerContext, options: IssuerAppOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestLogger(ctx.logger));
  const authenticate = options.authenticate ?? createAuthenticator(ctx, { allowHttpLoopback: options.allowHttpLoopback === true });
  // The HR console's pages (form posts and uploads, read by the console itself) come before the JSON parser.
  app.use(createConsoleRouter(ctx, authenticate, { allowHttpLoopback: options.allowHttpLoopback === true, ...(options.consoleFormActionOrigins ? { formActionOrigins: options.consoleFormActionOrigins } : {}) }));
  // Bulk uploads (CSV, JSON lines) are streamed to disk by their route, not parsed as JSON; the
  // OpenID4VCI protocol endpoints read their own bodies (form-encoded, empty or JSON).
  const skipForUploads =
    (handler: express.RequestHandler): express.RequestHandler =>
    (req, res, next) =>
      isJobUpload(req) || isOid4vciProtocolRequest(req) ? next() : handler(req, res, next);
  app.use(jsonBody('1mb').map(skipForUploads));

  const router = express.Router();
  addPublicRoutes(router, ctx);
  addPlatformRoutes(router, ctx);
  addOrgAdminRoutes(router, ctx, authenticate);
  addCredentialRoutes(router, ctx, authenticate);
  addAuditRoutes(router, ctx, authenticate);
  addJobRoutes(router, ctx, authenticate);
  addOidcRoutes(router, ctx, authenticate, { allowHttpLoopback: options.allowHttpLoopback === true });
  addOfferRoutes(router, ctx, authenticate);
  addOid4vciRoutes(router, ctx, options.tokenLimiter === undefined ? {} : { tokenLimiter: options.tokenLimiter });
  options.extraRoutes?.(router);

  const openapi = buildOpenApiDocument(ctx.publicUrl);
  router.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  router.get('/docs/api', (_req, res) => {
    res.type('html').send(renderApiReference(openapi));
  });

  app.use(router);
  app.use(notFound);
  app.use(addAuthHeaders);
  app.use(problemHandler(ctx.logger));
  return app;
}
