/**
 * Limits (issue 10, "Body size limits, request timeouts, rate limits on sign-in and
 * transaction-code routes"): every body parser of the issuer and the verifier stops at its limit
 * with 413 `ERR_BODY_TOO_LARGE`; the servers cut slow clients off (Node's `headersTimeout` and
 * `requestTimeout`, set by core's `listen`); the OpenID4VCI token endpoint refuses an address
 * that failed too often with 429 `ERR_RATE_LIMITED` and `retry-after` (RFC 6585, section 4), in
 * the OAuth error shape (RFC 6749, section 5.2), on top of the five tries each offer allows its
 * transaction code (OpenID4VCI 1.0, section 6.3: packages/issuer/test/oid4vci/oid4vci-flow.test.ts).
 * Failed sign-ins are limited the same way: packages/issuer/test/auth/create-authenticator.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listen } from '@staff-passport/web-kit';
import { createSignInLimiter } from '@staff-passport/issuer';
import { call, startIssuer, type TestIssuer } from '../../packages/issuer/test/helpers/start-issuer.js';
import { startServices, type Services } from '../helpers/start-services.js';
import { trainingCredential } from '../helpers/training-credential.js';

const PRE_AUTH = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const holder = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
let services: Services;

beforeAll(async () => {
  services = await startServices();
});
afterAll(async () => {
  await services.close();
});

async function post(url: string, body: string, contentType: string, authorization?: string): Promise<{ status: number; type: string; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...(authorization ? { authorization } : {}) }, body });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
}

// The OAuth protocol endpoints answer every error 400 with the OAuth body (RFC 6749, section 5.2);
// our code says what it was.
describe('body size limits: ERR_BODY_TOO_LARGE (413, or 400 on OAuth protocol endpoints)', () => {
  const json = (bytes: number): string => JSON.stringify({ pad: 'x'.repeat(bytes) });
  const form = (bytes: number): string => `grant_type=${PRE_AUTH}&pad=${'x'.repeat(bytes)}`;
  it.each([
    ['issuer JSON routes (1 MiB)', 'issuer', '/orgs/{org}/credentials/issue', json(1_100_000), 'application/json', true, false],
    ['issuer platform route (1 MiB)', 'issuer', '/orgs', json(1_100_000), 'application/json', false, false],
    ['OpenID4VCI credential endpoint (1 MiB)', 'issuer', '/orgs/{org}/oid4vci/credential', json(1_100_000), 'application/json', false, true],
    ['OpenID4VCI token endpoint (64 KiB form)', 'issuer', '/orgs/{org}/oid4vci/token', form(70_000), 'application/x-www-form-urlencoded', false, true],
    ['verifier VC API (2 MiB)', 'verifier', '/credentials/verify', json(2_200_000), 'application/json', false, false],
    ['verifier presentations (2 MiB)', 'verifier', '/presentations/verify', json(2_200_000), 'application/json', false, false],
    ['verifier OpenID4VP requests (64 KiB)', 'verifier', '/oid4vp/requests', json(70_000), 'application/json', false, false],
  ] as const)('%s', async (_name, side, path, body, type, auth, protocol) => {
    const base = side === 'issuer' ? services.issuerUrl : services.verifierUrl;
    const res = await post(`${base}${path.replace('{org}', services.org.id)}`, body, type, auth ? `Bearer ${services.apiKey}` : undefined);
    expect(res.status).toBe(protocol ? 400 : 413);
    expect(res.body['code']).toBe('ERR_BODY_TOO_LARGE');
    expect(res.type).toContain(protocol ? 'application/json' : 'application/problem+json');
    if (protocol) expect(res.body['error']).toMatch(/^invalid_(credential_)?request$/);
  });
});

describe('request timeouts', () => {
  it("core's listen sets Node's header and request time limits, so a slow client cannot hold a connection open", async () => {
    const running = await listen('127.0.0.1', 0);
    try {
      expect(running.server.headersTimeout).toBe(20_000);
      expect(running.server.requestTimeout).toBe(30_000);
      expect(running.server.requestTimeout).toBeGreaterThan(0);
    } finally {
      await running.close();
    }
  });
});

describe('rate limit on the OpenID4VCI token endpoint (per client address)', () => {
  let issuer: TestIssuer;
  let nowMs = 0;

  beforeAll(async () => {
    issuer = await startIssuer({ app: () => ({ tokenLimiter: createSignInLimiter({ burst: 5, perMinute: 6, nowMs: () => nowMs }) }) });
  });
  afterAll(async () => {
    await issuer.close();
  });

  async function offer(): Promise<{ code: string; txCode: string }> {
    const { id: _id, ...claims } = trainingCredential(holder)['credentialSubject'] as Record<string, unknown>;
    const created = await call(`${issuer.url}/orgs/${issuer.a.org.id}/offers`, { key: issuer.a.keys.issuer, body: { credentials: [{ type: 'TrainingRecord', credentialSubject: claims }] } });
    expect(created.status).toBe(201);
    const json = (await call(created.body['credentialOfferUri'] as string)).body;
    return { code: (json['grants'] as Record<string, Record<string, string>>)[PRE_AUTH]!['pre-authorized_code']!, txCode: created.body['txCode'] as string };
  }

  const token = (code: string, txCode: string) =>
    post(`${issuer.url}/orgs/${issuer.a.org.id}/oid4vci/token`, new URLSearchParams({ grant_type: PRE_AUTH, 'pre-authorized_code': code, tx_code: txCode }).toString(), 'application/x-www-form-urlencoded');

  it('guessing codes across offers: after the burst of failures, 429 ERR_RATE_LIMITED with retry-after, even for the right code; one try back per refill', async () => {
    const right = await offer();
    for (let i = 0; i < 5; i += 1) {
      const guess = await token(`guess-${i}-${'x'.repeat(40)}`, '000000');
      expect([guess.status, guess.body['error'], guess.body['code']]).toEqual([400, 'invalid_grant', 'ERR_GRANT_INVALID']);
    }
    const limited = await token(right.code, right.txCode);
    expect(limited.status).toBe(429);
    expect(limited.type).toContain('application/json');
    expect(limited.body).toMatchObject({ error: 'invalid_request', code: 'ERR_RATE_LIMITED' });
    expect(limited.headers.get('retry-after')).toBe('10');
    expect(limited.headers.get('cache-control')).toBe('no-store');

    nowMs += 10_000;
    const ok = await token(right.code, right.txCode);
    expect(ok.status).toBe(200);
    expect(ok.body['token_type']).toBe('Bearer');
  });

  it('the default limiter allows a burst of 30 failed token requests, then answers 429', async () => {
    const fresh = await startIssuer();
    try {
      const url = `${fresh.url}/orgs/${fresh.a.org.id}/oid4vci/token`;
      const statuses: number[] = [];
      for (let i = 0; i < 31; i += 1) statuses.push((await post(url, `grant_type=${encodeURIComponent(PRE_AUTH)}&pre-authorized_code=nope${i}`, 'application/x-www-form-urlencoded')).status);
      expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
      expect(statuses[30]).toBe(429);
    } finally {
      await fresh.close();
    }
  });
});

describe('paths that are not valid percent-encoding (found by the fuzz: they were 500s)', () => {
  it.each([
    ['issuer', '/schemas/%/1.0'],
    ['issuer', '/orgs/%ZZ/did.json'],
    ['verifier', '/profiles/%E0%A4%A'],
    ['verifier', '/results/%/export.csv'],
  ] as const)('%s %s: 400 ERR_REQUEST_INVALID, field path', async (side, path) => {
    const res = await fetch(`${side === 'issuer' ? services.issuerUrl : services.verifierUrl}${path}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'ERR_REQUEST_INVALID', field: 'path' });
  });
});
