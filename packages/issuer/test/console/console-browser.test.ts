/**
 * The HR console in Chromium (Debian's, driven by playwright-core) against the real issuer and the
 * real oidc-provider (issue 8): sign in with an API key using the keyboard alone; sign in with the
 * organisation's account (authorization code flow with PKCE, the provider's own login and consent
 * pages filled in by the browser); find a credential by person and type; revoke it with a reason;
 * suspend and reinstate another; read those events in the audit log. axe-core finds no WCAG 2.2 AA
 * violation on any page or state (empty forms, errors, results, success, 403, 404).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { expectNoAxeViolations, expectReachableByKeyboard, launchChromium, saveScreenshot } from '../../../../test/helpers/page-browser.js';
import { IDP_NAMES, startOidcProvider, type OidcProviderHandle } from '../auth/helpers/start-oidc-provider.js';
import { call, startIssuer, type TestIssuer } from '../helpers/start-issuer.js';
import { issueExample, randomHolder } from './helpers/console-client.js';
import { withFreshPage } from './helpers/open-console-browser.js';

const CLIENT_ID = 'staff-passport-console';

let issuer: TestIssuer;
let idp: OidcProviderHandle;
let browser: Browser;
const holder = randomHolder();
const ids = { dbs: '', training: '', otherDbs: '' };

beforeAll(async () => {
  issuer = await startIssuer({ app: () => ({ allowHttpLoopback: true }) });
  idp = await startOidcProvider({ consoleClient: { clientId: CLIENT_ID, redirectUri: `${issuer.url}/console/sign-in/callback` } });
  const put = await call(`${issuer.url}/orgs/${issuer.a.org.id}/oidc`, {
    method: 'PUT',
    key: issuer.a.keys['org-admin'],
    body: { issuer: idp.issuer, audience: `https://passport.test/orgs/${issuer.a.org.id}`, roleMapping: { 'passport-hr': 'issuer', 'passport-admins': 'org-admin' }, clientId: CLIENT_ID },
  });
  expect(put.status).toBe(200);
  const key = issuer.a.keys.issuer;
  ids.dbs = await issueExample(issuer.url, issuer.a.org.id, key, 'DbsCheck', holder);
  ids.training = await issueExample(issuer.url, issuer.a.org.id, key, 'TrainingRecord', holder);
  ids.otherDbs = await issueExample(issuer.url, issuer.a.org.id, key, 'DbsCheck', randomHolder());
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await idp?.close();
  await issuer?.close();
});

/** Signs in through the form with the mouse-free path the e2e test also uses (fill and press Enter). */
async function signIn(page: Page, apiKey: string): Promise<void> {
  await page.goto(`${issuer.url}/console/sign-in`);
  await page.fill('#orgId', issuer.a.org.id);
  await page.fill('#apiKey', apiKey);
  await page.click('#sign-in');
  await page.waitForURL('**/console/home');
}

async function activeId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

