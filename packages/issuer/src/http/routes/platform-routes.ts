import type { Router } from 'express';
import { authenticatePlatformKey } from '../../api-keys/platform-keys.js';
import type { IssuerContext } from '../../issuer-context.js';
import { createOrganisation } from '../../organisations/create-organisation.js';
import { listOrganisations } from '../../organisations/get-organisation.js';
import { objectBody, stringField } from '../request-helpers.js';

/** Platform administration: create and list organisations (platform keys only). */
export function addPlatformRoutes(router: Router, ctx: IssuerContext): void {
  router.post('/orgs', async (req, res) => {
    const admin = await authenticatePlatformKey(ctx, req.get('authorization'));
    const body = objectBody(req.body, ['name', 'odsCode']);
    const org = await createOrganisation(ctx, { name: stringField(body, 'name'), odsCode: stringField(body, 'odsCode', 10) }, admin.keyId);
    res.status(201).json(org);
  });

  router.get('/orgs', async (req, res) => {
    await authenticatePlatformKey(ctx, req.get('authorization'));
    res.json({ organisations: await listOrganisations(ctx) });
  });
}
