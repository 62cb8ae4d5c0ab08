/**
 * One sign-in step for every protected route, over HTTP: API keys and OIDC access tokens from a
 * real provider, the organisation in the URL, RFC 6750 challenges, and the failed sign-in limit
 * (429 with retry-after, RFC 6585 section 4).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import express from 'express';
import { createLogger } from '@staff-passport/core';
import { listen, problemHandler, type RunningServer } from '@staff-passport/web-kit';
import { createApiKey } from '../../src/api-keys/create-api-key.js';
import { createSignInLimiter } from '@staff-passport/core';
import { addAuthHeaders } from '@staff-passport/web-kit';
import { authorise } from '../../src/api-keys/authenticate-api-key.js';
import { createAuthenticator, type Authenticator } from '../../src/auth/create-authenticator.js';
import { setOidcConfig } from '../../src/auth/set-oidc-config.js';
import { listAuditEvents } from '../../src/audit/list-audit-events.js';
import { createIssuerContext } from '../../src/create-issuer-context.js';
import type { IssuerContext } from '../../src/issuer-context.js';
import { createOrganisation } from '../../src/organisations/create-organisation.js';
import { startOidcProvider, type OidcProviderHandle } from './helpers/start-oidc-provider.js';

let idp: OidcProviderHandle;
let dataDir: string;
let ctx: IssuerContext & { close(): Promise<void> };
let org1: string;
let org2: string;
let apiKey1: string;
let hrToken: string;
const servers: RunningServer[] = [];

/** A small app as the issuer's routes use the authenticator: sign in, then check the role. */
async function serve(authenticate: Authenticator): Promise<string> {
  const app = express();
  app.get('/orgs/:orgId/whoami', async (req, res) => {
    const principal = await authenticate(req, req.params.orgId);
    authorise(principal, req.params.orgId, ['issuer', 'org-admin']);
    res.json(principal);
  });
  app.use(addAuthHeaders);
  app.use(problemHandler(ctx.logger));
  const server = await listen('127.0.0.1', 0);
  server.attach(app);
  servers.push(server);
  return server.url;
}

