/**
 * Property-based fuzzing of every verifier route (issue 10, "Bad input on every HTTP route"):
 * the W3C VC API (challenges, credential and presentation verification), check profiles,
 * presentation requests and their answers, results and their exports, and OpenID4VP (the
 * verifier's did.json, requests, polling, QR codes, the request object and the direct_post
 * response URI), and the desk's pages (whose errors are HTML pages naming the code). The table below is checked against the routes the app really has, so a new route
 * cannot go unfuzzed. Same hostile input and the same rule as the issuer's fuzz
 * (issuer-routes.fuzz.test.ts): below 500; errors are problem+json with a code, or on the
 * OpenID4VP protocol endpoints the OAuth `{error, error_description, code}`.
 *
 * FUZZ_RUNS sets the random cases per route (default 12; the fixed hostile bodies come on top).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { VERIFIER_ROUTES, createVerifierApp, createVerifierPlatformKey, createVerifierApiKey } from '@staff-passport/verifier';
import { signInToDesk } from '../../packages/verifier/test/desk/helpers/sign-in-to-desk.js';
import { listAppRoutes } from '../../packages/issuer/test/helpers/list-app-routes.js';
import { startServices, postJson, type Services } from '../helpers/start-services.js';
import { closeAgent, rssMiB, sendRaw } from './lib/hostile-input.js';
import { fuzzRoute, type FuzzRoute, type FuzzTally } from './lib/fuzz-route.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? '12');
let services: Services;
const params: Record<string, string> = {};
const rejections: unknown[] = [];
const onRejection = (reason: unknown): void => {
  rejections.push(reason);
};

type Row = Omit<FuzzRoute, 'params'>;
const keys: Record<string, string> = {};
let deskSession = '';

/** The sign-in a route's entry in the table allows (a key of its first role, or a platform key), or the desk's session for its pages. */
function signInFor(route: Row): Pick<FuzzRoute, 'authorization' | 'cookie'> {
  if (route.page) return { cookie: deskSession };
  const entry = VERIFIER_ROUTES.find((r) => r.method.toUpperCase() === route.method && r.path === route.path);
  if (!entry || entry.access === 'public') return {};
  return { authorization: `Bearer ${keys[entry.access === 'platform' ? 'platform' : entry.access[0]!]}` };
}

