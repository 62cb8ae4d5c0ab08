/**
 * Roles are applied from the route table (issue 20, item 5): every organisation route of
 * ISSUER_ROUTES, called with a key of each role. A role the entry lists gets past sign-in (the body
 * sent is one the entry's schema refuses, so nothing changes: a 400 or the route's own answer); a
 * role it does not list is refused with 403 `ERR_FORBIDDEN` before the body is read.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { ISSUER_ROUTES, createAuthenticator, type IssuerRoute } from '@staff-passport/issuer';
import { call, startIssuer, type TestIssuer } from '../helpers/start-issuer.js';

let issuer: TestIssuer;

beforeAll(async () => {
  // The sign-in rate limiter is off: this test is refused on purpose, many times.
  issuer = await startIssuer({ app: (ctx) => ({ authenticate: createAuthenticator(ctx, { limiter: false }) }) });
});
afterAll(async () => {
  await issuer.close();
});

const ROLES = ['org-admin', 'issuer', 'auditor'] as const;
const orgRoutes = ISSUER_ROUTES.filter((r): r is IssuerRoute & { access: readonly string[] } => Array.isArray(r.access) && r.path.startsWith('/orgs/:orgId'));

function pathOf(route: IssuerRoute): string {
  // The table's own examples fill the path (ids that exist nowhere: nothing is changed).
  return (route.params ?? []).reduce((path, p) => path.replace(`:${p.name}`, p.name === 'orgId' ? issuer.a.org.id : String(p.example)), route.path);
}

it.each(orgRoutes.flatMap((route) => ROLES.map((role) => [`${route.method.toUpperCase()} ${route.path}`, role, route] as const)))('%s as %s', async (_name, role, route) => {
  const res = await call(`${issuer.url}${pathOf(route)}`, {
    method: route.method.toUpperCase(),
    key: issuer.a.keys[role],
    ...(route.method === 'get' || route.method === 'delete' ? {} : { body: { notAField: true } }),
  });
  if (route.access.includes(role)) {
    expect([401, 403]).not.toContain(res.status);
    expect(res.status).toBeLessThan(500);
  } else {
    expect(res.status).toBe(403);
    expect(res.body['code']).toBe('ERR_FORBIDDEN');
  }
});

it('covers every organisation route and role', () => {
  expect(orgRoutes.length).toBe(ISSUER_ROUTES.filter((r) => r.path.startsWith('/orgs/:orgId') && r.access !== 'public').length);
  expect(orgRoutes.length).toBeGreaterThan(25);
});
