import { jsonSchema as s } from '@staff-passport/web-kit';
import type { PlatformPrincipal } from '../../api-keys/platform-keys.js';
import { createOrganisation } from '../../organisations/create-organisation.js';
import { listOrganisations } from '../../organisations/get-organisation.js';
import { EXAMPLE, type IssuerRoute } from '../issuer-route.js';
import { stringField } from '../request-helpers.js';

const ORGANISATION_EXAMPLE = { id: EXAMPLE.orgId, name: 'Royal Thames Hospital NHS Trust', odsCode: 'RTH', did: EXAMPLE.did, createdAt: EXAMPLE.time };

/** Platform administration: create and list organisations (platform keys only). */
export const PLATFORM_ROUTES: IssuerRoute[] = [
  {
    method: 'post',
    path: '/orgs',
    summary: 'Create an organisation (did:web, Ed25519 and P-256 keys)',
    tag: 'platform',
    access: 'platform',
    body: {
      schema: s.object({ name: s.string({ minLength: 1, maxLength: 200, description: 'Organisation name' }), odsCode: s.string({ minLength: 1, maxLength: 10, description: 'ODS code, for example RTH' }) }, ['name', 'odsCode']),
      example: { name: 'Royal Thames Hospital NHS Trust', odsCode: 'RTH' },
    },
    responses: { 201: { description: 'the organisation', schema: s.ref('Organisation'), example: ORGANISATION_EXAMPLE } },
    errors: [400, 401, 409],
    handler: async ({ ctx }, req, res) => {
      const admin = res.locals['platformAdmin'] as PlatformPrincipal;
      const body = req.body as Record<string, unknown>;
      const org = await createOrganisation(ctx, { name: stringField(body, 'name'), odsCode: stringField(body, 'odsCode', 10) }, admin.keyId);
      res.status(201).json(org);
    },
  },
  {
    method: 'get',
    path: '/orgs',
    summary: 'List organisations',
    tag: 'platform',
    access: 'platform',
    responses: { 200: { description: 'every organisation', schema: s.object({ organisations: s.array(s.ref('Organisation')) }, ['organisations']), example: { organisations: [ORGANISATION_EXAMPLE] } } },
    errors: [401],
    handler: async ({ ctx }, _req, res) => {
      res.json({ organisations: await listOrganisations(ctx) });
    },
  },
];
