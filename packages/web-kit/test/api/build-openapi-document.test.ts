/**
 * buildOpenApiDocument: the document of a route table, each operation with its roles, security,
 * parameters, body and answers (errors as problem details, or OAuth errors on protocol routes).
 */
import { expect, it } from '@jest/globals';
import { apiReferenceRoutes, buildOpenApiDocument, healthRoute, jsonSchema as s, toOpenApiPath, type ApiRoute } from '../../src/index.js';

type Deps = { doc: Record<string, unknown> };
const ROUTES: ApiRoute<Deps, 'admin'>[] = [
  healthRoute<Deps>(),
  {
    method: 'put',
    path: '/orgs/:orgId/things/:thingId',
    summary: 'Replace a thing',
    tag: 'things',
    access: ['admin'],
    params: [
      { name: 'orgId', description: 'org', schema: s.string(), example: 'org_1' },
      { name: 'thingId', description: 'thing', schema: s.string(), example: 'th_1' },
    ],
    body: { schema: s.object({ name: s.string() }, ['name']), example: { name: 'x' } },
    responses: { 200: { description: 'replaced', schema: s.object({ name: s.string() }), example: { name: 'x' } } },
    errors: [404, 400],
    handler: () => undefined,
  },
  {
    method: 'post',
    path: '/token',
    summary: 'Token',
    tag: 'oauth',
    access: 'platform',
    body: { contentType: 'application/x-www-form-urlencoded', schema: s.object({ code: s.string() }), validation: 'handler' },
    responses: { 204: { description: 'done', contentType: 'none' } },
    errors: [400],
    errorFormat: 'oauth',
    handler: () => undefined,
  },
  ...apiReferenceRoutes<Deps>((deps) => deps.doc, 'Things API'),
];

const doc = buildOpenApiDocument(ROUTES, {
  title: 'Things API',
  version: '1.0.0',
  description: 'things',
  serverUrl: 'https://things.example',
  security: { platform: { platformKey: { type: 'http', scheme: 'bearer' } }, roles: { apiKey: { type: 'http', scheme: 'bearer' } } },
});
type Op = { operationId: string; security: unknown[]; 'x-roles'?: string[]; parameters: { name: string; in: string }[]; requestBody?: { required: boolean; content: Record<string, unknown> }; responses: Record<string, { content?: Record<string, { schema: unknown; example?: unknown }> }> };
const op = (path: string, method: string): Op => (doc['paths'] as Record<string, Record<string, Op>>)[path]![method]!;

it('turns express paths into OpenAPI paths', () => {
  expect(toOpenApiPath('/orgs/:orgId/things/:thingId/qr.png')).toBe('/orgs/{orgId}/things/{thingId}/qr.png');
});

it('describes each operation: roles, security, parameters, body and answers in status order', () => {
  const put = op('/orgs/{orgId}/things/{thingId}', 'put');
  expect(put.operationId).toBe('putOrgsByOrgIdThingsByThingId');
  expect(put['x-roles']).toEqual(['admin']);
  expect(put.security).toEqual([{ apiKey: [] }]);
  expect(put.parameters.map((p) => `${p.in} ${p.name}`)).toEqual(['path orgId', 'path thingId']);
  expect(put.requestBody).toEqual({ required: true, content: { 'application/json': { schema: s.object({ name: s.string() }, ['name']), example: { name: 'x' } } } });
  expect(Object.keys(put.responses)).toEqual(['200', '400', '404']);
  expect(put.responses['404']!.content!['application/problem+json']).toMatchObject({ schema: { $ref: '#/components/schemas/Problem' }, example: { status: 404, code: 'ERR_NOT_FOUND' } });
  expect(op('/healthz', 'get').security).toEqual([]);
});

it('describes protocol errors as OAuth errors, and answers without a body without content', () => {
  const token = op('/token', 'post');
  expect(token.security).toEqual([{ platformKey: [] }]);
  expect(token.responses['204']!.content).toBeUndefined();
  expect(token.responses['400']!.content!['application/json']).toMatchObject({ schema: { $ref: '#/components/schemas/OAuthError' }, example: { error: 'invalid_request', code: 'ERR_REQUEST_INVALID' } });
  expect(Object.keys((doc['components'] as { schemas: object }).schemas)).toEqual(['Problem', 'OAuthError']);
});

it('lists the reference routes, and serves the document it is given', () => {
  expect(op('/openapi.json', 'get').responses['200']!.content!['application/json']!.example).toMatchObject({ openapi: '3.1.0' });
  expect(Object.keys(op('/docs/api', 'get').responses['200']!.content!)).toEqual(['text/html']);
});
