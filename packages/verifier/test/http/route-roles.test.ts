/**
 * Roles are applied from the verifier's route table (issue 20, item 2): every route that needs
 * sign-in, called with a key of each role and a platform key. A role the entry lists gets past
 * sign-in (the body sent is one the entry refuses, so nothing changes: a 400 or the route's own
 * answer); any other key is refused with 403 `ERR_FORBIDDEN` before the body is read; no key is
 * 401 `ERR_AUTH_MISSING`, an unknown one 401 `ERR_AUTH_INVALID`.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { VERIFIER_ROLES, VERIFIER_ROUTES, type VerifierRoute } from '../../src/index.js';
import { call, startTenantVerifier, type TenantVerifier } from './helpers/start-tenant-verifier.js';

let verifier: TenantVerifier;

beforeAll(async () => {
  verifier = await startTenantVerifier();
});
afterAll(async () => {
  await verifier.close();
});

const CALLERS = [...VERIFIER_ROLES, 'platform'] as const;
const guarded = VERIFIER_ROUTES.filter((r) => r.access !== 'public');

function pathOf(route: VerifierRoute): string {
  // The table's own examples fill the path (ids that exist nowhere: nothing is changed).
  return (route.params ?? []).reduce((path, p) => path.replace(`:${p.name}`, p.name === 'orgId' ? verifier.a.org.id : String(p.example)), route.path);
}

function keyOf(caller: (typeof CALLERS)[number]): string {
  return caller === 'platform' ? verifier.platformKey : verifier.a.keys[caller];
}

const send = (route: VerifierRoute, key?: string) =>
  call(`${verifier.url}${pathOf(route)}`, { method: route.method.toUpperCase(), ...(key ? { key } : {}), ...(route.method === 'post' || route.method === 'put' ? { body: { notAField: true } } : {}) });

it.each(guarded.flatMap((route) => CALLERS.map((caller) => [`${route.method.toUpperCase()} ${route.path}`, caller, route] as const)))('%s as %s', async (_name, caller, route) => {
  const res = await send(route, keyOf(caller));
  const allowed = route.access === 'platform' ? caller === 'platform' : caller !== 'platform' && (route.access as readonly string[]).includes(caller);
  if (allowed) {
    expect([401, 403]).not.toContain(res.status);
    expect(res.status).toBeLessThan(500);
  } else {
    expect([res.status, res.body['code']]).toEqual([403, 'ERR_FORBIDDEN']);
  }
});

it.each(guarded.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))('%s: no key is 401, an unknown key is 401', async (_name, route) => {
  const missing = await send(route);
  expect([missing.status, missing.body['code'], missing.headers.get('www-authenticate')]).toEqual([401, 'ERR_AUTH_MISSING', expect.stringContaining('Bearer')]);
  const unknown = await send(route, `spv_${'x'.repeat(43)}`);
  expect([unknown.status, unknown.body['code']]).toEqual([401, 'ERR_AUTH_INVALID']);
});

it('covers the routes of every role: profiles for profile admins, checks and results for checkers, the audit log for auditors', () => {
  const byRole = (role: string) => guarded.filter((r) => Array.isArray(r.access) && r.access.includes(role as never)).map((r) => `${r.method.toUpperCase()} ${r.path}`);
  expect(byRole('profile-admin')).toEqual(expect.arrayContaining(['POST /profiles', 'GET /profiles']));
  expect(byRole('checker')).toEqual(expect.arrayContaining(['POST /presentation-requests', 'POST /oid4vp/requests', 'GET /results/:resultId', 'DELETE /results/:resultId', 'GET /results/:resultId/export.json']));
  expect(byRole('checker')).not.toContain('POST /profiles');
  expect(byRole('auditor')).toEqual(['GET /organisation', 'GET /audit']);
  expect(guarded.filter((r) => r.access === 'platform').length).toBe(7);
  // What a person's wallet calls needs no sign-in.
  const open = VERIFIER_ROUTES.filter((r) => r.access === 'public').map((r) => `${r.method.toUpperCase()} ${r.path}`);
  expect(open).toEqual(expect.arrayContaining(['GET /oid4vp/requests/:id/request-object', 'POST /oid4vp/requests/:id/request-object', 'POST /oid4vp/requests/:id/response', 'GET /orgs/:orgId/did.json']));
});
