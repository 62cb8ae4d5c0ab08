/**
 * The verifier desk on a real verifier (127.0.0.1, port 0, SQLite file): the start page lists the
 * shipped profiles; bad input is the form again (400) with the NHS error summary, never a
 * problem+json page or a 500; the double-submit CSRF token; a request's page with its QR code and
 * same-device link (OpenID4VP 1.0 sections 5.7 and 13.1: `client_id` and `request_uri` only);
 * refused (section 8.5, `access_denied`) and expired states; error pages for unknown ids.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@staff-passport/core';
import { listen } from '@staff-passport/web-kit';
import { addProfile, createVerifierApiKey, createVerifierApp, createVerifierContext, listProfiles, type VerifierContext } from '../../src/index.js';
import { signInToDesk } from './helpers/sign-in-to-desk.js';
import { DESK_CSRF_COOKIE } from '../../src/desk/index.js';

const NOW = Date.parse('2026-10-03T09:00:00Z');
let offsetMs = 0;
let ctx: VerifierContext & { close(): Promise<void> };
let url: string;
let closeServer: () => Promise<void>;
let dir: string;
// The desk is behind sign-in (issue 20): every request below carries a checker's session.
let session = '';

function withSession(headers: Record<string, string>): Record<string, string> {
  return { ...headers, cookie: [session, headers['cookie']].filter(Boolean).join('; ') };
}

interface Page {
  status: number;
  type: string;
  body: string;
  headers: Headers;
}

async function get(path: string, headers: Record<string, string> = {}): Promise<Page> {
  const res = await fetch(`${url}${path}`, { headers: withSession(headers), redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text(), headers: res.headers };
}

/** The CSRF cookie and field of a fresh start page. */
async function startForm(): Promise<{ cookie: string; csrf: string }> {
  const page = await get('/');
  const setCookie = page.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  return { cookie, csrf };
}

async function post(fields: Record<string, string>, cookie?: string): Promise<Page> {
  const res = await fetch(`${url}/desk/requests`, {
    method: 'POST',
    headers: withSession({ 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) }),
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text(), headers: res.headers };
}

/** Creates a request through the form and returns its id. */
async function createThroughForm(fields: Record<string, string> = {}): Promise<string> {
  const { cookie, csrf } = await startForm();
  const res = await post({ _csrf: csrf, profileId: 'admin-clerical-band-4', ...fields }, cookie);
  expect(res.status).toBe(303);
  const location = res.headers.get('location')!;
  expect(location).toMatch(/^\/desk\/requests\/req_[0-9a-f]{20}$/);
  return location.split('/').at(-1)!;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sp-desk-'));
  const server = await listen('127.0.0.1', 0);
  url = server.url;
  closeServer = server.close;
  ctx = await createVerifierContext({ logger: createLogger({ level: 'silent' }), databaseFile: join(dir, 'verifier.sqlite'), publicUrl: url, now: () => new Date(NOW + offsetMs) });
  server.attach(createVerifierApp(ctx));
  session = await signInToDesk(url, (await createVerifierApiKey(ctx, { orgId: ctx.org.id, role: 'checker' }, 'test')).apiKey);
});