describe('signing in', () => {
  it('with an API key, using the keyboard alone: errors first, then the home page', async () => {
    await withFreshPage(browser, async (page) => {
      await page.goto(`${issuer.url}/`);
      expect(new URL(page.url()).pathname).toBe('/console/sign-in');
      await expectNoAxeViolations(page, 'sign-in page (empty)');
      await saveScreenshot(page, 'console-sign-in');

      // Submit empty from the keyboard: the error summary, linked to the fields.
      await expectReachableByKeyboard(page, '#sign-in');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.nhsuk-error-summary');
      expect(await page.title()).toBe('Error: Sign in - Staff Passport HR console');
      expect(await page.locator('.nhsuk-error-summary a').allTextContents()).toEqual(['Enter your organisation ID', 'Enter your API key']);
      await expectNoAxeViolations(page, 'sign-in page (empty fields)');
      await saveScreenshot(page, 'console-sign-in-errors');

      // A wrong key: the same words whatever was wrong.
      await expectReachableByKeyboard(page, '#orgId');
      await page.keyboard.type(issuer.a.org.id);
      await page.keyboard.press('Tab');
      expect(await activeId(page)).toBe('apiKey');
      await page.keyboard.type('sp_wrong-key-000000000000');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.nhsuk-error-summary');
      expect(await page.locator('#apiKey-error').textContent()).toContain('The organisation or API key is not right');
      await expectNoAxeViolations(page, 'sign-in page (wrong key)');

      // The right key: Tab through, Enter on the button.
      await expectReachableByKeyboard(page, '#apiKey');
      await page.keyboard.type(issuer.a.keys['org-admin']);
      await page.keyboard.press('Tab');
      expect(await activeId(page)).toBe('sign-in');
      await page.keyboard.press('Enter');
      await page.waitForURL('**/console/home');
      expect(await page.locator('h1').textContent()).toContain(issuer.a.org.name);
      expect(await page.locator('#count-total').textContent()).toBe('3');
      await expectNoAxeViolations(page, 'home page');
      await saveScreenshot(page, 'console-home');

      // Sign out (the button in the header area), then the banner.
      await page.click('button:has-text("Sign out")');
      await page.waitForURL('**/console/sign-in?signed-out=1');
      expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain('You have signed out');
      await expectNoAxeViolations(page, 'sign-in page (signed out)');
      await page.goto(`${issuer.url}/console/home`);
      expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    });
  });

  it("with the organisation's account at its OpenID provider (code flow with PKCE), back to the console by itself", async () => {
    await withFreshPage(browser, async (page) => {
      await page.goto(`${issuer.url}/console/sign-in`);
      await page.fill('#orgId', 'org_0000000000000000');
      await page.click('#oidc-continue');
      await page.waitForSelector('.nhsuk-error-summary');
      expect(await page.locator('#orgId-error').textContent()).toContain('does not offer sign-in with its own account');
      await expectNoAxeViolations(page, 'sign-in page (organisation without its own sign-in)');

      await page.fill('#orgId', issuer.a.org.id);
      await page.click('#oidc-continue');
      await page.waitForSelector('#oidc-sign-in');
      await expectNoAxeViolations(page, "sign-in page (the organisation's sign-in found)");
      await saveScreenshot(page, 'console-sign-in-oidc');
      await page.click('#oidc-sign-in');

      // The provider's own pages (development interactions): log in, then consent.
      await page.waitForURL(`${idp.issuer}/interaction/**`);
      await page.fill('input[name="login"]', 'alice');
      await page.fill('input[name="password"]', 'any');
      await page.click('button[type="submit"]');
      await page.waitForSelector('button:has-text("Continue")');
      await page.click('button:has-text("Continue")');

      await page.waitForURL('**/console/home');
      expect(await page.locator('h1').textContent()).toContain(issuer.a.org.name);
      // Who is signed in, in the header's account area (issue 21).
      expect(await page.locator('header .nhsuk-header__account').textContent()).toContain(`${IDP_NAMES['alice']!}, ${issuer.a.org.name}`);
      await expectNoAxeViolations(page, 'home page (signed in with the organisation account)');
      await saveScreenshot(page, 'console-home-oidc');
    });
  });

  it('cancelling at the provider comes back to the sign-in page with the reason and a way to try again', async () => {
    await withFreshPage(browser, async (page) => {
      await page.goto(`${issuer.url}/console/sign-in?org=${issuer.a.org.id}`);
      await page.click('#oidc-sign-in');
      await page.waitForURL(`${idp.issuer}/interaction/**`);
      await page.click('a:has-text("Cancel")');
      await page.waitForURL('**/console/sign-in/callback?**');
      expect(await page.locator('#oidc-sign-in-error').textContent()).toContain('did not sign you in');
      expect(await page.title()).toBe('Error: Sign in - Staff Passport HR console');
      await expectNoAxeViolations(page, 'sign-in page (cancelled at the provider)');
      await saveScreenshot(page, 'console-sign-in-oidc-cancelled');
    });
  });
});

