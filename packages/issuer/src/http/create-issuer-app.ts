import express, { type Request } from 'express';
import { jsonBody, notFound, problemHandler, requestLogger, PassportError } from '@staff-passport/core';
import { CATALOGUE, buildStaffPassportContext } from '@staff-passport/schemas';
import { authenticateApiKey, authorise } from '../api-keys/authenticate-api-key.js';
import type { IssuerContext } from '../issuer-context.js';
import { issueCredential, parseIssueRequest } from '../issuing/issue-credential.js';
import { buildDidDocument } from '../organisations/build-did-document.js';
import { getOrganisation } from '../organisations/get-organisation.js';

const ORG_ID = /^org_[0-9a-f]{16}$/;

function orgIdOf(req: Request): string {
  const orgId = req.params['orgId'];
  if (typeof orgId !== 'string' || !ORG_ID.test(orgId)) throw new PassportError('ERR_ORG_NOT_FOUND', 'no organisation with that id', { field: 'orgId' });
  return orgId;
}

/**
 * The issuer's HTTP API as an express app, with no side effects (no listening, no start-up work):
 * what `server.ts` serves and what tests drive.
 *
 * Routes: `GET /healthz`; `GET /orgs/{orgId}/did.json` (did:web); `POST /orgs/{orgId}/credentials/issue`
 * (W3C VC API, bearer API key with the `issuer` or `org-admin` role); `GET /schemas`,
 * `GET /schemas/{slug}/{version}` and `GET /contexts/v1` (the catalogue, at its `$id` paths).
 */
export function createIssuerApp(ctx: IssuerContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestLogger(ctx.logger));
  app.use(jsonBody('1mb'));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/orgs/:orgId/did.json', async (req, res) => {
    const org = await getOrganisation(ctx, orgIdOf(req));
    res.setHeader('cache-control', 'public, max-age=300');
    res.type('application/did+json').send(JSON.stringify(await buildDidDocument(ctx, org)));
  });

  app.post('/orgs/:orgId/credentials/issue', async (req, res) => {
    const principal = await authenticateApiKey(ctx, req.get('authorization'));
    const org = await getOrganisation(ctx, orgIdOf(req));
    authorise(principal, org.id, ['issuer', 'org-admin']);
    const issued = await issueCredential(ctx, org, parseIssueRequest(req.body), principal);
    res.status(201).json({ verifiableCredential: issued.verifiableCredential });
  });

  app.get('/schemas', (_req, res) => {
    res.json(CATALOGUE.map((d) => ({ type: d.type, version: d.version, id: d.schemaId })));
  });

  app.get('/schemas/:slug/:version', (req, res) => {
    const definition = CATALOGUE.find((d) => d.slug === req.params['slug'] && d.version === req.params['version']);
    if (!definition) throw new PassportError('ERR_NOT_FOUND', 'no such schema', { field: 'slug' });
    res.setHeader('cache-control', 'public, max-age=86400, immutable');
    res.type('application/schema+json').send(JSON.stringify(definition.schema));
  });

  app.get('/contexts/v1', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=86400');
    res.type('application/ld+json').send(JSON.stringify(buildStaffPassportContext()));
  });

  app.use(notFound);
  app.use(problemHandler(ctx.logger));
  return app;
}
