/**
 * Property-based fuzzing of every issuer route (issue 10, "Bad input on every HTTP route"): the
 * route table is ISSUER_ROUTES (the table the app registers from and its OpenAPI document is generated from). Each route gets
 * random JSON, its own fields with wrong types, 10,000 levels of nesting, huge strings, large
 * arrays, odd Unicode, `__proto__` and `constructor` keys, bytes that are not JSON, odd content
 * types and encodings, junk and huge authorization and other headers, hostile path segments
 * (encoded slashes, bad escapes, Unicode, long) and query strings. Every answer is below 500; an
 * error is problem+json with a code (OpenID4VCI protocol endpoints: the OAuth `{error, code}`).
 * The process stays up (health check after) and memory stays bounded (RSS before and after).
 *
 * FUZZ_RUNS sets the random cases per route (default 12; the fixed hostile bodies come on top).
 * The sign-in and token limiters are off here: this test fails sign-ins on purpose, thousands of
 * times (the limiters have their own tests, test/fuzz/limits.test.ts among them).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { ISSUER_ROUTES, createAuthenticator, stopJobs, type IssuerRoute as RouteSpec } from '@staff-passport/issuer';
import { call, startIssuer, type TestIssuer } from '../../packages/issuer/test/helpers/start-issuer.js';
import { trainingCredential } from '../helpers/training-credential.js';
import { closeAgent, rssMiB, sendRaw } from './lib/hostile-input.js';
import { fuzzRoute, type FuzzRoute, type FuzzTally } from './lib/fuzz-route.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? '12');
const holder = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
let issuer: TestIssuer;
const params: Record<string, string> = {};
const rejections: unknown[] = [];
const onRejection = (reason: unknown): void => {
  rejections.push(reason);
};

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  issuer = await startIssuer({ app: (ctx) => ({ authenticate: createAuthenticator(ctx, { limiter: false }), tokenLimiter: false }) });
  const org = issuer.a.org.id;
  const admin = issuer.a.keys['org-admin'];
  const issued = await call(`${issuer.url}/orgs/${org}/credentials/issue`, { key: admin, body: { credential: trainingCredential(holder) } });
  expect(issued.status).toBe(201);
  params['orgId'] = org;
  params['credentialId'] = String(issued.headers.get('location')).split('/').pop()!;
  const record = await call(`${issuer.url}/orgs/${org}/credentials/${params['credentialId']}`, { key: admin });
  params['listId'] = record.body['statusListId'] as string;
  params['view'] = 'revocation';
  // A key of its own to be revoked and re-roled by the fuzz (never the key the fuzz signs in with).
  params['keyId'] = (await call(`${issuer.url}/orgs/${org}/api-keys`, { key: admin, body: { role: 'auditor' } })).body['id'] as string;
  const offer = await call(`${issuer.url}/orgs/${org}/offers`, { key: admin, body: { credentials: [{ type: 'TrainingRecord', credentialSubject: claims() }] } });
  expect(offer.status).toBe(201);
  params['offerId'] = offer.body['id'] as string;
  params['jobId'] = `job_${'0'.repeat(32)}`;
  params['slug'] = 'training-record';
  params['version'] = '1.0';
}, 120_000);

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  closeAgent();
  await stopJobs(issuer.ctx);
  await issuer.close();
});

function claims(): Record<string, unknown> {
  const { id: _id, ...rest } = trainingCredential(holder)['credentialSubject'] as Record<string, unknown>;
  return rest;
}

function authorizationFor(route: RouteSpec): string | undefined {
  if (route.access === 'public') return undefined;
  if (route.access === 'platform') return `Bearer ${issuer.platformKey}`;
  const role = route.access.includes('org-admin') ? 'org-admin' : route.access[0]!;
  return `Bearer ${issuer.a.keys[role]}`;
}

function fieldsOf(route: RouteSpec): string[] {
  const properties = (route.body?.schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties) : [];
}

function validBodyOf(route: RouteSpec): (() => unknown) | undefined {
  if (route.path.endsWith('/credentials/issue')) return () => ({ credential: trainingCredential(holder) });
  if (route.path.endsWith('/offers')) return () => ({ credentials: [{ type: 'TrainingRecord', credentialSubject: claims() }] });
  if (route.path.endsWith('/oid4vci/token')) return () => ({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': 'x'.repeat(43), tx_code: '123456' });
  if (/\/(revoke|suspend|reinstate)$/.test(route.path) && route.path.includes('credentials')) return () => ({ reason: 'other' });
  return undefined;
}

function toFuzzRoute(route: RouteSpec): FuzzRoute {
  const authorization = authorizationFor(route);
  const validBody = validBodyOf(route);
  return {
    method: route.method.toUpperCase() as FuzzRoute['method'],
    path: route.path,
    params,
    fields: fieldsOf(route),
    query: (route.query ?? []).map((q) => q.name),
    protocol: /\/oid4vci\/(token|nonce|credential|deferred-credential|notification)$/.test(route.path),
    ...(authorization === undefined ? {} : { authorization }),
    ...(validBody === undefined ? {} : { validBody }),
  };
}

it(`every issuer route (${ISSUER_ROUTES.length}) answers hostile input with a 4xx and a code, never a 5xx; the process stays up, memory bounded`, async () => {
  const tallies = new Map<string, FuzzTally>();
  // Warm up (lazy compilation, caches) before the first memory sample.
  for (const route of ISSUER_ROUTES.slice(0, 5)) await fuzzRoute(issuer.url, toFuzzRoute(route), 2, { cases: 0, statuses: new Map() });
  const rssBefore = rssMiB();
  for (const route of ISSUER_ROUTES) {
    const tally: FuzzTally = { cases: 0, statuses: new Map() };
    tallies.set(`${route.method.toUpperCase()} ${route.path}`, tally);
    await fuzzRoute(issuer.url, toFuzzRoute(route), RUNS, tally);
  }
  // Unmatched paths and methods: the 404 handler answers them the same way.
  const unmatched: FuzzRoute = { method: 'POST', path: '/:a/:b/:c', params: { a: 'orgs', b: issuer.a.org.id, c: 'nowhere' }, fields: ['x'] };
  const tally: FuzzTally = { cases: 0, statuses: new Map() };
  tallies.set('unmatched paths', tally);
  await fuzzRoute(issuer.url, unmatched, RUNS, tally);
  await fuzzRoute(issuer.url, { ...unmatched, method: 'PUT' }, RUNS, tally);
  await fuzzRoute(issuer.url, { ...unmatched, method: 'DELETE' }, RUNS, tally);

  const rssAfter = rssMiB();
  const health = await sendRaw(issuer.url, { method: 'GET', path: '/healthz', headers: {} });
  expect(health.status).toBe(200);
  expect(rejections).toEqual([]);
  const cases = [...tallies.values()].reduce((n, t) => n + t.cases, 0);
  const statuses = new Map<number, number>();
  for (const t of tallies.values()) for (const [s, n] of t.statuses) statuses.set(s, (statuses.get(s) ?? 0) + n);
  process.stdout.write(
    `issuer fuzz: ${cases} cases over ${tallies.size} routes; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; RSS ${rssBefore} -> ${rssAfter} MiB\n`,
  );
  // Bounded: the bodies sent total hundreds of MiB; what stays must be far less.
  expect(rssAfter - rssBefore).toBeLessThan(300);
}, 600_000);