// Every route of the verifier, with the fields and query parameters it reads.
const ROUTES: Row[] = [
  { method: 'GET', path: '/healthz' },
  { method: 'POST', path: '/challenges', fields: ['domain'] },
  { method: 'POST', path: '/credentials/verify', fields: ['verifiableCredential', 'options'] },
  { method: 'POST', path: '/presentations/verify', fields: ['verifiablePresentation', 'options'] },
  { method: 'GET', path: '/profiles' },
  { method: 'GET', path: '/profiles/:profileId' },
  { method: 'POST', path: '/profiles', fields: ['id', 'name', 'requirements', 'description', 'rules'] },
  { method: 'POST', path: '/presentation-requests', fields: ['profileId', 'startDate', 'purpose'] },
  { method: 'GET', path: '/presentation-requests/:requestId' },
  { method: 'POST', path: '/presentation-requests/:requestId/presentations', fields: ['verifiablePresentation', 'presentations', 'options'] },
  { method: 'GET', path: '/results/:resultId' },
  { method: 'GET', path: '/results/:resultId/export.csv' },
  { method: 'GET', path: '/results/:resultId/export.json' },
  { method: 'DELETE', path: '/results/:resultId' },
  // Exports for workforce systems by mapping (issue 19), and the organisation's webhooks.
  { method: 'GET', path: '/export-mappings' },
  { method: 'GET', path: '/results/:resultId/export', query: ['mapping'] },
  { method: 'POST', path: '/webhooks', fields: ['url', 'events', 'description'] },
  { method: 'GET', path: '/webhooks' },
  { method: 'PATCH', path: '/webhooks/:endpointId', fields: ['url', 'events', 'description'] },
  { method: 'DELETE', path: '/webhooks/:endpointId' },
  { method: 'GET', path: '/webhooks/:endpointId/messages' },
  { method: 'POST', path: '/webhooks/:endpointId/messages/:messageId/replay' },
  { method: 'POST', path: '/orgs', fields: ['name', 'odsCode', 'retentionDays'] },
  { method: 'GET', path: '/orgs' },
  { method: 'PUT', path: '/orgs/:orgId/settings', fields: ['retentionDays'] },
  { method: 'POST', path: '/orgs/:orgId/api-keys', fields: ['role', 'label'] },
  { method: 'DELETE', path: '/orgs/:orgId/api-keys/:keyId' },
  { method: 'PUT', path: '/orgs/:orgId/oidc', fields: ['issuer', 'audience', 'jwksUri', 'roleClaim', 'roleMapping', 'allowedAlgs', 'clientId'] },
  { method: 'DELETE', path: '/orgs/:orgId/oidc' },
  { method: 'GET', path: '/orgs/:orgId/did.json' },
  { method: 'GET', path: '/organisation' },
  { method: 'GET', path: '/audit', query: ['limit', 'before'] },
  { method: 'GET', path: '/.well-known/did.json' },
  { method: 'POST', path: '/oid4vp/requests', fields: ['profileId', 'startDate', 'purpose', 'query', 'expiresInSeconds'] },
  { method: 'GET', path: '/oid4vp/requests/:id' },
  { method: 'GET', path: '/oid4vp/requests/:id/qr.png' },
  { method: 'GET', path: '/oid4vp/requests/:id/qr.svg' },
  { method: 'GET', path: '/oid4vp/requests/:id/request-object', protocol: true },
  { method: 'POST', path: '/oid4vp/requests/:id/request-object', fields: ['wallet_nonce', 'wallet_metadata'], protocol: true },
  { method: 'POST', path: '/oid4vp/requests/:id/response', fields: ['vp_token', 'state', 'error', 'error_description', 'response'], protocol: true },
  // The API's description, generated from the route table, and its interactive reference.
  { method: 'GET', path: '/openapi.json' },
  { method: 'GET', path: '/docs/api', page: true },
  // The verifier desk's pages (the start page is registered three times: its security headers, sign-in, then the page).
  { method: 'GET', path: '/', query: ['profile'], page: true },
  { method: 'GET', path: '/', query: ['profile'], page: true },
  { method: 'GET', path: '/', query: ['profile'], page: true },
  { method: 'GET', path: '/desk/sign-in', query: ['next', 'expired', 'org'], page: true },
  { method: 'POST', path: '/desk/sign-in', fields: ['_csrf', 'apiKey', 'next'], page: true },
  { method: 'POST', path: '/desk/sign-out', fields: ['_csrf'], page: true },
  { method: 'GET', path: '/desk/sign-in/oidc', query: ['org', 'next'], page: true },
  { method: 'GET', path: '/desk/sign-in/callback', query: ['code', 'state', 'error', 'error_description', 'iss'], page: true },
  { method: 'POST', path: '/desk/requests', fields: ['_csrf', 'profileId', 'startDate-day', 'startDate-month', 'startDate-year', 'query'], page: true },
  { method: 'GET', path: '/desk/requests/:id', query: ['refresh'], page: true },
  { method: 'GET', path: '/desk/requests/:id/result', page: true },
  { method: 'GET', path: '/desk/assets/desk.css', page: true },
  { method: 'GET', path: '/desk/assets/desk-request.js', page: true },
  { method: 'GET', path: '/assets/nhsuk/init.js', page: true },
  { method: 'GET', path: '/assets/nhsuk/nhsuk-frontend.min.css', page: true },
];

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  services = await startServices();
  // Sign-in (issue 20): each route is fuzzed with a key its roles allow, the desk's pages with a checker's session.
  keys['platform'] = (await createVerifierPlatformKey(services.verifier)).apiKey;
  for (const [role, key] of Object.entries(services.verifierKeys)) keys[role] = key;
  deskSession = await signInToDesk(services.verifierUrl, services.verifierKeys.checker);
  params['orgId'] = services.verifier.org.id;
  params['keyId'] = (await createVerifierApiKey(services.verifier, { orgId: services.verifier.org.id, role: 'auditor' }, 'test')).id;
  const profiles = (await (await fetch(`${services.verifierUrl}/profiles`, { headers: services.checker })).json()) as { profiles: { id: string }[] };
  params['profileId'] = profiles.profiles[0]!.id;
  const request = await postJson(`${services.verifierUrl}/presentation-requests`, { profileId: params['profileId'], startDate: '2030-01-01' }, services.checker);
  expect(request.status).toBe(201);
  params['requestId'] = request.body['id'] as string;
  params['resultId'] = `res_${'0'.repeat(20)}`;
  params['endpointId'] = `whe_${'0'.repeat(20)}`;
  params['messageId'] = `msg_${'0'.repeat(20)}`;
  const oid4vp = await postJson(`${services.verifierUrl}/oid4vp/requests`, { profileId: params['profileId'] }, services.checker);
  expect(oid4vp.status).toBe(201);
  params['id'] = oid4vp.body['id'] as string;
}, 120_000);

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  closeAgent();
  await services.close();
});

it('the table lists every route the verifier app has', () => {
  const listed = ROUTES.map((r) => `${r.method} ${r.path}`).sort();
  expect(listAppRoutes(createVerifierApp(services.verifier))).toEqual(listed);
});

it(`every verifier route (${ROUTES.length}) answers hostile input with a 4xx and a code, never a 5xx; the process stays up, memory bounded`, async () => {
  const tallies = new Map<string, FuzzTally>();
  for (const route of ROUTES.slice(0, 3)) await fuzzRoute(services.verifierUrl, { ...route, params, ...signInFor(route) }, 2, { cases: 0, statuses: new Map() });
  const rssBefore = rssMiB();
  for (const route of ROUTES) {
    const tally: FuzzTally = { cases: 0, statuses: new Map() };
    tallies.set(`${route.method} ${route.path}`, tally);
    await fuzzRoute(services.verifierUrl, { ...route, params, ...signInFor(route) }, RUNS, tally);
  }
  const unmatched: FuzzRoute = { method: 'POST', path: '/:a/:b/:c', params: { a: 'oid4vp', b: 'requests', c: 'nowhere' }, fields: ['x'] };
  const tally: FuzzTally = { cases: 0, statuses: new Map() };
  tallies.set('unmatched paths', tally);
  for (const method of ['POST', 'PUT', 'DELETE'] as const) await fuzzRoute(services.verifierUrl, { ...unmatched, method }, RUNS, tally);

  const rssAfter = rssMiB();
  const health = await sendRaw(services.verifierUrl, { method: 'GET', path: '/healthz', headers: {} });
  expect(health.status).toBe(200);
  expect(rejections).toEqual([]);
  const cases = [...tallies.values()].reduce((n, t) => n + t.cases, 0);
  const statuses = new Map<number, number>();
  for (const t of tallies.values()) for (const [s, n] of t.statuses) statuses.set(s, (statuses.get(s) ?? 0) + n);
  process.stdout.write(
    `verifier fuzz: ${cases} cases over ${tallies.size} routes; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; RSS ${rssBefore} -> ${rssAfter} MiB\n`,
  );
  expect(rssAfter - rssBefore).toBeLessThan(300);
}, 600_000);
