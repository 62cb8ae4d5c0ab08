/**
 * The desk's sign-in with the organisation's own OpenID provider (issue 20, item 2), in Chromium
 * against the real `oidc-provider`: the authorization code flow with PKCE for the desk's public
 * client, the access token for the organisation's audience checked as any of its tokens is, its
 * role claim mapped to the checker role; the session then sees that organisation only and is
 * checked again on every page. The protocol code is core's, shared with the HR console.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { expectNoAxeViolations, launchChromium, saveScreenshot } from '../../../../test/helpers/page-browser.js';
import { IDP_NAMES, startOidcProvider, type OidcProviderHandle } from '../../../issuer/test/auth/helpers/start-oidc-provider.js';
import { call, startTenantVerifier, type TenantVerifier } from '../http/helpers/start-tenant-verifier.js';
import { DBS_PROFILE } from '../oid4vp/helpers/oid4vp-fixtures.js';

const CLIENT_ID = 'staff-passport-desk';
let verifier: TenantVerifier;
let idp: OidcProviderHandle;
let browser: Browser;

beforeAll(async () => {
  verifier = await startTenantVerifier();
  idp = await startOidcProvider({ consoleClient: { clientId: CLIENT_ID, redirectUri: `${verifier.url}/desk/sign-in/callback` } });
  const configured = await call(`${verifier.url}/orgs/${verifier.a.org.id}/oidc`, {
    method: 'PUT',
    key: verifier.platformKey,
    // alice's tokens carry roles passport-admins and passport-hr; only passport-hr is a checker here.
    body: { issuer: idp.issuer, audience: `https://passport.test/verifier/${verifier.a.org.id}`, roleMapping: { 'passport-hr': 'checker' }, clientId: CLIENT_ID },
  });
  expect(configured.status).toBe(200);
  expect((await call(`${verifier.url}/profiles`, { key: verifier.a.keys['profile-admin'], body: DBS_PROFILE })).status).toBe(201);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await idp?.close();
  await verifier?.close();
});

it("takes the organisation's OpenID access token on the JSON API too, named with X-Organisation-Id (as the issuer's API does)", async () => {
  const audience = `https://passport.test/verifier/${verifier.a.org.id}`;
  const token = await idp.authorizationCodeToken('alice', audience);
  const asA = await fetch(`${verifier.url}/organisation`, { headers: { authorization: `Bearer ${token}`, 'x-organisation-id': verifier.a.org.id } });
  expect(asA.status).toBe(200);
  expect(await asA.json()).toMatchObject({ organisation: { id: verifier.a.org.id }, roles: ['checker'], actor: expect.stringMatching(/^oidc:/) });
  // Without the organisation, or for another organisation (whose provider is not this one): refused.
  const unnamed = await fetch(`${verifier.url}/organisation`, { headers: { authorization: `Bearer ${token}` } });
  expect([unnamed.status, ((await unnamed.json()) as { code: string }).code]).toEqual([401, 'ERR_AUTH_INVALID']);
  const asB = await fetch(`${verifier.url}/organisation`, { headers: { authorization: `Bearer ${token}`, 'x-organisation-id': verifier.b.org.id } });
  expect(asB.status).toBeGreaterThanOrEqual(401);
  expect(asB.status).toBeLessThan(404);
  // A checker's token does not manage profiles.
  const profile = await fetch(`${verifier.url}/profiles`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'x-organisation-id': verifier.a.org.id, 'content-type': 'application/json' }, body: JSON.stringify(DBS_PROFILE) });
  expect(profile.status).toBe(403);
});

async function loginAtProvider(page: Page, login: string): Promise<void> {
  // The provider's own pages (development interactions): log in, then consent.
  await page.waitForURL(`${idp.issuer}/interaction/**`);
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', 'any');
  await page.click('button[type="submit"]');
  await page.waitForSelector('button:has-text("Continue")');
  await page.click('button:has-text("Continue")');
}

it("signs a checker in with the organisation's account, back to the desk by itself, seeing that organisation's profiles only", async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${verifier.url}/`);
    await page.waitForURL(`${verifier.url}/desk/sign-in?next=%2F`);
    // An organisation without its own sign-in says so, the NHS way.
    await page.fill('#org', verifier.b.org.id);
    await page.click('#org-continue');
    await page.waitForSelector('.nhsuk-error-summary');
    expect(await page.locator('#org-error').textContent()).toContain('does not let you sign in to the desk with its own accounts');
    await expectNoAxeViolations(page, 'desk sign-in (organisation without its own sign-in)');

    await page.fill('#org', verifier.a.org.id);
    await page.click('#org-continue');
    await page.waitForSelector('#oidc-sign-in');
    expect(await page.locator('#oidc-sign-in').textContent()).toContain(verifier.a.org.name);
    await expectNoAxeViolations(page, "desk sign-in (the organisation's sign-in found)");
    await saveScreenshot(page, 'desk-sign-in-oidc');
    await page.click('#oidc-sign-in');

    await loginAtProvider(page, 'alice');
    await page.waitForURL(`${verifier.url}/`);
    await expect(page.title()).resolves.toBe('Check a new starter - Staff Passport verifier desk');
    expect(await page.getByLabel(DBS_PROFILE.title).count()).toBe(1);
    await saveScreenshot(page, 'desk-start-oidc');

    // The session carries the provider's access token, checked on every page.
    const cookies = await context.cookies(verifier.url);
    const session = cookies.find((c) => c.name === 'sp_desk_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const audit = await call(`${verifier.url}/audit`, { key: verifier.a.keys.auditor });
    expect((audit.body['events'] as { action: string; actor: string; detail?: { method?: string } }[]).find((e) => e.action === 'desk.sign-in' && e.detail?.method === 'oidc')).toMatchObject({ actor: 'oidc:alice' });
    expect(IDP_NAMES['alice']).toBeDefined();

    // The provider removed: the next page ends the session.
    expect((await call(`${verifier.url}/orgs/${verifier.a.org.id}/oidc`, { method: 'DELETE', key: verifier.platformKey })).status).toBe(204);
    await page.goto(`${verifier.url}/`);
    await page.waitForURL(`${verifier.url}/desk/sign-in?expired=1`);
  } finally {
    await context.close();
  }
});

it('someone the provider signs in without a checker role is not let in', async () => {
  await call(`${verifier.url}/orgs/${verifier.a.org.id}/oidc`, {
    method: 'PUT',
    key: verifier.platformKey,
    body: { issuer: idp.issuer, audience: `https://passport.test/verifier/${verifier.a.org.id}`, roleMapping: { 'passport-admins': 'auditor' }, clientId: CLIENT_ID },
  });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${verifier.url}/desk/sign-in?org=${verifier.a.org.id}`);
    await page.click('#oidc-sign-in');
    await loginAtProvider(page, 'alice');
    await page.waitForURL(`${verifier.url}/desk/sign-in/callback**`);
    expect(await page.locator('h1').textContent()).toBe('You could not be signed in');
    expect((await context.cookies(verifier.url)).some((c) => c.name === 'sp_desk_session')).toBe(false);
  } finally {
    await context.close();
  }
});
