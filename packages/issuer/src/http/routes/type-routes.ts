import { PassportError } from '@staff-passport/core';
import { jsonSchema as s, type ApiParameter } from '@staff-passport/web-kit';
import type { PlatformPrincipal } from '../../api-keys/platform-keys.js';
import { getCredentialTypeVersion, listCredentialTypes } from '../../types/list-credential-types.js';
import { publishCredentialType } from '../../types/publish-credential-type.js';
import type { RegisteredType } from '../../types/registered-type.js';
import { getTypeSettings, setTypeSettings } from '../../types/set-unregistered-types.js';
import { EXAMPLE, PARAM, type IssuerRoute } from '../issuer-route.js';
import { callerOf } from '../request-helpers.js';

const TYPE_ID_EXAMPLE = 'https://issuer.example.nhs.uk/types/mask-fit-test/1.0.0';
const SCHEMA_EXAMPLE = {
  type: 'object',
  required: ['@context', 'type', 'credentialSubject'],
  properties: {
    credentialSubject: {
      type: 'object',
      required: ['id', 'fitTest'],
      properties: {
        id: { type: 'string' },
        fitTest: { type: 'object', required: ['mask', 'passedOn'], additionalProperties: false, properties: { mask: { type: 'string', maxLength: 100 }, passedOn: { type: 'string', format: 'date' } } },
      },
    },
  },
};
const PUBLISH_EXAMPLE = {
  type: 'MaskFitTest',
  version: '1.0.0',
  title: 'Mask fit test',
  description: 'A passed face-fit test for a respiratory protective mask.',
  schema: SCHEMA_EXAMPLE,
  labels: { fitTest: 'Fit test', 'fitTest.mask': 'Mask', 'fitTest.passedOn': 'Passed on' },
  disclosable: ['fitTest.mask'],
  rules: [{ code: 'retest_yearly', rule: 'A new test is due a year after passedOn.' }],
  validity: { from: 'fitTest.passedOn', months: 12 },
};
const REGISTERED_EXAMPLE = { id: TYPE_ID_EXAMPLE, slug: 'mask-fit-test', ...PUBLISH_EXAMPLE, schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', ...SCHEMA_EXAMPLE }, publishedAt: EXAMPLE.time, publishedBy: 'pk_0a1b2c3d4e5f' };
// The guard answers ERR_TYPE_NOT_FOUND for a slug or version not shaped like one.
const VERSION_PARAMS: ApiParameter[] = [
  { name: 'slug', description: 'the type, kebab-case', schema: s.string({ pattern: '^[a-z][a-z0-9-]{0,63}$' }), example: 'mask-fit-test', notFound: 'ERR_TYPE_NOT_FOUND' },
  { name: 'version', description: 'the version', schema: s.string({ pattern: '^[0-9]{1,6}\\.[0-9]{1,6}\\.[0-9]{1,6}$' }), example: '1.0.0', notFound: 'ERR_TYPE_NOT_FOUND' },
];
const SETTINGS = s.object({ allowUnregisteredTypes: s.boolean({ description: 'issue credentials of types not registered, checked against the VC Data Model only and signed as given (off by default)' }) }, ['allowUnregisteredTypes']);

function summary(t: RegisteredType): Record<string, unknown> {
  return { id: t.id, type: t.type, slug: t.slug, version: t.version, title: t.title, description: t.description, publishedAt: t.publishedAt };
}

/** The credential type registry (published by platform administrators, read by anyone) and each organisation's choice about types not registered. */
export const TYPE_ROUTES: IssuerRoute[] = [
  {
    method: 'post',
    path: '/types',
    summary: 'Publish a version of a credential type beyond the catalogue (JSON Schema 2020-12, display names, disclosable claims, rules); a published version never changes',
    tag: 'catalogue',
    access: 'platform',
    body: {
      schema: s.object(
        {
          type: s.string({ description: 'the VC type name, such as MaskFitTest' }),
          slug: s.string({ description: 'URL segment (default: the type in kebab-case)' }),
          version: s.string({ description: 'MAJOR.MINOR.PATCH' }),
          title: s.string({ description: 'display name' }),
          description: s.string(),
          schema: s.anyObject('the JSON Schema (2020-12) of the whole credential; the issuer sets $id'),
          labels: { type: 'object', additionalProperties: s.string(), description: 'claim display names by dotted path under credentialSubject' },
          disclosable: s.array(s.string(), { description: 'claims selectively disclosable by default (SD-JWT VC)' }),
          rules: s.array(s.object({ code: s.string(), rule: s.string() }, ['code', 'rule']), { description: 'rules in plain English (the schema enforces them)' }),
          validity: s.object({ from: s.string({ description: 'a date claim path, such as fitTest.passedOn' }), months: s.integer({ minimum: 1, maximum: 1200 }) }, ['from', 'months'], {
            description: 'validUntil: the end of the day this many months after that date',
          }),
        },
        ['type', 'version', 'title', 'description', 'schema'],
      ),
      example: PUBLISH_EXAMPLE,
      validation: 'handler',
    },
    responses: { 201: { description: 'the published version; its schema is served at its id', schema: s.anyObject('the published version'), example: REGISTERED_EXAMPLE } },
    errors: [400, 401, 409],
    handler: async ({ ctx }, req, res) => {
      const admin = res.locals['platformAdmin'] as PlatformPrincipal;
      const published = await publishCredentialType(ctx, req.body, admin.keyId);
      res.location(published.id);
      res.status(201).json(published);
    },
  },
  {
    method: 'get',
    path: '/types',
    summary: 'The credential types published beyond the catalogue: every version',
    tag: 'catalogue',
    access: 'public',
    responses: {
      200: {
        description: 'the registry, by type, newest version first',
        schema: s.object({ types: s.array(s.anyObject('a published version')) }, ['types']),
        example: { types: [summary(REGISTERED_EXAMPLE)] },
      },
    },
    handler: async ({ ctx }, _req, res) => {
      res.json({ types: (await listCredentialTypes(ctx)).map(summary) });
    },
  },
  {
    method: 'get',
    path: '/types/:slug/:version',
    summary: "A registered credential type's JSON Schema (2020-12), at its id",
    tag: 'catalogue',
    access: 'public',
    params: VERSION_PARAMS,
    responses: { 200: { description: 'the JSON Schema', contentType: 'application/schema+json', schema: s.anyObject('a JSON Schema 2020-12 document'), example: REGISTERED_EXAMPLE.schema } },
    errors: [404],
    handler: async ({ ctx }, req, res) => {
      const registered = await getCredentialTypeVersion(ctx, req.params['slug'] as string, req.params['version'] as string);
      // A published version never changes.
      res.setHeader('cache-control', 'public, max-age=86400, immutable');
      res.type('application/schema+json').send(JSON.stringify(registered.schema));
    },
  },
  {
    method: 'get',
    path: '/types/:slug/:version/definition',
    summary: 'A registered version whole: display names, disclosable claims, rules and schema',
    tag: 'catalogue',
    access: 'public',
    params: VERSION_PARAMS,
    responses: { 200: { description: 'the published version', schema: s.anyObject('the published version'), example: REGISTERED_EXAMPLE } },
    errors: [404],
    handler: async ({ ctx }, req, res) => {
      const registered = await getCredentialTypeVersion(ctx, req.params['slug'] as string, req.params['version'] as string);
      res.setHeader('cache-control', 'public, max-age=86400, immutable');
      res.json(registered);
    },
  },
  {
    method: 'get',
    path: '/orgs/:orgId/settings/types',
    summary: 'Whether the organisation issues credentials of types not registered',
    tag: 'organisations',
    access: ['org-admin', 'auditor'],
    params: [PARAM.orgId],
    responses: { 200: { description: 'the setting', schema: SETTINGS, example: { allowUnregisteredTypes: false } } },
    errors: [401, 403, 404],
    handler: async ({ ctx }, _req, res) => {
      res.json(await getTypeSettings(ctx, callerOf(res).org));
    },
  },
  {
    method: 'put',
    path: '/orgs/:orgId/settings/types',
    summary: 'Allow or stop issuing credentials of types not registered (for a conformance or test organisation; audited)',
    tag: 'organisations',
    access: ['org-admin'],
    params: [PARAM.orgId],
    body: { schema: SETTINGS, example: { allowUnregisteredTypes: true } },
    responses: { 200: { description: 'the setting saved', schema: SETTINGS, example: { allowUnregisteredTypes: true } } },
    errors: [400, 401, 403, 404],
    handler: async ({ ctx }, req, res) => {
      const { org, principal } = callerOf(res);
      const allow = (req.body as Record<string, unknown>)['allowUnregisteredTypes'];
      if (typeof allow !== 'boolean') throw new PassportError('ERR_REQUEST_INVALID', 'allowUnregisteredTypes must be true or false', { field: 'allowUnregisteredTypes' });
      res.json(await setTypeSettings(ctx, org, { allowUnregisteredTypes: allow }, principal.keyId));
    },
  },
];
