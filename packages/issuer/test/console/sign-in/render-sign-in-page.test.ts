/**
 * HR console sign-in with an API key, sessions and sign-out, at the HTTP level (issue 8): errors
 * the NHS way as pages (never problem+json), the sign-in limiter's 429 as a page, the session
 * cookie HttpOnly and SameSite, CSRF on every form, expiry by the injected clock, an altered
 * cookie as signed out, and no open redirect through `next`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiKey } from '@staff-passport/issuer';
import { listAuditEvents } from '../../../src/audit/list-audit-events.js';
import { safeNextPath } from '@staff-passport/web-kit';
import { call, startIssuer, type TestIssuer } from '../../helpers/start-issuer.js';
import { cookieFrom, errorLinks, fetchPage, signInWithKey, titleOf } from '../helpers/console-client.js';

let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await startIssuer();
});
afterAll(async () => {
  await issuer.close();
});

describe('the sign-in page', () => {
  it('is a page with one organisation ID field and a password-type API key field, then the way to the organisation sign-in', async () => {
    const page = await fetchPage(`${issuer.url}/console/sign-in`);
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(titleOf(page.text)).toBe('Sign in - Staff Passport HR console');
    expect(page.text).toMatch(/<input class="nhsuk-input[^"]*" id="orgId" name="orgId" type="text"/);
    expect(page.text).toMatch(/id="apiKey" name="apiKey" type="password"[^>]* autocomplete="off"/);
    // One organisation field (issue 21): the organisation's own sign-in is a second button of the same form, after the API key.
    expect(page.text.match(/>Organisation ID</g)).toHaveLength(1);
    expect(page.text).toContain('>Sign in</button>');
    expect(page.text).toMatch(/id="oidc-continue" name="method" value="oidc"/);
    expect(page.text.indexOf('id="apiKey"')).toBeLessThan(page.text.indexOf('id="oidc-continue"'));
  });

  it('/ sends a signed-out browser to the sign-in page', async () => {
    const page = await fetchPage(`${issuer.url}/`);
    expect(page.status).toBe(303);
    expect(page.location).toBe('/console/sign-in');
  });

  it('empty fields: 400, "Error:" in the title, a summary linking to each field, inline messages', async () => {
    const page = await fetchPage(`${issuer.url}/console/sign-in`, { form: { orgId: '', apiKey: '' } });
    expect(page.status).toBe(400);
    expect(page.type).toContain('text/html');
    expect(titleOf(page.text)).toBe('Error: Sign in - Staff Passport HR console');
    expect(errorLinks(page.text)).toEqual(['orgId', 'apiKey']);
    expect(page.text).toContain('id="orgId-error"');
    expect(page.text).toContain('Enter your API key');
  });

  it('a wrong key, or a key of another organisation, gets the same 401 page that does not say which was wrong', async () => {
    const wrong = await fetchPage(`${issuer.url}/console/sign-in`, { form: { orgId: issuer.a.org.id, apiKey: 'sp_not-a-real-key-0000000000' } });
    const other = await fetchPage(`${issuer.url}/console/sign-in`, { form: { orgId: issuer.a.org.id, apiKey: issuer.b.keys.issuer } });
    const noOrg = await fetchPage(`${issuer.url}/console/sign-in`, { form: { orgId: 'org_0000000000000000', apiKey: issuer.a.keys.issuer } });
    for (const page of [wrong, other, noOrg]) {
      expect(page.status).toBe(401);
      expect(page.type).toContain('text/html');
      expect(page.text).toContain('The organisation or API key is not right');
      expect(errorLinks(page.text)).toEqual(['apiKey']);
      expect(cookieFrom(page, 'sp_console')).toBeUndefined();
      // The key typed is never sent back; the organisation ID is kept.
      expect(page.text).not.toContain(issuer.b.keys.issuer);
    }
    expect(wrong.text).toContain(`value="${issuer.a.org.id}"`);
  });

  it('a right key starts a session: HttpOnly, SameSite=Strict cookie, 303 to the home page, audited', async () => {
    const page = await fetchPage(`${issuer.url}/console/sign-in`, { form: { orgId: issuer.a.org.id, apiKey: issuer.a.keys['org-admin'] } });
    expect(page.status).toBe(303);
    expect(page.location).toBe('/console/home');
    const line = page.setCookies.find((c) => c.startsWith('sp_console='))!;
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Strict/);
    expect(line).toMatch(/; Path=\//);
    // The cookie is sealed: the key is not readable in it.
    expect(line).not.toContain(issuer.a.keys['org-admin']);
    const home = await fetchPage(`${issuer.url}/console/home`, { cookie: cookieFrom(page, 'sp_console')! });
    expect(home.status).toBe(200);
    expect(home.text).toContain(issuer.a.org.name);
    expect(home.text).toContain(issuer.a.org.did);
    expect(home.text).toContain('id="count-total"');
    expect(home.text).toContain('>Sign out</button>');
    const events = await listAuditEvents(issuer.ctx.db, issuer.a.org.id, { limit: 1000 });
    expect(events.some((e) => e.action === 'console.sign-in' && e.detail['method'] === 'api-key')).toBe(true);
  });

  it("refuses a sign-in posted from another site's form (login CSRF, by the browser's Sec-Fetch-Site)", async () => {
    const res = await fetch(`${issuer.url}/console/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      body: new URLSearchParams({ orgId: issuer.a.org.id, apiKey: issuer.a.keys.issuer }).toString(),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('sp_console='))).toBe(false);
  });

  it('goes on to `next` when it is a path on this site, and home otherwise', async () => {
    const form = { orgId: issuer.a.org.id, apiKey: issuer.a.keys.auditor };
    expect((await fetchPage(`${issuer.url}/console/sign-in`, { form: { ...form, next: '/console/audit?before=3' } })).location).toBe('/console/audit?before=3');
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/console/\r\nx', 'javascript:alert(1)']) {
      expect((await fetchPage(`${issuer.url}/console/sign-in`, { form: { ...form, next } })).location).toBe('/console/home');
    }
  });

  it('a page asked for while signed out comes back after signing in', async () => {
    const page = await fetchPage(`${issuer.url}/console/credentials?type=DbsCheck`);
    expect(page.status).toBe(303);
    expect(page.location).toBe(`/console/sign-in?next=${encodeURIComponent('/console/credentials?type=DbsCheck')}`);
    const signIn = await fetchPage(`${issuer.url}${page.location!}`);
    expect(signIn.text).toContain('name="next" value="/console/credentials?type=DbsCheck"');
  });
});

describe('safeNextPath', () => {
  it('keeps paths on this site and refuses everything else', () => {
    expect(safeNextPath('/console/home')).toBe('/console/home');
    expect(safeNextPath('/console/credentials?type=DbsCheck&status=active')).toBe('/console/credentials?type=DbsCheck&status=active');
    for (const bad of [undefined, '', 'console/home', '//evil.example', '/\\evil.example', 'https://evil.example', '/a b', '/\u0000x', `/${'a'.repeat(3000)}`]) {
      expect(safeNextPath(bad)).toBeUndefined();
    }
  });
});

describe('sessions', () => {
  it('sign-out needs the form token: without it a 403 page, with it the cookie is cleared and a banner says so', async () => {
    const { cookie, csrf } = await signInWithKey(issuer.url, issuer.a.org.id, issuer.a.keys.issuer);
    const refused = await fetchPage(`${issuer.url}/console/sign-out`, { cookie, form: { _csrf: 'not-the-token' } });
    expect(refused.status).toBe(403);
    expect(refused.type).toContain('text/html');
    expect(refused.text).toContain('reload the page');
    const missing = await fetchPage(`${issuer.url}/console/sign-out`, { cookie, form: {} });
    expect(missing.status).toBe(403);
    // Still signed in.
    expect((await fetchPage(`${issuer.url}/console/home`, { cookie })).status).toBe(200);

    const out = await fetchPage(`${issuer.url}/console/sign-out`, { cookie, form: { _csrf: csrf } });
    expect(out.status).toBe(303);
    expect(out.location).toBe('/console/sign-in?signed-out=1');
    expect(out.setCookies.find((c) => c.startsWith('sp_console='))).toMatch(/^sp_console=; .*Max-Age=0/);
    const banner = await fetchPage(`${issuer.url}${out.location!}`);
    expect(banner.text).toContain('You have signed out');
    const events = await listAuditEvents(issuer.ctx.db, issuer.a.org.id, { limit: 1000 });
    expect(events.some((e) => e.action === 'console.sign-out')).toBe(true);
  });

  it('a session ends after 8 hours (the injected clock), and the browser goes back to sign in', async () => {
    const { cookie } = await signInWithKey(issuer.url, issuer.a.org.id, issuer.a.keys.issuer);
    try {
      issuer.setNow(new Date(Date.now() + 7 * 3_600_000));
      expect((await fetchPage(`${issuer.url}/console/home`, { cookie })).status).toBe(200);
      issuer.setNow(new Date(Date.now() + 8 * 3_600_000 + 60_000));
      const page = await fetchPage(`${issuer.url}/console/home`, { cookie });
      expect(page.status).toBe(303);
      expect(page.location).toBe('/console/sign-in?next=%2Fconsole%2Fhome');
    } finally {
      issuer.setNow(new Date());
    }
  });

  it('an altered cookie is the same as no cookie', async () => {
    const { cookie } = await signInWithKey(issuer.url, issuer.a.org.id, issuer.a.keys.issuer);
    const [name, value] = cookie.split('=') as [string, string];
    // A character in the middle of the sealed value (the last one may carry only padding bits).
    const at = Math.floor(value.length / 2);
    const swapped = value[at] === 'A' ? 'B' : 'A';
    for (const altered of [`${name}=${value.slice(0, at)}${swapped}${value.slice(at + 1)}`, `${name}=${value.slice(0, 20)}`, `${name}=v1.x.y.z`, `${name}=`]) {
      const page = await fetchPage(`${issuer.url}/console/home`, { cookie: altered });
      expect(page.status).toBe(303);
      expect(page.location).toMatch(/^\/console\/sign-in/);
    }
  });

  it('a revoked API key ends the session on the next page (every page authenticates the key again)', async () => {
    const { apiKey, id } = await createApiKey(issuer.ctx, { orgId: issuer.a.org.id, role: 'issuer' }, 'test');
    const { cookie } = await signInWithKey(issuer.url, issuer.a.org.id, apiKey);
    const revoked = await call(`${issuer.url}/orgs/${issuer.a.org.id}/api-keys/${id}/revoke`, { method: 'POST', key: issuer.a.keys['org-admin'], body: {} });
    expect(revoked.status).toBe(200);
    const page = await fetchPage(`${issuer.url}/console/home`, { cookie });
    expect(page.status).toBe(303);
    expect(page.location).toBe('/console/sign-in?expired=1');
    expect((await fetchPage(`${issuer.url}/console/sign-in?expired=1`)).text).toContain('Your session has ended');
  });
});

describe('bad requests are pages, never a 500', () => {
  it('an unknown console page is a 404 page', async () => {
    const { cookie } = await signInWithKey(issuer.url, issuer.a.org.id, issuer.a.keys.issuer);
    for (const path of ['/console/nothing-here', '/console/credentials/urn:uuid:00000000-0000-0000-0000-000000000000', '/console/credentials/not-an-id']) {
      const page = await fetchPage(`${issuer.url}${path}`, { cookie });
      expect(page.status).toBe(404);
      expect(page.type).toContain('text/html');
      expect(page.text).toContain('Page not found');
    }
  });

  it('an oversized or over-long form is a 4xx page', async () => {
    const big = await fetchPage(`${issuer.url}/console/sign-in`, { form: `orgId=${'a'.repeat(300_000)}&apiKey=x` });
    expect(big.status).toBe(413);
    expect(big.type).toContain('text/html');
    const many = await fetchPage(`${issuer.url}/console/sign-in`, { form: Array.from({ length: 300 }, (_, i) => `f${i}=1`).join('&') });
    expect(many.status).toBe(413);
    expect(many.type).toContain('text/html');
    const twice = await fetchPage(`${issuer.url}/console/sign-in`, { form: `orgId=a&orgId=b&apiKey=x` });
    expect(twice.status).toBe(400);
    expect(errorLinks(twice.text)).toEqual(['orgId']);
  });
});

describe('the sign-in limiter', () => {
  it('after too many failures from one address, even the right key gets a 429 page with Retry-After', async () => {
    // A fresh issuer: the limiter counts per address and organisation, and this test spends it.
    const fresh = await startIssuer();
    try {
      let last = await fetchPage(`${fresh.url}/console/sign-in`, { form: { orgId: fresh.a.org.id, apiKey: 'sp_wrong-key-000000000000' } });
      for (let i = 0; i < 15 && last.status !== 429; i++) {
        last = await fetchPage(`${fresh.url}/console/sign-in`, { form: { orgId: fresh.a.org.id, apiKey: 'sp_wrong-key-000000000000' } });
      }
      expect(last.status).toBe(429);
      const right = await fetchPage(`${fresh.url}/console/sign-in`, { form: { orgId: fresh.a.org.id, apiKey: fresh.a.keys.issuer } });
      expect(right.status).toBe(429);
      expect(right.type).toContain('text/html');
      expect(right.text).toContain('You have tried to sign in too many times');
      expect(errorLinks(right.text)).toEqual(['apiKey']);
      expect(cookieFrom(right, 'sp_console')).toBeUndefined();
      const res = await fetch(`${fresh.url}/console/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ orgId: fresh.a.org.id, apiKey: fresh.a.keys.issuer }).toString(),
        redirect: 'manual',
      });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await fresh.close();
    }
  });
});
