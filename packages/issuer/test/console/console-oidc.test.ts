/**
 * HR console sign-in with the organisation's own OpenID provider (issue 8): the authorization code
 * flow with PKCE for a public client (RFC 6749 section 4.1, RFC 7636), asking for a JWT access
 * token for the organisation's audience (RFC 8707), against the real oidc-provider. The provider's
 * login and consent pages are driven by hand over HTTP here, and by Chromium in the browser test.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listAuditEvents } from '../../src/audit/list-audit-events.js';
import { IDP_NAMES, startOidcProvider, type OidcProviderHandle } from '../auth/helpers/start-oidc-provider.js';
import { call, startIssuer, type TestIssuer } from '../helpers/start-issuer.js';
import { cookieFrom, errorLinks, fetchPage, titleOf, type PageAnswer } from './helpers/console-client.js';

const CLIENT_ID = 'staff-passport-console';

let issuer: TestIssuer;
let idp: OidcProviderHandle;
let audience: string;

/** A minimal cookie jar for the provider's own cookies (its interaction and session cookies). */
class Jar {
  readonly cookies = new Map<string, string>();
  store(setCookies: string[]): void {
    for (const line of setCookies) {
      const pair = line.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Follows the provider's redirects from the authorization URL, signing in as `login` on its login
 * page and agreeing on its consent page, until it sends the browser back to the console; returns
 * that callback URL.
 */
async function loginAtProvider(authorizationUrl: string, login: string): Promise<string> {
  const jar = new Jar();
  let next = authorizationUrl;
  for (let step = 0; step < 12; step++) {
    if (next.startsWith(`${issuer.url}/console/`)) return next;
    let res = await fetch(next, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(res.headers.getSetCookie());
    if (res.status === 200 && new URL(next).pathname.startsWith('/interaction/')) {
      const page = await res.text();
      const form: Record<string, string> = page.includes('name="login"') ? { prompt: 'login', login, password: 'any' } : { prompt: 'consent' };
      res = await fetch(next, { method: 'POST', redirect: 'manual', headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
      jar.store(res.headers.getSetCookie());
    }
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) throw new Error(`unexpected ${res.status} at ${next}: ${(await res.text()).slice(0, 300)}`);
    next = new URL(location, next).href;
  }
  throw new Error('the provider did not send the browser back to the console');
}

/** Starts sign-in for organisation A: the redirect to the provider and the state cookie. */
async function startSignIn(next?: string): Promise<{ answer: PageAnswer; stateCookie: string; authorizationUrl: URL }> {
  const answer = await fetchPage(`${issuer.url}/console/sign-in/oidc?org=${issuer.a.org.id}${next ? `&next=${encodeURIComponent(next)}` : ''}`);
  expect(answer.status).toBe(303);
  return { answer, stateCookie: cookieFrom(answer, 'sp_console_oidc')!, authorizationUrl: new URL(answer.location!) };
}

beforeAll(async () => {
  issuer = await startIssuer({ app: () => ({ allowHttpLoopback: true }) });
  idp = await startOidcProvider({ consoleClient: { clientId: CLIENT_ID, redirectUri: `${issuer.url}/console/sign-in/callback` } });
  audience = `https://passport.test/orgs/${issuer.a.org.id}`;
  const put = await call(`${issuer.url}/orgs/${issuer.a.org.id}/oidc`, {
    method: 'PUT',
    key: issuer.a.keys['org-admin'],
    body: { issuer: idp.issuer, audience, roleMapping: { 'passport-hr': 'issuer', 'passport-admins': 'org-admin', 'passport-audit': 'auditor' }, clientId: CLIENT_ID },
  });
  expect(put.status).toBe(200);
});
afterAll(async () => {
  await idp.close();
  await issuer.close();
});

describe('the console client id in the organisation OIDC configuration', () => {
  it('is stored and read back; a bad one is refused with its field', async () => {
    const got = await call(`${issuer.url}/orgs/${issuer.a.org.id}/oidc`, { key: issuer.a.keys['org-admin'] });
    expect((got.body['oidc'] as Record<string, unknown>)['clientId']).toBe(CLIENT_ID);
    const bad = await call(`${issuer.url}/orgs/${issuer.b.org.id}/oidc`, {
      method: 'PUT',
      key: issuer.b.keys['org-admin'],
      body: { issuer: idp.issuer, audience: 'https://passport.test/b', roleMapping: { x: 'issuer' }, clientId: 'has space' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body['field']).toBe('clientId');
  });

  it('without a client id the console does not offer the organisation sign-in', async () => {
    const put = await call(`${issuer.url}/orgs/${issuer.b.org.id}/oidc`, {
      method: 'PUT',
      key: issuer.b.keys['org-admin'],
      body: { issuer: idp.issuer, audience: 'https://passport.test/b', roleMapping: { 'passport-hr': 'issuer' } },
    });
    expect(put.status).toBe(200);
    expect((put.body['oidc'] as Record<string, unknown>)['clientId']).toBeNull();
    for (const org of [issuer.b.org.id, 'org_0000000000000000', 'not-an-org']) {
      // Asked for from the sign-in form: the error is on its one organisation field (issue 21).
      const page = await fetchPage(`${issuer.url}/console/sign-in`, { form: { orgId: org, apiKey: '', method: 'oidc' } });
      expect(page.status).toBe(400);
      expect(errorLinks(page.text)).toEqual(['orgId']);
      expect(page.text).toContain('does not offer sign-in with its own account');
      // A link naming the organisation: the API key form, the organisation filled in.
      const linked = await fetchPage(`${issuer.url}/console/sign-in?org=${org}`);
      expect(linked.status).toBe(200);
      expect(linked.text).toMatch(new RegExp(`id="orgId" name="orgId" type="text" value="${org}"`));
      expect(linked.text).not.toContain('id="oidc-sign-in"');
      const start = await fetchPage(`${issuer.url}/console/sign-in/oidc?org=${org}`);
      expect(start.status).toBe(401);
      expect(start.type).toContain('text/html');
      expect(cookieFrom(start, 'sp_console_oidc')).toBeUndefined();
    }
    const empty = await fetchPage(`${issuer.url}/console/sign-in`, { form: { orgId: '', apiKey: '', method: 'oidc' } });
    expect(errorLinks(empty.text)).toEqual(['orgId']);
    expect(empty.text).toContain('Enter your organisation ID');
  });
});

describe('signing in with the organisation account', () => {
  it('finding the organisation shows a link (a GET navigation) to its sign-in', async () => {
    const page = await fetchPage(`${issuer.url}/console/sign-in?org=${issuer.a.org.id}&next=%2Fconsole%2Faudit`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`id="oidc-sign-in"`);
    expect(page.text).toContain(`href="/console/sign-in/oidc?org=${issuer.a.org.id}&amp;next=%2Fconsole%2Faudit"`);
    expect(page.text).toContain(issuer.a.org.name);
  });

  it('redirects to the provider with PKCE (S256), state, nonce, the console redirect URI and the audience as resource; the state cookie is sealed, Lax and HttpOnly', async () => {
    const { answer, authorizationUrl } = await startSignIn();
    expect(authorizationUrl.origin).toBe(idp.issuer);
    const p = authorizationUrl.searchParams;
    expect(p.get('response_type')).toBe('code');
    expect(p.get('client_id')).toBe(CLIENT_ID);
    expect(p.get('redirect_uri')).toBe(`${issuer.url}/console/sign-in/callback`);
    expect(p.get('scope')).toBe('openid profile');
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.get('state')!.length).toBeGreaterThanOrEqual(43);
    expect(p.get('nonce')!.length).toBeGreaterThanOrEqual(43);
    expect(p.get('resource')).toBe(audience);
    const line = answer.setCookies.find((c) => c.startsWith('sp_console_oidc='))!;
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Lax/);
    expect(line).toMatch(/; Path=\/console\/sign-in/);
    expect(line).toMatch(/Max-Age=600/);
    // Sealed: neither the state nor the verifier can be read from it.
    expect(line).not.toContain(p.get('state')!);
  });

  it('the whole flow: the access token goes through the authenticator, the session is an OIDC one named from the ID token, audited', async () => {
    const { stateCookie, authorizationUrl } = await startSignIn('/console/credentials');
    const callback = await loginAtProvider(authorizationUrl.href, 'alice');
    const back = await fetchPage(callback, { cookie: stateCookie });
    expect(back.status).toBe(200);
    expect(titleOf(back.text)).toBe('Signed in - Staff Passport HR console');
    // Goes on by itself, same-site, so the Strict session cookie comes along.
    expect(back.text).toContain('<meta http-equiv="refresh" content="0; url=/console/credentials">');
    expect(back.setCookies.find((c) => c.startsWith('sp_console_oidc='))).toMatch(/Max-Age=0/);
    const session = cookieFrom(back, 'sp_console')!;
    expect(session).toBeDefined();
    const home = await fetchPage(`${issuer.url}/console/home`, { cookie: session });
    expect(home.status).toBe(200);
    expect(home.text).toContain(IDP_NAMES['alice']!);
    expect(home.text).toContain('organisation administrator and issuer');
    const events = await listAuditEvents(issuer.ctx.db, issuer.a.org.id, { limit: 1000 });
    expect(events.some((e) => e.action === 'console.sign-in' && e.actor === 'oidc:alice' && e.detail['method'] === 'oidc')).toBe(true);
  });

  it('an account whose roles map to none of ours gets a 403 page, not a session', async () => {
    const { stateCookie, authorizationUrl } = await startSignIn();
    const callback = await loginAtProvider(authorizationUrl.href, 'bob');
    const back = await fetchPage(callback, { cookie: stateCookie });
    expect(back.status).toBe(403);
    expect(back.text).toContain('does not give you a role in the HR console');
    expect(errorLinks(back.text)).toEqual(['oidc-sign-in']);
    expect(cookieFrom(back, 'sp_console')).toBeUndefined();
  });

  it('refuses an answer with another state or without the state cookie, and a code used twice', async () => {
    const { stateCookie, authorizationUrl } = await startSignIn();
    const callback = new URL(await loginAtProvider(authorizationUrl.href, 'alice'));
    const forged = new URL(callback);
    forged.searchParams.set('state', 'x'.repeat(43));
    const wrongState = await fetchPage(forged.href, { cookie: stateCookie });
    expect(wrongState.status).toBe(401);
    expect(errorLinks(wrongState.text)).toEqual(['oidc-sign-in']);
    expect(cookieFrom(wrongState, 'sp_console')).toBeUndefined();
    const noCookie = await fetchPage(callback.href);
    expect(noCookie.status).toBe(400);
    expect(noCookie.text).toContain('started in another browser');
    // The state is checked before the code is used: the right answer still signs in, once. The
    // browser's cookie is cleared then; a replay with a copy of it fails (the provider refuses a
    // code used before).
    const right = await fetchPage(callback.href, { cookie: stateCookie });
    expect(right.status).toBe(200);
    expect(cookieFrom(right, 'sp_console')).toBeDefined();
    const replay = await fetchPage(callback.href, { cookie: stateCookie });
    expect(replay.status).toBe(401);
    expect(cookieFrom(replay, 'sp_console')).toBeUndefined();
  });

  it('an error from the provider (the user said no) is shown on the sign-in page', async () => {
    const { stateCookie, authorizationUrl } = await startSignIn();
    const back = await fetchPage(`${issuer.url}/console/sign-in/callback?error=access_denied&state=${authorizationUrl.searchParams.get('state')!}`, { cookie: stateCookie });
    expect(back.status).toBe(401);
    expect(back.type).toContain('text/html');
    expect(back.text).toContain('did not sign you in');
  });

  it('an answer naming another issuer (RFC 9207 iss) is refused', async () => {
    const { stateCookie, authorizationUrl } = await startSignIn();
    const callback = new URL(await loginAtProvider(authorizationUrl.href, 'alice'));
    callback.searchParams.set('iss', 'https://evil.example');
    const back = await fetchPage(callback.href, { cookie: stateCookie });
    expect(back.status).toBe(401);
    expect(cookieFrom(back, 'sp_console')).toBeUndefined();
  });

  it('a provider that cannot be reached is a 503 page that offers the API key instead', async () => {
    const other = await startIssuer({ app: () => ({ allowHttpLoopback: true }) });
    try {
      const put = await call(`${other.url}/orgs/${other.a.org.id}/oidc`, {
        method: 'PUT',
        key: other.a.keys['org-admin'],
        body: { issuer: 'http://127.0.0.1:9', audience: 'https://passport.test/x', roleMapping: { 'passport-hr': 'issuer' }, clientId: CLIENT_ID },
      });
      expect(put.status).toBe(200);
      const page = await fetchPage(`${other.url}/console/sign-in/oidc?org=${other.a.org.id}`);
      expect(page.status).toBe(503);
      expect(page.text).toContain('cannot be reached');
      expect(page.text).toContain('id="apiKey"');
    } finally {
      await other.close();
    }
  });
});
