import express from 'express';
import { jsonBody, notFound, problemHandler, requestLogger } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import { buildOpenApiDocument, renderApiReference } from './openapi.js';
import { apiKeyAuthenticator, type Authenticator } from './require-role.js';
import { addAuditRoutes } from './routes/audit-routes.js';
import { addCredentialRoutes } from './routes/credential-routes.js';
import { addOrgAdminRoutes } from './routes/org-admin-routes.js';
import { addPlatformRoutes } from './routes/platform-routes.js';
import { addPublicRoutes } from './routes/public-routes.js';

/** Options for {@link createIssuerApp}. */
export interface IssuerAppOptions {
  /** How callers of organisation routes are authenticated (default: API keys only). */
  authenticate?: Authenticator;
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
  app.use(jsonBody('1mb'));

  const authenticate = options.authenticate ?? apiKeyAuthenticator(ctx);
  const router = express.Router();
  addPublicRoutes(router, ctx);
  addPlatformRoutes(router, ctx);
  addOrgAdminRoutes(router, ctx, authenticate);
  addCredentialRoutes(router, ctx, authenticate);
  addAuditRoutes(router, ctx, authenticate);
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
  app.use(problemHandler(ctx.logger));
  return app;
}
