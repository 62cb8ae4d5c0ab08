import { PassportError, openCors } from '@staff-passport/core';
import { CATALOGUE, buildStaffPassportContext } from '@staff-passport/schemas';
import type { Router } from 'express';
import type { IssuerContext } from '../../issuer-context.js';
import { buildDidDocument } from '../../organisations/build-did-document.js';
import { getOrganisation } from '../../organisations/get-organisation.js';
import { renderStatusList, STATUS_LIST_MEDIA_TYPES, STATUS_LIST_TTL_SECONDS, type StatusListView } from '../../status/render-status-list.js';
import { orgIdOf, pathParam } from '../request-helpers.js';

/** Routes anyone may read: health, DID documents, status lists, the catalogue's schemas and context. */
export function addPublicRoutes(router: Router, ctx: IssuerContext): void {
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Wallets in browsers check signatures and status from their own origin.
  router.use(['/orgs/:orgId/did.json', '/orgs/:orgId/status', '/schemas', '/contexts'], openCors({ methods: 'GET' }));

  router.get('/orgs/:orgId/did.json', async (req, res) => {
    const org = await getOrganisation(ctx, orgIdOf(req));
    res.setHeader('cache-control', 'public, max-age=300');
    res.type('application/did+json').send(JSON.stringify(await buildDidDocument(ctx, org)));
  });

  router.get('/orgs/:orgId/status/:listId/:view', async (req, res) => {
    const org = await getOrganisation(ctx, orgIdOf(req));
    const listId = pathParam(req, 'listId', /^sl_[0-9a-f]{16}$/);
    const view = pathParam(req, 'view', /^(revocation|suspension|token)$/) as StatusListView;
    const rendered = await renderStatusList(ctx, org, listId, view);
    // HTTP caches keep a list as long as its ttl lets verifiers keep it, no longer and no shorter:
    // a status change reaches every verifier within STATUS_LIST_TTL_SECONDS (see the README).
    res.setHeader('cache-control', `public, max-age=${STATUS_LIST_TTL_SECONDS}`);
    res.setHeader('etag', `"${rendered.version}"`);
    res.setHeader('last-modified', new Date(rendered.updatedAt).toUTCString());
    if (req.get('if-none-match') === `"${rendered.version}"`) {
      res.status(304).end();
      return;
    }
    res.type(STATUS_LIST_MEDIA_TYPES[view]).send(rendered.jwt);
  });

  router.get('/schemas', (_req, res) => {
    res.json(CATALOGUE.map((d) => ({ type: d.type, version: d.version, id: d.schemaId, vct: d.vct })));
  });

  router.get('/schemas/:slug/:version', (req, res) => {
    const definition = CATALOGUE.find((d) => d.slug === req.params['slug'] && d.version === req.params['version']);
    if (!definition) throw new PassportError('ERR_NOT_FOUND', 'no such schema', { field: 'slug' });
    res.setHeader('cache-control', 'public, max-age=86400, immutable');
    res.type('application/schema+json').send(JSON.stringify(definition.schema));
  });

  router.get('/contexts/v1', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=86400');
    res.type('application/ld+json').send(JSON.stringify(buildStaffPassportContext()));
  });
}
