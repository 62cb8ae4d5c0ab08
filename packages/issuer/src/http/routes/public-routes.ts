import { PassportError } from '@staff-passport/core';
import { healthRoute, jsonSchema as s } from '@staff-passport/web-kit';
import { CATALOGUE, buildStaffPassportContext } from '@staff-passport/schemas';
import { buildDidDocument } from '../../organisations/build-did-document.js';
import { getOrganisation } from '../../organisations/get-organisation.js';
import { renderStatusList, STATUS_LIST_LD_MEDIA_TYPES, STATUS_LIST_MEDIA_TYPES, STATUS_LIST_TTL_SECONDS, type StatusListView } from '../../status/render-status-list.js';
import { EXAMPLE, PARAM, type IssuerRoute, type IssuerRouteDeps } from '../issuer-route.js';
import { orgIdOf, pathParam } from '../request-helpers.js';

const JWT_EXAMPLE = 'eyJhbGciOiJFZERTQSIsImtpZCI6Ii4uLiJ9.eyJ...fQ.c2ln';

/** Routes anyone may read: health, DID documents, status lists, the catalogue's schemas and context. */
export const PUBLIC_ROUTES: IssuerRoute[] = [
  healthRoute<IssuerRouteDeps>(),
  {
    method: 'get',
    path: '/orgs/:orgId/did.json',
    summary: "The organisation's did:web DID document (keys, ODS code in alsoKnownAs)",
    tag: 'organisations',
    access: 'public',
    params: [PARAM.orgId],
    responses: {
      200: {
        description: 'DID document',
        contentType: 'application/did+json',
        schema: s.object({ '@context': {}, id: s.string(), alsoKnownAs: s.array(s.string()), verificationMethod: s.array(s.anyObject('a verification method with publicKeyJwk')) }, ['id'], { open: true }),
        example: { '@context': ['https://www.w3.org/ns/did/v1'], id: EXAMPLE.did, alsoKnownAs: ['https://odsportal.digital.nhs.uk/Organisation/RTH'], verificationMethod: [] },
      },
    },
    errors: [404],
    handler: async ({ ctx }, req, res) => {
      const org = await getOrganisation(ctx, orgIdOf(req));
      res.setHeader('cache-control', 'public, max-age=300');
      res.type('application/did+json').send(JSON.stringify(await buildDidDocument(ctx, org)));
    },
  },
  {
    method: 'get',
    path: '/orgs/:orgId/status/:listId/:view',
    summary: 'A status list: view revocation or suspension (BitstringStatusListCredential, vc+jwt) or token (IETF Token Status List, statuslist+jwt)',
    tag: 'status',
    access: 'public',
    params: [
      { ...PARAM.orgId },
      { name: 'listId', description: 'the status list', schema: s.string({ pattern: '^sl_[0-9a-f]{16}$' }), example: EXAMPLE.listId },
      { name: 'view', description: 'which list', schema: s.enum(['revocation', 'suspension', 'token']), example: 'revocation' },
    ],
    responses: {
      200: {
        description:
          'the signed status list: `application/vc+jwt` by default; with a Data Integrity proof (`eddsa-rdfc-2022`) when Accept prefers `application/vc`, `application/vc+ld+json`, `application/ld+json` or `application/json`; `application/statuslist+jwt` for the token view. With an ETag',
        contentType: 'application/vc+jwt',
        schema: s.string({ description: 'a compact JWS' }),
        example: JWT_EXAMPLE,
        headers: { etag: { description: 'the list version', schema: s.string() } },
      },
      304: { description: 'not modified since the ETag sent in If-None-Match', contentType: 'none' },
    },
    errors: [404],
    handler: async ({ ctx }, req, res) => {
      const org = await getOrganisation(ctx, orgIdOf(req));
      const listId = pathParam(req, 'listId', /^sl_[0-9a-f]{16}$/);
      const view = pathParam(req, 'view', /^(revocation|suspension|token)$/) as StatusListView;
      // Content negotiation (RFC 9110, section 12.5.1): VC-JOSE unless the reader prefers JSON-LD.
      const wanted = view === 'token' ? false : req.accepts([STATUS_LIST_MEDIA_TYPES[view], ...STATUS_LIST_LD_MEDIA_TYPES]);
      const ld = typeof wanted === 'string' && STATUS_LIST_LD_MEDIA_TYPES.includes(wanted) ? wanted : undefined;
      const rendered = await renderStatusList(ctx, org, listId, view, ld ? 'ldp_vc' : 'vc+jwt');
      res.setHeader('vary', 'Accept');
      // HTTP caches keep a list as long as its ttl lets verifiers keep it, no longer and no shorter:
      // a status change reaches every verifier within STATUS_LIST_TTL_SECONDS (see the README).
      res.setHeader('cache-control', `public, max-age=${STATUS_LIST_TTL_SECONDS}`);
      res.setHeader('last-modified', new Date(rendered.updatedAt).toUTCString());
      // The ETag names the list version and how it is secured: the two bodies differ.
      const etag = `"${rendered.version}${ld ? '-ldp' : ''}"`;
      res.setHeader('etag', etag);
      if (req.get('if-none-match') === etag) {
        res.status(304).end();
        return;
      }
      res.type(ld ?? STATUS_LIST_MEDIA_TYPES[view]).send(rendered.body);
    },
  },
  {
    method: 'get',
    path: '/schemas',
    summary: 'The credential catalogue: types, versions, schema ids, vct',
    tag: 'catalogue',
    access: 'public',
    responses: {
      200: {
        description: 'the catalogue',
        schema: s.array(s.object({ type: s.string(), version: s.string(), id: s.string({ format: 'uri' }), vct: s.string() }, ['type', 'version', 'id', 'vct'])),
        example: [{ type: 'TrainingRecord', version: '1.0', id: 'https://issuer.example.nhs.uk/schemas/training-record/1.0', vct: 'https://issuer.example.nhs.uk/vct/training-record' }],
      },
    },
    handler: (_deps, _req, res) => {
      res.json(CATALOGUE.map((d) => ({ type: d.type, version: d.version, id: d.schemaId, vct: d.vct })));
    },
  },
  {
    method: 'get',
    path: '/schemas/:slug/:version',
    summary: 'A credential type JSON Schema (2020-12), at its $id path',
    tag: 'catalogue',
    access: 'public',
    params: [
      { name: 'slug', description: 'the type, kebab-case', schema: s.string(), example: 'training-record' },
      { name: 'version', description: 'the schema version', schema: s.string(), example: '1.0' },
    ],
    responses: {
      200: {
        description: 'the JSON Schema',
        contentType: 'application/schema+json',
        schema: s.anyObject('a JSON Schema 2020-12 document'),
        example: { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'https://issuer.example.nhs.uk/schemas/training-record/1.0', type: 'object' },
      },
    },
    errors: [404],
    handler: (_deps, req, res) => {
      const definition = CATALOGUE.find((d) => d.slug === req.params['slug'] && d.version === req.params['version']);
      if (!definition) throw new PassportError('ERR_NOT_FOUND', 'no such schema', { field: 'slug' });
      res.setHeader('cache-control', 'public, max-age=86400, immutable');
      res.type('application/schema+json').send(JSON.stringify(definition.schema));
    },
  },
  {
    method: 'get',
    path: '/contexts/v1',
    summary: 'The staff passport JSON-LD context',
    tag: 'catalogue',
    access: 'public',
    responses: {
      200: {
        description: 'the JSON-LD context',
        contentType: 'application/ld+json',
        schema: s.object({ '@context': s.anyObject('term definitions') }, ['@context'], { open: true }),
        example: { '@context': { '@protected': true, TrainingRecord: 'https://w3id.org/staff-passport#TrainingRecord' } },
      },
    },
    handler: (_deps, _req, res) => {
      res.setHeader('cache-control', 'public, max-age=86400');
      res.type('application/ld+json').send(JSON.stringify(buildStaffPassportContext()));
    },
  },
];
