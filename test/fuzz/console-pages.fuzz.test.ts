/**
 * Property-based fuzzing of the HR console's pages (issue 10's rule, for issue 8's pages): every
 * page route, signed in (a real session cookie from the sign-in form) and not, gets hostile paths,
 * queries, headers and bodies (form-encoded, JSON, hostile text); every answer is below 500, and
 * every error is an HTML page naming its stable code. The table is checked against the routes the
 * app really has, so a new page cannot go unfuzzed.
 *
 * FUZZ_RUNS sets the random cases per route (default 12; the fixed hostile bodies come on top).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createAuthenticator, createIssuerApp, stopJobs } from '@staff-passport/issuer';
import { getCredentialType } from '@staff-passport/schemas';
import { call, startIssuer, type TestIssuer } from '../../packages/issuer/test/helpers/start-issuer.js';
import { listAppRoutes } from '../../packages/issuer/test/helpers/list-app-routes.js';
import { issueExample, randomHolder, signInWithKey } from '../../packages/issuer/test/console/helpers/console-client.js';
import { closeAgent, rssMiB, sendRaw } from './lib/hostile-input.js';
import { fuzzRoute, type FuzzRoute, type FuzzTally } from './lib/fuzz-route.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? '12');
let issuer: TestIssuer;
const params: Record<string, string> = {};
let cookie = '';
let csrf = '';
const rejections: unknown[] = [];
const onRejection = (reason: unknown): void => {
  rejections.push(reason);
};

type Row = Omit<FuzzRoute, 'params' | 'cookie'>;

// Every console page and asset, with the form fields and query parameters it reads.
const ROUTES: Row[] = [
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/assets/nhsuk/init.js' },
  { method: 'GET', path: '/assets/nhsuk/nhsuk-frontend.min.css' },
  { method: 'GET', path: '/console/sign-in', query: ['next', 'org', 'expired', 'signed-out'] },
  { method: 'POST', path: '/console/sign-in', fields: ['orgId', 'apiKey', 'next'] },
  { method: 'GET', path: '/console/sign-in/oidc', query: ['org', 'next'] },
  { method: 'GET', path: '/console/sign-in/callback', query: ['code', 'state', 'error', 'error_description'] },
  { method: 'POST', path: '/console/sign-out', fields: ['_csrf'] },
  { method: 'GET', path: '/console/home' },
  { method: 'GET', path: '/console/issue' },
  { method: 'POST', path: '/console/issue', fields: ['_csrf', 'type'] },
  { method: 'GET', path: '/console/issue/:type' },
  { method: 'POST', path: '/console/issue/:type', fields: ['_csrf', 'personReference', 'dbs.level', 'dbs.certificateNumber', 'offerExpires'] },
  { method: 'GET', path: '/console/offers/:offerId' },
  { method: 'GET', path: '/console/offers/:offerId/qr.png' },
  { method: 'GET', path: '/console/offers/:offerId/status.json' },
  { method: 'GET', path: '/console/assets/issue-offer-status.js' },
  { method: 'GET', path: '/console/assets/bulk-job-progress.js' },
  { method: 'POST', path: '/console/offers/:offerId/withdraw', fields: ['_csrf'] },
  { method: 'GET', path: '/console/bulk' },
  { method: 'POST', path: '/console/bulk', fields: ['_csrf', 'kind', 'format', 'cstfVersion', 'cstfAligned', 'file'] },
  { method: 'GET', path: '/console/bulk/:jobId', query: ['page'] },
  { method: 'GET', path: '/console/bulk/:jobId/progress.json' },
  { method: 'GET', path: '/console/bulk/:jobId/errors.csv' },
  { method: 'GET', path: '/console/credentials', query: ['holder', 'holderRef', 'person', 'type', 'status', 'after', 'before'] },
  { method: 'GET', path: '/console/credentials/:credentialId', query: ['changed'] },
  { method: 'POST', path: '/console/credentials/:credentialId/status', fields: ['_csrf', 'action', 'reason', 'note'] },
  { method: 'GET', path: '/console/audit', query: ['action', 'before', 'after'] },
];

const isPage = (path: string): boolean => path === '/' || path.startsWith('/console') || path.startsWith('/assets');

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  issuer = await startIssuer({ app: (ctx) => ({ authenticate: createAuthenticator(ctx, { limiter: false }), tokenLimiter: false }) });
  const org = issuer.a.org.id;
  const admin = issuer.a.keys['org-admin'];
  ({ cookie, csrf } = await signInWithKey(issuer.url, org, admin));
  params['credentialId'] = await issueExample(issuer.url, org, admin, 'DbsCheck', randomHolder());
  const { id: _id, ...claims } = getCredentialType('TrainingRecord')!.example['credentialSubject'] as Record<string, unknown>;
  const offer = await call(`${issuer.url}/orgs/${org}/offers`, { key: admin, body: { credentials: [{ type: 'TrainingRecord', credentialSubject: claims }] } });
  expect(offer.status).toBe(201);
  params['offerId'] = offer.body['id'] as string;
  params['jobId'] = `job_${'0'.repeat(32)}`;
  params['type'] = 'dbs-check';
}, 120_000);

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  closeAgent();
  await stopJobs(issuer.ctx);
  await issuer.close();
});

it('the table lists every page the issuer app has', () => {
  const served = listAppRoutes(createIssuerApp(issuer.ctx)).filter((r) => isPage(r.split(' ')[1]!));
  expect([...new Set(served)].sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
});

it(`every console page (${ROUTES.length}), signed in and not, answers hostile input below 500, errors as pages naming the code`, async () => {
  const tallies = new Map<string, FuzzTally>();
  const rssBefore = rssMiB();
  for (const route of ROUTES) {
    for (const session of ['signed in', 'signed out'] as const) {
      const tally: FuzzTally = { cases: 0, statuses: new Map() };
      tallies.set(`${route.method} ${route.path} ${session}`, tally);
      // Signed in, form posts also draw from a body with the session's CSRF token, to reach the handlers.
      const signedIn = session === 'signed in' ? { cookie, ...(route.fields?.includes('_csrf') ? { validBody: () => ({ _csrf: csrf }) } : {}) } : {};
      await fuzzRoute(issuer.url, { ...route, params, page: true, ...signedIn }, RUNS, tally);
    }
  }
  const rssAfter = rssMiB();
  const health = await sendRaw(issuer.url, { method: 'GET', path: '/healthz', headers: {} });
  expect(health.status).toBe(200);
  expect(rejections).toEqual([]);
  const cases = [...tallies.values()].reduce((n, t) => n + t.cases, 0);
  const statuses = new Map<number, number>();
  for (const t of tallies.values()) for (const [s, n] of t.statuses) statuses.set(s, (statuses.get(s) ?? 0) + n);
  process.stdout.write(`console fuzz: ${cases} cases over ${tallies.size} route x session pairs; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; RSS ${rssBefore} -> ${rssAfter} MiB\n`);
  expect(rssAfter - rssBefore).toBeLessThan(300);
}, 900_000);
