/**
 * The desk is behind sign-in (issue 20, item 2): a checker's API key starts a sealed session
 * (HttpOnly, SameSite=Strict); every page signs its token in again, so a revoked key ends it; the
 * session sees its own organisation's requests only; it signs in the desk's own GETs of the API
 * (polling, downloads) but never a write; login CSRF is refused.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { call, startTenantVerifier, type TenantVerifier } from '../http/helpers/start-tenant-verifier.js';
import { DBS_PROFILE } from '../oid4vp/helpers/oid4vp-fixtures.js';
import { signInToDesk } from './helpers/sign-in-to-desk.js';

let verifier: TenantVerifier;

beforeAll(async () => {
  verifier = await startTenantVerifier();
});
afterAll(async () => {
  await verifier.close();
});

const page = async (path: string, cookie?: string) => {
  const res = await fetch(`${verifier.url}${path}`, { redirect: 'manual', ...(cookie ? { headers: { cookie } } : {}) });
  return { status: res.status, location: res.headers.get('location'), body: await res.text(), headers: res.headers };
};

async function postSignIn(fields: Record<string, string>, headers: Record<string, string> = {}) {
  const form = await fetch(`${verifier.url}/desk/sign-in`);
  const csrfCookie = (form.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const res = await fetch(`${verifier.url}/desk/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie, ...headers },
    body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    redirect: 'manual',
  });
  return { status: res.status, location: res.headers.get('location'), body: await res.text(), cookies: res.headers.getSetCookie() };
}

it('sends a browser without a session to the sign-in page, and back afterwards', async () => {
  for (const path of ['/', '/desk/requests/req_00000000000000000000']) {
    const res = await page(path);
    expect([res.status, res.location]).toEqual([303, `/desk/sign-in?next=${encodeURIComponent(path)}`]);
  }
  const form = await page('/desk/sign-in?next=%2Fdesk%2Frequests');
  expect(form.status).toBe(200);
  expect(form.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(form.body).toContain('<input type="hidden" name="next" value="/desk/requests">');
  const signedIn = await postSignIn({ apiKey: verifier.a.keys.checker, next: '/desk/requests' });
  expect([signedIn.status, signedIn.location]).toEqual([303, '/desk/requests']);
  expect(signedIn.cookies.find((c) => c.startsWith('sp_desk_session='))).toMatch(/; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800$/);
  // Somewhere else is never where it goes.
  expect((await postSignIn({ apiKey: verifier.a.keys.checker, next: '//evil.example/' })).location).toBe('/');
});

it('refuses a wrong key, a key that is not a checker, a post from another site, and one without the CSRF token, in the same words', async () => {
  for (const apiKey of [`spv_${'x'.repeat(43)}`, verifier.a.keys.auditor, verifier.a.keys['profile-admin'], verifier.platformKey]) {
    const res = await postSignIn({ apiKey });
    expect(res.status).toBe(401);
    expect(res.body).toContain('The API key is not right, or it cannot be used on the desk');
    expect(res.cookies.some((c) => c.startsWith('sp_desk_session='))).toBe(false);
  }
  expect((await postSignIn({ apiKey: verifier.a.keys.checker }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  const noCsrf = await fetch(`${verifier.url}/desk/sign-in`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `apiKey=${verifier.a.keys.checker}`, redirect: 'manual' });
  expect(noCsrf.status).toBe(403);
  expect((await postSignIn({ apiKey: '' })).body).toContain('Enter your API key');
});

it("shows a checker their organisation's requests only, and signs in the desk's GETs of the API but no write", async () => {
  const a = await signInToDesk(verifier.url, verifier.a.keys.checker);
  const b = await signInToDesk(verifier.url, verifier.b.keys.checker);
  expect((await call(`${verifier.url}/profiles`, { key: verifier.a.keys['profile-admin'], body: DBS_PROFILE })).status).toBe(201);
  const created = await call(`${verifier.url}/oid4vp/requests`, { key: verifier.a.keys.checker, body: { profileId: DBS_PROFILE.id } });
  const id = created.body['id'] as string;
  expect((await page(`/desk/requests/${id}`, a)).status).toBe(200);
  expect((await page(`/desk/requests/${id}`, b)).status).toBe(404);
  // B's start page does not offer A's profile.
  expect((await page('/', a)).body).toContain(`value="${DBS_PROFILE.id}"`);
  expect((await page('/', b)).body).not.toContain(`value="${DBS_PROFILE.id}"`);
  const polled = await fetch(`${verifier.url}/oid4vp/requests/${id}`, { headers: { cookie: a } });
  expect(polled.status).toBe(200);
  expect((await fetch(`${verifier.url}/oid4vp/requests/${id}`, { headers: { cookie: b } })).status).toBe(404);
  const write = await fetch(`${verifier.url}/oid4vp/requests`, { method: 'POST', headers: { cookie: a, 'content-type': 'application/json' }, body: JSON.stringify({ profileId: DBS_PROFILE.id }) });
  expect(write.status).toBe(401);
});

it('a revoked key ends its session at the next page; signing out clears the cookie', async () => {
  const key = await call(`${verifier.url}/orgs/${verifier.a.org.id}/api-keys`, { key: verifier.platformKey, body: { role: 'checker', label: 'Reception desk' } });
  const session = await signInToDesk(verifier.url, key.body['apiKey'] as string);
  expect((await page('/', session)).status).toBe(200);
  await call(`${verifier.url}/orgs/${verifier.a.org.id}/api-keys/${String(key.body['id'])}`, { method: 'DELETE', key: verifier.platformKey });
  const ended = await page('/', session);
  expect([ended.status, ended.location]).toEqual([303, '/desk/sign-in?expired=1']);
  expect((await page('/desk/sign-in?expired=1')).body).toContain('Your session has ended');

  const other = await signInToDesk(verifier.url, verifier.a.keys.checker);
  const start = await page('/', other);
  const csrfCookie = (start.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(start.body)![1]!;
  const out = await fetch(`${verifier.url}/desk/sign-out`, { method: 'POST', headers: { cookie: `${other}; ${csrfCookie}`, 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${csrf}`, redirect: 'manual' });
  expect([out.status, out.headers.get('location')]).toEqual([303, '/desk/sign-in?signed-out=1']);
  expect(out.headers.getSetCookie().find((c) => c.startsWith('sp_desk_session='))).toContain('Max-Age=0');
});

it('a session cookie that does not open (altered, or sealed under another secret) is no session', async () => {
  const session = await signInToDesk(verifier.url, verifier.a.keys.checker);
  const altered = `${session.slice(0, -4)}${session.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
  expect((await page('/', altered)).status).toBe(303);
});