afterAll(async () => {
  await closeServer();
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the start page', () => {
  it('lists every shipped profile as a radio with its title and description, under a page CSP, and sets the CSRF cookie', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.body).toContain('<title>Check a new starter - Staff Passport verifier desk</title>');
    for (const profile of listProfiles()) {
      expect(page.body).toContain(`value="${profile.id}"`);
      expect(page.body).toContain(profile.title.replace(/'/g, '&#39;'));
    }
    const cookie = page.headers.get('set-cookie')!;
    expect(cookie).toMatch(new RegExp(`^${DESK_CSRF_COOKIE}=[A-Za-z0-9_-]{22}; Path=/; HttpOnly; SameSite=Strict$`));
    // The field carries the cookie's value (double submit); a second visit keeps the same token.
    const token = cookie.split(';')[0]!.split('=')[1]!;
    expect(page.body).toContain(`name="_csrf" value="${token}"`);
    const again = await get('/', { cookie: cookie.split(';')[0]! });
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(again.body).toContain(`name="_csrf" value="${token}"`);
  });

  it('preselects a profile from ?profile= (the "Start again" link), and escapes what an employer-added profile says', async () => {
    await addProfile(
      ctx.stores.profiles,
      {
        id: 'desk-escape',
        version: '1.0.0',
        title: 'Porter <script>alert(1)</script>',
        description: 'A "quoted" <b>description</b>',
        purpose: 'We check your DBS certificate.',
        statusUnknown: 'needs-action',
        requirements: [
          { id: 'dbs', title: 'Basic DBS check', required: true, accepts: [{ type: 'DbsCheck', claims: ['dbs.level', 'dbs.certificateNumber', 'dbs.issuedOn', 'dbs.decision'] }], rule: { kind: 'dbs', minimumLevel: 'basic' } },
        ],
      },
      ctx.now(),
    );
    const page = await get('/?profile=desk-escape');
    expect(page.body).toContain('Porter &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).toContain('A &quot;quoted&quot; &lt;b&gt;description&lt;/b&gt;');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).toMatch(/value="desk-escape" checked/);
  });
});

describe('creating a request', () => {
  it('without a profile: the form again, 400, with "There is a problem" linking to the first radio and an inline error', async () => {
    const { cookie, csrf } = await startForm();
    const res = await post({ _csrf: csrf, 'startDate-day': '5', 'startDate-month': '10', 'startDate-year': '2026' }, cookie);
    expect(res.status).toBe(400);
    expect(res.type).toContain('text/html');
    expect(res.body).toContain('<title>Error: Check a new starter - Staff Passport verifier desk</title>');
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('<a href="#profileId">Select a check profile</a>');
    expect(res.body).toContain('id="profileId-error"');
    // What was typed is kept.
    expect(res.body).toContain('id="startDate-day" name="startDate-day" type="text" inputmode="numeric" value="5"');
  });

  it.each([
    [{ 'startDate-day': '31', 'startDate-month': '2', 'startDate-year': '2026' }, 'Start date must be a real date', 'startDate-day'],
    [{ 'startDate-day': '5', 'startDate-month': '', 'startDate-year': '2026' }, 'Start date must include a month', 'startDate-month'],
    [{ 'startDate-day': '', 'startDate-month': '', 'startDate-year': '26' }, 'Start date must include a day and a month', 'startDate-day'],
    [{ 'startDate-day': 'x', 'startDate-month': '10', 'startDate-year': '2026' }, 'Start date must be a real date', 'startDate-day'],
  ])('a bad start date %j: 400 with "%s", linked to #%s', async (date, message, field) => {
    const { cookie, csrf } = await startForm();
    const res = await post({ _csrf: csrf, profileId: 'admin-clerical-band-4', ...date }, cookie);
    expect(res.status).toBe(400);
    expect(res.body).toContain(`<a href="#${field}">${message}</a>`);
    expect(res.body).toMatch(/value="admin-clerical-band-4" checked/);
  });

  it('an unknown profile or query language: the form again, 400, never a 500', async () => {
    const { cookie, csrf } = await startForm();
    const unknown = await post({ _csrf: csrf, profileId: 'no-such-profile' }, cookie);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('Select a check profile from the list');
    const query = await post({ _csrf: csrf, profileId: 'admin-clerical-band-4', query: 'sql' }, cookie);
    expect(query.status).toBe(400);
    expect(query.body).toContain('<a href="#query">Select how to ask the wallet</a>');
    const move = await post({ _csrf: csrf, profileId: 'admin-clerical-band-4', move: 'holiday' }, cookie);
    expect(move.status).toBe(400);
    expect(move.body).toContain('<a href="#move">Select the kind of move</a>');
  });

  it("the kind of move chosen on the form is the request's (a new employer by default)", async () => {
    const tupe = await createThroughForm({ move: 'tupe_transfer' });
    expect(((await (await fetch(`${url}/oid4vp/requests/${tupe}`, { headers: withSession({}) })).json()) as Record<string, unknown>)['move']).toBe('tupe_transfer');
    const page = await get(`/desk/requests/${tupe}`);
    expect(page.body).toContain('(TUPE transfer)');
    const plain = await createThroughForm();
    expect(((await (await fetch(`${url}/oid4vp/requests/${plain}`, { headers: withSession({}) })).json()) as Record<string, unknown>)['move']).toBe('new_employer');
  });

  it('creates the OpenID4VP request (DCQL by default, the start date given) and redirects to its page', async () => {
    const id = await createThroughForm({ 'startDate-day': '5', 'startDate-month': '10', 'startDate-year': '2026' });
    const polled = (await (await fetch(`${url}/oid4vp/requests/${id}`, { headers: withSession({}) })).json()) as Record<string, unknown>;
    expect(polled).toMatchObject({ state: 'pending', profileId: 'admin-clerical-band-4', startDate: '2026-10-05', query: 'dcql' });
    const pe = await createThroughForm({ query: 'pe' });
    const peState = (await (await fetch(`${url}/oid4vp/requests/${pe}`, { headers: withSession({}) })).json()) as Record<string, unknown>;
    // No start date: today (the verifier's clock).
    expect(peState).toMatchObject({ query: 'pe', startDate: '2026-10-03' });
  });

  it('refuses a post without the CSRF cookie, with a different token, or without the field: 403 page', async () => {
    const { cookie, csrf } = await startForm();
    const other = await startForm();
    for (const res of [
      await post({ _csrf: csrf, profileId: 'admin-clerical-band-4' }),
      await post({ _csrf: other.csrf, profileId: 'admin-clerical-band-4' }, cookie),
      await post({ profileId: 'admin-clerical-band-4' }, cookie),
    ]) {
      expect(res.status).toBe(403);
      expect(res.type).toContain('text/html');
      expect(res.body).toContain('This form is out of date');
      expect(res.body).toContain('ERR_FORBIDDEN');
    }
    const json = await fetch(`${url}/desk/requests`, { method: 'POST', headers: withSession({ 'content-type': 'application/json', cookie }), body: JSON.stringify({ _csrf: csrf, profileId: 'admin-clerical-band-4' }) });
    expect(json.status).toBe(403);
  });

  it('a form over the size limit is a 413 page, not a 500', async () => {
    const { cookie, csrf } = await startForm();
    const res = await post({ _csrf: csrf, profileId: 'x'.repeat(40_000) }, cookie);
    expect(res.status).toBe(413);
    expect(res.type).toContain('text/html');
  });
});

describe('the request page', () => {
  it('shows the QR code (inline SVG named for screen readers), the same-device link, the state, and refreshes without JavaScript', async () => {
    const id = await createThroughForm();
    const page = await get(`/desk/requests/${id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1 class="nhsuk-heading-l">Ask the new starter to scan this code</h1>');
    expect(page.body).toMatch(/<svg width="288" height="288" role="img" aria-label="QR code for the new starter to scan with their wallet"/);
    const link = (await (await fetch(`${url}/oid4vp/requests/${id}`, { headers: withSession({}) })).json() as { link: string }).link;
    expect(link.startsWith('openid4vp://?client_id=decentralized_identifier')).toBe(true);
    const escaped = link.replace(/&/g, '&amp;');
    expect(page.body).toContain(`href="${escaped}" id="wallet-link"`);
    expect(page.body).toContain(`id="wallet-link-text" type="text" value="${escaped}" readonly`);
    expect(page.body).toContain('Waiting for the wallet');
    expect(page.body).toContain('<noscript><meta http-equiv="refresh" content="3"></noscript>');
    expect(page.body).toContain('<script type="module" src="/desk/assets/desk-request.js"></script>');
    // The refresh can be turned off (WCAG 2.2.1), leaving a button to check.
    const still = await get(`/desk/requests/${id}?refresh=off`);
    expect(still.body).not.toContain('http-equiv="refresh"');
    expect(still.body).toContain('Check for an answer');
    // The result page of a request still waiting sends the browser back.
    const result = await get(`/desk/requests/${id}/result`);
    expect([result.status, result.headers.get('location')]).toEqual([303, `/desk/requests/${id}`]);
    // The script and the stylesheet are served from the verifier itself.
    const script = await get('/desk/assets/desk-request.js');
    expect([script.status, script.type]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect((await get('/desk/assets/desk.css')).type).toContain('text/css');
  });

  it('a refusal (access_denied, OpenID4VP 1.0 section 8.5): "The person chose not to share" and "Start again"', async () => {
    const id = await createThroughForm();
    const [row] = (await ctx.db.query('SELECT state_token FROM sp_oid4vp_requests WHERE id = ?', [id])) as { state_token: string }[];
    const refused = await fetch(`${url}/oid4vp/requests/${id}/response`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ error: 'access_denied', state: row!.state_token }).toString(),
    });
    expect(refused.status).toBe(200);
    const page = await get(`/desk/requests/${id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1 class="nhsuk-heading-l" id="request-outcome">The person chose not to share</h1>');
    expect(page.body).toContain('href="/?profile=admin-clerical-band-4"');
    expect(page.body).not.toContain('http-equiv="refresh"');
  });

  it('expired: "This request has expired" with "Start again"', async () => {
    const id = await createThroughForm();
    offsetMs = (ctx.nonceTtlSeconds + 1) * 1000;
    try {
      const page = await get(`/desk/requests/${id}`);
      expect(page.body).toContain('<h1 class="nhsuk-heading-l" id="request-outcome">This request has expired</h1>');
      expect(page.body).toContain('id="start-again"');
    } finally {
      offsetMs = 0;
    }
  });
});

describe('errors are pages', () => {
  it.each([['/desk/requests/req_00000000000000000000'], ['/desk/requests/not-an-id'], ['/desk/requests/req_00000000000000000000/result'], ['/desk/nowhere']])('%s: a 404 page, not JSON', async (path) => {
    const page = await get(path);
    expect(page.status).toBe(404);
    expect(page.type).toContain('text/html');
    expect(page.body).toContain('<h1 class="nhsuk-heading-l">Page not found</h1>');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  // Found by the route fuzz: a lone surrogate, percent-encoded, cannot be decoded into the id.
  it.each([['/desk/requests/%ED%A0%80/result'], ['/desk/requests/%ZZ']])('%s: bad percent-encoding is a 400 page naming the code, not a 500', async (path) => {
    const page = await get(path);
    expect(page.status).toBe(400);
    expect(page.type).toContain('text/html');
    expect(page.body).toContain('ERR_REQUEST_INVALID');
  });

  it('the API outside the desk still answers problem+json', async () => {
    const res = await fetch(`${url}/results/res_00000000000000000000`, { headers: withSession({}) });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const poll = await fetch(`${url}/oid4vp/requests/req_00000000000000000000`);
    expect(poll.headers.get('content-type')).toContain('application/problem+json');
  });
});