async function whoami(base: string, orgId: string, authorization?: string) {
  const res = await fetch(`${base}/orgs/${orgId}/whoami`, { headers: authorization ? { authorization } : {} });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  idp = await startOidcProvider();
  dataDir = mkdtempSync(join(tmpdir(), 'sp-authn-'));
  ctx = await createIssuerContext({
    databaseFile: join(dataDir, 'issuer.sqlite'),
    secretKey: randomBytes(32).toString('hex'),
    publicUrl: 'https://passport.test',
    logger: createLogger({ level: 'silent' }),
  });
  org1 = (await createOrganisation(ctx, { name: 'One NHS Trust', odsCode: 'RO1' }, 'test')).id;
  org2 = (await createOrganisation(ctx, { name: 'Two NHS Trust', odsCode: 'RO2' }, 'test')).id;
  apiKey1 = (await createApiKey(ctx, { orgId: org1, role: 'issuer' }, 'test')).apiKey;
  const audience = `https://passport.test/orgs/${org1}`;
  await setOidcConfig(ctx, org1, { issuer: idp.issuer, audience, roleMapping: { 'passport-hr': 'issuer', 'passport-audit': 'auditor' } }, 'test', { allowHttpLoopback: true });
  await setOidcConfig(ctx, org2, { issuer: idp.issuer, audience: `https://passport.test/orgs/${org2}`, roleMapping: { 'passport-hr': 'issuer' } }, 'test', {
    allowHttpLoopback: true,
  });
  hrToken = await idp.clientCredentialsToken('hr-system', audience);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await ctx?.close();
  await idp?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('createAuthenticator', () => {
  let base: string;
  beforeAll(async () => {
    base = await serve(createAuthenticator(ctx, { allowHttpLoopback: true, limiter: false }));
  });

  it('signs in an API key', async () => {
    const res = await whoami(base, org1, `Bearer ${apiKey1}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'api-key', orgId: org1, role: 'issuer', roles: ['issuer'] });
  });

  it('signs in an OIDC access token', async () => {
    const res = await whoami(base, org1, `Bearer ${hrToken}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'oidc', orgId: org1, role: 'issuer', subject: 'hr-system', keyId: 'oidc:hr-system' });
  });

  it("refuses either credential on another organisation's routes", async () => {
    const byKey = await whoami(base, org2, `Bearer ${apiKey1}`);
    expect(byKey).toMatchObject({ status: 404, body: { code: 'ERR_ORG_NOT_FOUND' } });
    const byToken = await whoami(base, org2, `Bearer ${hrToken}`);
    expect(byToken).toMatchObject({ status: 401, body: { code: 'ERR_OIDC_TOKEN_INVALID' } });
    const reasons = (await listAuditEvents(ctx.db, org2)).filter((e) => e.action === 'auth.failure').map((e) => e.detail['reason']);
    expect(reasons).toEqual(expect.arrayContaining(['other-organisation', 'audience']));
  });

  it('answers RFC 6750 challenges: no credential, a bad one, a good one without the role', async () => {
    const none = await whoami(base, org1);
    expect(none).toMatchObject({ status: 401, body: { code: 'ERR_AUTH_MISSING' } });
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="staff-passport"');

    const unknownKey = await whoami(base, org1, `Bearer sp_${randomBytes(32).toString('base64url')}`);
    expect(unknownKey).toMatchObject({ status: 401, body: { code: 'ERR_AUTH_INVALID' } });
    expect(unknownKey.headers.get('www-authenticate')).toContain('error="invalid_token"');

    const noRole = await whoami(base, org1, `Bearer ${await idp.clientCredentialsToken('no-role-system', `https://passport.test/orgs/${org1}`)}`);
    expect(noRole).toMatchObject({ status: 403, body: { code: 'ERR_FORBIDDEN' } });
    expect(noRole.headers.get('www-authenticate')).toContain('error="insufficient_scope"');

    // Signed in, but as an auditor: the route's own role check refuses it.
    const auditor = await whoami(base, org1, `Bearer ${await idp.clientCredentialsToken('audit-system', `https://passport.test/orgs/${org1}`)}`);
    expect(auditor).toMatchObject({ status: 403, body: { code: 'ERR_FORBIDDEN' } });

    const failures = (await listAuditEvents(ctx.db, org1)).filter((e) => e.action === 'auth.failure');
    expect(failures.find((e) => e.detail['reason'] === 'unknown-key')?.detail).toMatchObject({ method: 'api-key', code: 'ERR_AUTH_INVALID' });
    expect(JSON.stringify(failures)).not.toContain(hrToken);
  });
});

describe('the failed sign-in limit', () => {
  let base: string;
  let now = 0;
  beforeAll(async () => {
    const limiter = createSignInLimiter({ burst: 3, perMinute: 1, nowMs: () => now });
    base = await serve(createAuthenticator(ctx, { allowHttpLoopback: true, limiter, nowMs: () => now }));
  });

  it('lets successful sign-ins through however many', async () => {
    for (let i = 0; i < 6; i++) expect((await whoami(base, org1, `Bearer ${apiKey1}`)).status).toBe(200);
  });

  it('refuses a caller with 429 and retry-after once its failures are spent, even with a good credential', async () => {
    for (let i = 0; i < 3; i++) expect((await whoami(base, org1, 'Bearer not.a.token')).status).toBe(401);
    const limited = await whoami(base, org1, `Bearer ${apiKey1}`);
    expect(limited).toMatchObject({ status: 429, body: { code: 'ERR_RATE_LIMITED' } });
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
  });

  it('counts per organisation: the same address is not limited on another one', async () => {
    expect((await whoami(base, org2, 'Bearer not.a.token')).status).toBe(401);
  });

  it('gives one attempt back per refill period', async () => {
    now += 30_000;
    expect((await whoami(base, org1, `Bearer ${apiKey1}`)).headers.get('retry-after')).toBe('30');
    now += 30_000;
    expect((await whoami(base, org1, `Bearer ${apiKey1}`)).status).toBe(200);
    expect((await whoami(base, org1, 'Bearer not.a.token')).status).toBe(401);
    expect((await whoami(base, org1, `Bearer ${hrToken}`)).status).toBe(429);
  });

  it('notes the limit in the audit log once per window, not once per refused request', async () => {
    const limited = (await listAuditEvents(ctx.db, org1)).filter((e) => e.action === 'auth.failure' && e.detail['reason'] === 'rate-limited');
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(limited.length).toBeLessThan(4);
    expect(limited[0]?.detail).toMatchObject({ code: 'ERR_RATE_LIMITED' });
  });
});
