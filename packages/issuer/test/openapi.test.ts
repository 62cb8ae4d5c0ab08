/**
 * `GET /openapi.json` describes every route of the issuer and only those (issue 4), as OpenAPI 3.1,
 * and `GET /docs/api` is a readable reference.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createIssuerApp, toOpenApiPath } from '@staff-passport/issuer';
import { listAppRoutes } from './helpers/list-app-routes.js';
import { call, startIssuer, type TestIssuer } from './helpers/start-issuer.js';

let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await startIssuer();
});
afterAll(async () => {
  await issuer.close();
});

it('every route the app serves is in the document, and every documented route is served', async () => {
  const res = await call(`${issuer.url}/openapi.json`);
  expect(res.status).toBe(200);
  expect(res.body['openapi']).toBe('3.1.0');
  const paths = res.body['paths'] as Record<string, Record<string, { responses: Record<string, unknown>; summary: string }>>;
  const documented = Object.entries(paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
  // The HR console's pages (`/`, `/console/*`, their `/assets/*`) are HTML for people, not the API.
  const isPage = (path: string): boolean => path === '/' || path.startsWith('/console') || path.startsWith('/assets');
  const served = listAppRoutes(createIssuerApp(issuer.ctx))
    .map((r) => r.split(' ') as [string, string])
    .filter(([, path]) => !isPage(path))
    .map(([method, path]) => `${method} ${toOpenApiPath(path)}`)
    .sort();
  expect(documented).toEqual(served);
  for (const ops of Object.values(paths)) {
    for (const op of Object.values(ops)) {
      expect(op.summary.length).toBeGreaterThan(3);
      expect(Object.keys(op.responses).length).toBeGreaterThan(0);
    }
  }
  for (const needed of ['revoke', 'suspend', 'reinstate', 'credentials/status', 'audit']) {
    expect(documented.some((r) => r.includes(needed))).toBe(true);
  }
});

it('the reference page lists the routes', async () => {
  const res = await call(`${issuer.url}/docs/api`);
  expect(res.type).toContain('text/html');
  expect(res.text).toContain('/orgs/{orgId}/credentials/{credentialId}/revoke');
  expect(res.text).toContain('<html lang="en">');
});
