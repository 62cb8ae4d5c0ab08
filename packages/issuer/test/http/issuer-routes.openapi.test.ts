/**
 * The route table drives the issuer's HTTP surface (issue 20, item 5): every route the app serves
 * is in ISSUER_ROUTES and every entry is served (no drift); `GET /openapi.json` is generated from
 * the table, valid OpenAPI 3.1, with request and response schemas and examples for every
 * operation; bodies are validated with ajv from the same schemas; `GET /docs/api` is the
 * interactive reference, served from the installed package under its own content security policy.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { toOpenApiPath } from '@staff-passport/web-kit';
import { ISSUER_ROUTES, createIssuerApp } from '@staff-passport/issuer';
import { answerProblems, openApiErrors, operationProblems } from '../../../../test/helpers/check-openapi-document.js';
import { trainingCredential } from '../../../../test/helpers/training-credential.js';
import { listAppRoutes } from '../helpers/list-app-routes.js';
import { call, startIssuer, type TestIssuer } from '../helpers/start-issuer.js';

let issuer: TestIssuer;
let doc: Record<string, unknown>;

beforeAll(async () => {
  issuer = await startIssuer();
  const res = await call(`${issuer.url}/openapi.json`);
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(async () => {
  await issuer.close();
});

// The HR console's pages (`/`, `/console/*`, their `/assets/*`) are HTML for people, not the API.
const isPage = (path: string): boolean => path === '/' || path.startsWith('/console') || path.startsWith('/assets');

it('every route the app serves is in the table, and every entry of the table is served', () => {
  const served = listAppRoutes(createIssuerApp(issuer.ctx))
    .filter((r) => !isPage(r.split(' ')[1]!))
    .sort();
  const table = ISSUER_ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort();
  expect(served).toEqual(table);
  expect(new Set(table).size).toBe(table.length);
});

it('the document is generated from the table: the same operations, with the roles of each', () => {
  const paths = doc['paths'] as Record<string, Record<string, { 'x-roles'?: string[]; security: unknown[] }>>;
  const documented = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
  expect(documented.sort()).toEqual(ISSUER_ROUTES.map((r) => `${r.method.toUpperCase()} ${toOpenApiPath(r.path)}`).sort());
  for (const route of ISSUER_ROUTES) {
    const op = paths[toOpenApiPath(route.path)]![route.method]!;
    if (Array.isArray(route.access)) {
      expect(op['x-roles']).toEqual(route.access);
      expect(op.security).toEqual([{ apiKey: [] }, { oidc: [] }]);
    } else expect(op.security).toEqual(route.access === 'platform' ? [{ platformKey: [] }] : []);
  }
});

it('is valid OpenAPI 3.1, and every operation has schemas for what it takes and answers, and examples', async () => {
  expect(doc['openapi']).toBe('3.1.0');
  expect(await openApiErrors(doc)).toEqual([]);
  expect(operationProblems(doc)).toEqual([]);
  for (const needed of ['revoke', 'suspend', 'reinstate', 'credentials/status', 'audit']) expect(Object.keys(doc['paths'] as object).some((p) => p.includes(needed))).toBe(true);
});

// Issue 19's routes: staff collecting their own credentials, the emailed page, delivery per row, webhooks.
const ISSUE_19_OPERATIONS = [
  'GET /orgs/{orgId}/staff-collection',
  'PUT /orgs/{orgId}/staff-collection',
  'POST /orgs/{orgId}/held-offers',
  'GET /orgs/{orgId}/collect/{issuerState}',
  'GET /orgs/{orgId}/oid4vci/authorize',
  'GET /orgs/{orgId}/oid4vci/authorize/callback',
  'GET /orgs/{orgId}/jobs/{jobId}/deliveries',
  'POST /orgs/{orgId}/webhooks',
  'GET /orgs/{orgId}/webhooks',
  'PATCH /orgs/{orgId}/webhooks/{endpointId}',
  'DELETE /orgs/{orgId}/webhooks/{endpointId}',
  'GET /orgs/{orgId}/webhooks/{endpointId}/messages',
  'POST /orgs/{orgId}/webhooks/{endpointId}/messages/{messageId}/replay',
];

it("describes issue 19's routes and settings, in the document and in the README", () => {
  const paths = doc['paths'] as Record<string, Record<string, { summary?: string; requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> }; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  const missing = ISSUE_19_OPERATIONS.filter((op) => {
    const [method, path] = op.split(' ') as [string, string];
    return !paths[path]?.[method.toLowerCase()]?.summary;
  });
  expect(missing).toEqual([]);
  // The settings: the person claim and the wallet redirect URIs; the held offer's page; the endpoint's state.
  const settings = paths['/orgs/{orgId}/staff-collection']!['put']!.requestBody!.content['application/json']!.schema.properties!;
  expect(Object.keys(settings).sort()).toEqual(['personClaim', 'walletRedirectUris']);
  expect(JSON.stringify(paths['/orgs/{orgId}/held-offers']!['post']!.responses['201'])).toContain('collectUrl');
  expect(JSON.stringify(paths['/orgs/{orgId}/webhooks']!['get']!.responses['200'])).toContain('disabledReason');
  // The README names each route and each setting.
  const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
  const undescribed = [...ISSUE_19_OPERATIONS.map((op) => op.split(' ')[1]!.replace('/orgs/{orgId}', '').replace(/\{(\w+)\}$/, '')), 'SMTP_URL', 'MAIL_FROM', 'personClaim', 'walletRedirectUris', 'WEBHOOK_ALLOW_PRIVATE', '410 Gone', '?mapping='].filter((word) => !readme.includes(word));
  expect(undescribed).toEqual([]);
});

it("the service's real answers fit the documented schemas", async () => {
  const org = issuer.a.org.id;
  const admin = issuer.a.keys['org-admin'];
  const problems: string[] = [];
  const check = async (method: string, path: string, url: string, body?: unknown): Promise<Record<string, unknown>> => {
    const res = await call(`${issuer.url}${url}`, { method: method.toUpperCase(), key: admin, ...(body === undefined ? {} : { body }) });
    problems.push(...answerProblems(doc, method, path, res.status, res.body, res.type.split(';')[0]!));
    return res.body;
  };
  const { id: _holder, ...claims } = trainingCredential('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK')['credentialSubject'] as Record<string, unknown>;
  await check('post', '/orgs/{orgId}/credentials/issue', `/orgs/${org}/credentials/issue`, { credential: trainingCredential('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK') });
  const list = await check('get', '/orgs/{orgId}/credentials', `/orgs/${org}/credentials`);
  const credentialId = (list['credentials'] as { id: string }[])[0]!.id;
  await check('get', '/orgs/{orgId}/credentials/{credentialId}', `/orgs/${org}/credentials/${credentialId}`);
  await check('post', '/orgs/{orgId}/credentials/{credentialId}/suspend', `/orgs/${org}/credentials/${credentialId}/suspend`, { reason: 'other' });
  await check('post', '/orgs/{orgId}/credentials/status-changes', `/orgs/${org}/credentials/status-changes`, { action: 'reinstate', credentialIds: [credentialId], reason: 'other' });
  const offer = await check('post', '/orgs/{orgId}/offers', `/orgs/${org}/offers`, { credentials: [{ type: 'TrainingRecord', credentialSubject: claims }], personReference: 'Dara Byrne' });
  await check('get', '/orgs/{orgId}/offers', `/orgs/${org}/offers`);
  await check('get', '/orgs/{orgId}/offers/{offerId}', `/orgs/${org}/offers/${String(offer['id'])}`);
  const key = await check('post', '/orgs/{orgId}/api-keys', `/orgs/${org}/api-keys`, { role: 'auditor', label: 'contract test' });
  await check('post', '/orgs/{orgId}/api-keys/{keyId}/role', `/orgs/${org}/api-keys/${String(key['id'])}/role`, { role: 'issuer' });
  await check('post', '/orgs/{orgId}/api-keys/{keyId}/revoke', `/orgs/${org}/api-keys/${String(key['id'])}/revoke`, {});
  for (const [path, url] of [
    ['/healthz', '/healthz'],
    ['/schemas', '/schemas'],
    ['/orgs/{orgId}', `/orgs/${org}`],
    ['/orgs/{orgId}/keys', `/orgs/${org}/keys`],
    ['/orgs/{orgId}/api-keys', `/orgs/${org}/api-keys`],
    ['/orgs/{orgId}/oidc', `/orgs/${org}/oidc`],
    ['/orgs/{orgId}/audit', `/orgs/${org}/audit`],
    ['/orgs/{orgId}/audit/verify', `/orgs/${org}/audit/verify`],
    ['/orgs/{orgId}/jobs', `/orgs/${org}/jobs`],
    ['/.well-known/openid-credential-issuer/orgs/{orgId}', `/.well-known/openid-credential-issuer/orgs/${org}`],
    ['/.well-known/oauth-authorization-server/orgs/{orgId}', `/.well-known/oauth-authorization-server/orgs/${org}`],
    ['/orgs/{orgId}/credentials/{credentialId}', `/orgs/${org}/credentials/urn:uuid:00000000-0000-4000-8000-000000000000`],
  ]) {
    await check('get', path!, url!);
  }
  const platform = await call(`${issuer.url}/orgs`, { key: issuer.platformKey });
  problems.push(...answerProblems(doc, 'get', '/orgs', platform.status, platform.body));
  expect(problems).toEqual([]);
});

it('validates bodies with the documented schema: a 400 problem naming the code and the field', async () => {
  const org = issuer.a.org.id;
  const cases: [string, unknown, string][] = [
    [`/orgs/${org}/api-keys`, { role: 'captain' }, 'role'],
    [`/orgs/${org}/api-keys`, { role: 'issuer', colour: 'blue' }, 'colour'],
    [`/orgs/${org}/api-keys`, [], 'body'],
    [`/orgs/${org}/credentials/status-changes`, { action: 'revoke', credentialIds: ['urn:uuid:nope'], reason: 'other' }, 'credentialIds[0]'],
    [`/orgs/${org}/credentials/status`, { credentialId: 'urn:uuid:6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', credentialStatus: [{ type: 'Other', status: true }] }, 'credentialStatus[0].type'],
  ];
  for (const [url, body, field] of cases) {
    const res = await call(`${issuer.url}${url}`, { key: issuer.a.keys['org-admin'], body });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'ERR_REQUEST_INVALID', field });
  }
});

it("the reference page loads the interactive reference from this origin, under the pages' policy", async () => {
  const res = await call(`${issuer.url}/docs/api`);
  expect(res.type).toContain('text/html');
  expect(res.text).toContain('<html lang="en">');
  expect(res.text).toContain('/docs/api/assets/swagger-ui-bundle.js');
  expect(res.text).not.toMatch(/https?:\/\//);
  const csp = res.headers.get('content-security-policy')!;
  // The pages' policy, unchanged: no inline code, no other origin.
  expect(csp).toMatch(/script-src 'self'( 'sha256-[^']+')?;/);
  expect(csp).toContain("style-src 'self';");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toContain('unsafe');
  for (const asset of ['swagger-ui-bundle.js', 'swagger-ui.css', 'reference.js', 'reference.css']) {
    const file = await fetch(`${issuer.url}/docs/api/assets/${asset}`);
    expect(file.status).toBe(200);
  }
  expect((await fetch(`${issuer.url}/docs/api/assets/index.html`)).status).toBe(404);
});
