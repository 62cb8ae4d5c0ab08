/**
 * The HR console as a newcomer meets it (issue 21), on a phone (390x844) and a desktop (1280x900):
 * one organisation field on the sign-in page, the API key first; once signed in, who is signed in
 * and "Sign out" in the NHS.UK header's account area; no DID or key id where a person reads the
 * home page; a training record's form with its framework version filled in and its dates as the
 * NHS.UK date input (day, month, year), an error going to the box at fault. No page scrolls
 * sideways, and axe finds no WCAG 2.2 AA violation.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP_VIEWPORT, PHONE_VIEWPORT, expectNoAxeViolations, expectNoSidewaysScroll, launchChromium, saveScreenshot } from '../../../../test/helpers/page-browser.js';
import { startIssuer, type TestIssuer } from '../helpers/start-issuer.js';

let issuer: TestIssuer;
let browser: Browser;

beforeAll(async () => {
  issuer = await startIssuer({ app: () => ({ allowHttpLoopback: true }) });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await issuer?.close();
});

/** No sideways scroll, nothing axe objects to, and a screenshot kept. */
async function expectFits(page: Page, label: string, screenshot: string): Promise<void> {
  await expectNoSidewaysScroll(page, label);
  await expectNoAxeViolations(page, label);
  await saveScreenshot(page, `console-newcomer-${screenshot}`);
}

describe.each([
  ['phone', PHONE_VIEWPORT],
  ['desktop', DESKTOP_VIEWPORT],
])('the HR console on a %s', (name, viewport) => {
  it('signs in with one organisation field, shows the account in the header, no identifiers on the home page, and NHS.UK date inputs on a training form', async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    try {
      await page.goto(`${issuer.url}/console/sign-in`);
      expect(await page.getByLabel('Organisation ID').count()).toBe(1);
      // The API key comes first; the organisation's own accounts are the second way in.
      const order = await page.evaluate(() => {
        const ids = Array.from(document.querySelectorAll('main input:not([type=hidden]), main button')).map((e) => e.id);
        return ids;
      });
      expect(order).toEqual(['orgId', 'apiKey', 'sign-in', 'oidc-continue']);
      await expectFits(page, `${name}: sign-in`, `${name}-01-sign-in`);

      // An organisation without its own sign-in: said on the one organisation field.
      await page.fill('#orgId', issuer.a.org.id);
      await page.click('#oidc-continue');
      await page.locator('#orgId-error').waitFor();
      expect(await page.locator('#orgId-error').innerText()).toContain('does not offer sign-in with its own account');
      expect(await page.getByLabel('Organisation ID').inputValue()).toBe(issuer.a.org.id);

      await page.fill('#apiKey', issuer.a.keys.issuer);
      await page.click('#sign-in');
      await page.waitForURL('**/console/home');
      const account = page.locator('header .nhsuk-header__account');
      expect(await account.innerText()).toContain(issuer.a.org.name);
      expect(await account.locator('button', { hasText: 'Sign out' }).count()).toBe(1);
      // Nothing of the account floats between the header and the page.
      expect(await page.locator('form[action="/console/sign-out"]').count()).toBe(1);
      const home = await page.locator('main').innerText();
      expect(home.match(/did:[a-z]+:\S*|\bkey_[0-9a-z]+/g) ?? []).toEqual([]);
      expect(await page.locator('#org-did').textContent()).toMatch(/^did:web:/);
      await expectFits(page, `${name}: home`, `${name}-02-home`);

      await page.goto(`${issuer.url}/console/issue/training-record`);
      expect(await page.getByLabel('Framework version').inputValue()).toBe('1.1');
      expect(await page.locator('#training-completedOn input').evaluateAll((inputs) => inputs.map((i) => i.id))).toEqual([
        'training-completedOn-day',
        'training-completedOn-month',
        'training-completedOn-year',
      ]);
      await expectFits(page, `${name}: training form`, `${name}-03-training-form`);

      await page.fill('#training-completedOn-day', '14');
      await page.fill('#training-completedOn-month', '9');
      await page.click('#create-offer');
      await page.locator('.nhsuk-error-summary').waitFor();
      const link = page.locator('.nhsuk-error-summary a[href="#training-completedOn-year"]');
      expect(await link.innerText()).toBe('Completed on must include a year');
      expect(await page.locator('#training-completedOn .nhsuk-input--error').evaluateAll((inputs) => inputs.map((i) => i.id))).toEqual(['training-completedOn-year']);
      expect(await page.locator('#training-completedOn-day').inputValue()).toBe('14');
      await expectFits(page, `${name}: training form with errors`, `${name}-04-training-errors`);
    } finally {
      await context.close();
    }
  });
});