describe('issued credentials', () => {
  it('finds a credential by person and type, and revokes it with a reason', async () => {
    await withFreshPage(browser, async (page) => {
      await signIn(page, issuer.a.keys.issuer);
      await page.click('a.nhsuk-header__navigation-link:has-text("Issued credentials")');
      await page.waitForURL('**/console/credentials');
      expect(await page.locator('tbody tr').count()).toBe(3);
      await expectNoAxeViolations(page, 'issued credentials (everything)');

      await page.fill('#holder', 'Jane Smith');
      await page.click('#search');
      await page.waitForSelector('.nhsuk-error-summary');
      await expectNoAxeViolations(page, 'issued credentials (search errors)');

      await page.fill('#holder', holder);
      await page.selectOption('#type', 'DbsCheck');
      await page.click('#search');
      await page.waitForURL('**/console/credentials?**');
      expect(await page.locator('tbody tr').count()).toBe(1);
      await expectNoAxeViolations(page, 'issued credentials (found by person and type)');
      await saveScreenshot(page, 'console-credentials-found');

      await page.fill('#holder', randomHolder());
      await page.click('#search');
      await page.waitForSelector('#no-results');
      await expectNoAxeViolations(page, 'issued credentials (nothing found)');

      await page.goto(`${issuer.url}/console/credentials/${ids.dbs}`);
      expect(await page.locator('#credential-status').textContent()).toBe('Active');
      await expectNoAxeViolations(page, 'credential page');

      await page.click('#change-status');
      await page.waitForSelector('.nhsuk-error-summary');
      await expectNoAxeViolations(page, 'credential page (form errors)');

      await page.check('input[name="action"][value="revoke"]');
      await page.selectOption('#reason', 'employment_ended');
      await page.fill('#note', 'Left the trust on 30 September');
      await page.click('#change-status');
      await page.waitForURL('**?changed=revoke');
      expect(await page.locator('.nhsuk-notification-banner--success').textContent()).toContain('Credential revoked');
      expect(await page.locator('#credential-status').textContent()).toBe('Revoked');
      await expectNoAxeViolations(page, 'credential page (revoked, success banner)');
      await saveScreenshot(page, 'console-credential-revoked');
    });
  });

  it('suspends a credential, then reinstates it', async () => {
    await withFreshPage(browser, async (page) => {
      await signIn(page, issuer.a.keys.issuer);
      await page.goto(`${issuer.url}/console/credentials/${ids.training}`);
      await page.check('input[name="action"][value="suspend"]');
      await page.selectOption('#reason', 'under_investigation');
      await page.click('#change-status');
      await page.waitForURL('**?changed=suspend');
      expect(await page.locator('#credential-status').textContent()).toBe('Suspended');
      expect(await page.locator('.nhsuk-notification-banner--success').textContent()).toContain('Credential suspended');
      await expectNoAxeViolations(page, 'credential page (suspended)');

      await page.check('input[name="action"][value="reinstate"]');
      await page.selectOption('#reason', 'investigation_closed');
      await page.click('#change-status');
      await page.waitForURL('**?changed=reinstate');
      expect(await page.locator('#credential-status').textContent()).toBe('Active');
      expect(await page.locator('.nhsuk-notification-banner--success').textContent()).toContain('Credential reinstated');
      await saveScreenshot(page, 'console-credential-reinstated');
    });
  });
});

describe('the audit log and error pages', () => {
  it('lists the status changes; an issuer gets the 403 page; an unknown page the 404 page', async () => {
    await withFreshPage(browser, async (page) => {
      await signIn(page, issuer.a.keys.issuer);
      await page.goto(`${issuer.url}/console/audit`);
      expect(await page.locator('h1').textContent()).toContain('You do not have permission to read the audit log');
      await expectNoAxeViolations(page, '403 page');
      await saveScreenshot(page, 'console-forbidden');

      await page.goto(`${issuer.url}/console/no-such-page`);
      expect(await page.locator('h1').textContent()).toBe('Page not found');
      await expectNoAxeViolations(page, '404 page');
    });

    await withFreshPage(browser, async (admin) => {
      await signIn(admin, issuer.a.keys['org-admin']);
      await admin.click('a.nhsuk-header__navigation-link:has-text("Audit log")');
      await admin.waitForURL('**/console/audit');
      expect(await admin.locator('#audit-check').textContent()).toContain('The audit log is intact');
      const actions = (await admin.locator('tbody tr td:nth-child(3)').allInnerTexts()).map((t) => t.split('\n')[0]!.trim());
      for (const action of ['Credential revoked', 'Credential suspended', 'Credential reinstated', 'Credential issued']) expect(actions).toContain(action);
      expect(await admin.locator('tbody').textContent()).toContain('Note: Left the trust on 30 September');
      await expectNoAxeViolations(admin, 'audit log');
      await saveScreenshot(admin, 'console-audit');

      await admin.selectOption('#action', 'credential.revoke');
      await admin.click('#filter');
      await admin.waitForURL('**/console/audit?action=credential.revoke');
      expect(await admin.locator('tbody tr').count()).toBe(1);
      await expectNoAxeViolations(admin, 'audit log (filtered)');
    });
  });
});
