/**
 * The verifier's route table (issue 20, item 5): every route the app serves is in VERIFIER_ROUTES
 * and every entry is served (the desk's pages apart); `GET /openapi.json` is generated from the
 * table, valid OpenAPI 3.1, with request and response schemas and examples for every operation;
 * bodies are validated with ajv from the same schemas; the table takes roles, applied by the guard.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@staff-passport/core';
import { listen, toOpenApiPath } from '@staff-passport/web-kit';
import { VERIFIER_ROUTES, createVerifierApiKey, createVerifierApp, createVerifierContext, createVerifierPlatformKey, type VerifierContext } from '../../src/index.js';
import { listAppRoutes } from '../../../issuer/test/helpers/list-app-routes.js';
import { answerProblems, openApiErrors, operationProblems } from '../../../../test/helpers/check-openapi-document.js';

let ctx: VerifierContext & { close(): Promise<void> };
let url: string;
let closeServer: () => Promise<void>;
let dir: string;
let doc: Record<string, unknown>;
// Sign-in (issue 20): a key of each role of the default organisation, and a platform key.
const keys: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sp-verifier-routes-'));
  const server = await listen('127.0.0.1', 0);
  url = server.url;
  closeServer = server.close;
  ctx = await createVerifierContext({ logger: createLogger({ level: 'silent' }), databaseFile: join(dir, 'verifier.sqlite'), publicUrl: url });
  server.attach(createVerifierApp(ctx));
  for (const role of ['checker', 'profile-admin', 'auditor'] as const) keys[role] = (await createVerifierApiKey(ctx, { orgId: ctx.org.id, role }, 'test')).apiKey;
  keys['platform'] = (await createVerifierPlatformKey(ctx)).apiKey;
  const res = await fetch(`${url}/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as Record<string, unknown>;
});

afterAll(async () => {
  await closeServer();
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

// The desk's pages (`/`, `/desk/*`, their `/assets/*`) are HTML for people, not the API.
const isPage = (path: string): boolean => path === '/' || path.startsWith('/desk') || path.startsWith('/assets');

it('every route the app serves is in the table, and every entry of the table is served', () => {
  const served = listAppRoutes(createVerifierApp(ctx)).filter((r) => !isPage(r.split(' ')[1]!));
  const table = VERIFIER_ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort();
  expect(served).toEqual(table);
  expect(new Set(table).size).toBe(table.length);
});

it('is valid OpenAPI 3.1 generated from the table, and every operation has schemas for what it takes and answers, and examples', async () => {
  expect(doc['openapi']).toBe('3.1.0');
  const paths = doc['paths'] as Record<string, Record<string, unknown>>;
  const documented = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
  expect(documented.sort()).toEqual(VERIFIER_ROUTES.map((r) => `${r.method.toUpperCase()} ${toOpenApiPath(r.path)}`).sort());
  expect(await openApiErrors(doc)).toEqual([]);
  expect(operationProblems(doc)).toEqual([]);
});

it("describes issue 19's routes: the export by mapping and the webhooks, with the endpoint's state", () => {
  const paths = doc['paths'] as Record<string, Record<string, { summary?: string; parameters?: { name: string }[]; responses: Record<string, unknown> }>>;
  const ops = [
    'GET /export-mappings',
    'GET /results/{resultId}/export',
    'POST /webhooks',
    'GET /webhooks',
    'PATCH /webhooks/{endpointId}',
    'DELETE /webhooks/{endpointId}',
    'GET /webhooks/{endpointId}/messages',
    'POST /webhooks/{endpointId}/messages/{messageId}/replay',
  ];
  expect(ops.filter((op) => !paths[op.split(' ')[1]!]?.[op.split(' ')[0]!.toLowerCase()]?.summary)).toEqual([]);
  expect(paths['/results/{resultId}/export']!['get']!.parameters!.map((p) => p.name)).toContain('mapping');
  expect(JSON.stringify(paths['/webhooks']!['get']!.responses['200'])).toContain('disabledReason');
});

it("the service's real answers fit the documented schemas", async () => {
  const problems: string[] = [];
  const base = url;
  const check = async (method: string, path: string, target: string, body?: unknown, as = 'checker'): Promise<Record<string, unknown>> => {
    const headers = { authorization: `Bearer ${keys[as]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const res = await fetch(`${base}${target}`, { method: method.toUpperCase(), headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!;
    const answer = (type.includes('json') ? await res.json() : await res.text()) as Record<string, unknown>;
    problems.push(...answerProblems(doc, method, path, res.status, answer, type));
    return answer;
  };
  const profiles = await check('get', '/profiles', '/profiles');
  const profileId = (profiles['profiles'] as { id: string }[])[0]!.id;
  await check('get', '/profiles/{profileId}', `/profiles/${profileId}`);
  await check('get', '/healthz', '/healthz');
  await check('get', '/.well-known/did.json', '/.well-known/did.json');
  const challenge = await check('post', '/challenges', '/challenges', {});
  await check('post', '/presentations/verify', '/presentations/verify', { verifiablePresentation: 'not.a.presentation', options: { challenge: challenge['challenge'], domain: challenge['domain'] } });
  await check('post', '/credentials/verify', '/credentials/verify', { verifiableCredential: 'not.a.credential' });
  const request = await check('post', '/presentation-requests', '/presentation-requests', { profileId, startDate: '2030-01-01' });
  await check('get', '/presentation-requests/{requestId}', `/presentation-requests/${String(request['id'])}`);
  const oid4vp = await check('post', '/oid4vp/requests', '/oid4vp/requests', { profileId });
  await check('get', '/oid4vp/requests/{id}', `/oid4vp/requests/${String(oid4vp['id'])}`);
  await check('get', '/results/{resultId}', `/results/res_${'0'.repeat(20)}`);
  await check('delete', '/results/{resultId}', `/results/res_${'0'.repeat(20)}`);
  await check('get', '/organisation', '/organisation');
  await check('get', '/audit', '/audit', undefined, 'auditor');
  const org = await check('post', '/orgs', '/orgs', { name: 'Riverside Hospitals NHS Trust', odsCode: 'RYJ' }, 'platform');
  await check('get', '/orgs', '/orgs', undefined, 'platform');
  await check('put', '/orgs/{orgId}/settings', `/orgs/${String(org['id'])}/settings`, { retentionDays: 14 }, 'platform');
  const key = await check('post', '/orgs/{orgId}/api-keys', `/orgs/${String(org['id'])}/api-keys`, { role: 'checker' }, 'platform');
  const revoked = await fetch(`${base}/orgs/${String(org['id'])}/api-keys/${String(key['id'])}`, { method: 'DELETE', headers: { authorization: `Bearer ${keys['platform']}` } });
  expect(revoked.status).toBe(204);
  await check('get', '/orgs/{orgId}/did.json', `/orgs/${String(org['id'])}/did.json`);
  expect(problems).toEqual([]);
});

it('validates bodies with the documented schema: a 400 problem naming the code and the field', async () => {
  const cases: [string, unknown, string][] = [
    ['/presentation-requests', { profileId: 'admin-clerical-band-4' }, 'startDate'],
    ['/presentation-requests', { profileId: 'admin-clerical-band-4', startDate: '2026-12-01', colour: 'blue' }, 'colour'],
    ['/presentations/verify', { verifiablePresentation: 'x', options: { challenge: 'short', domain: 'd' } }, 'options.challenge'],
    ['/oid4vp/requests', { profileId: 'admin-clerical-band-4', query: 'sql' }, 'query'],
    ['/challenges', { domain: 42 }, 'domain'],
  ];
  for (const [path, body, field] of cases) {
    const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${keys['checker']}` }, body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'ERR_REQUEST_INVALID', field });
  }
});

it('applies the guard it is given to each route of the table, before the body is read', async () => {
  const withRoles = (route: (typeof VERIFIER_ROUTES)[number]): boolean => route.path === '/profiles' && route.method === 'post';
  const seen: string[] = [];
  const app = createVerifierApp(ctx, {
    guard: (route) => {
      if (!withRoles(route)) return undefined;
      seen.push(`${route.method} ${route.path}`);
      return (_req, res) => {
        res.status(403).json({ code: 'ERR_FORBIDDEN' });
      };
    },
  });
  expect(seen).toEqual(['post /profiles']);
  const server = await listen('127.0.0.1', 0);
  server.attach(app);
  try {
    const res = await fetch(`${server.url}/profiles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(403);
  } finally {
    await server.close();
  }
});
