/**
 * The HR console's issuing pages in Chromium (issue 8): choose a type, submit the generated form
 * empty (NHS.UK error summary focused, links to the fields, inline errors), complete it with the
 * keyboard only, then the offer page: QR code (decoded from a screenshot of the element), link and
 * PIN; our Node wallet accepts the offer with the PIN (OpenID4VCI 1.0, pre-authorised code with
 * `tx_code`, sections 3.5 and 6.1; notification, section 11) and the page shows it accepted.
 * axe-core (WCAG 2.2 A and AA) on every page and state; screenshots of each step.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations, saveScreenshot } from '../../../../../test/helpers/page-browser.js';
import { readQrPng } from '../../../../../test/helpers/read-qr.js';
import { startIssuer, type TestIssuer } from '../../helpers/start-issuer.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../helpers/open-console-browser.js';
import { openTestWallet } from '../helpers/open-test-wallet.js';

let issuer: TestIssuer;
let hr: ConsoleBrowser;
let page: Page;

/** Presses Tab until the focused element matches `selector` (the page is used without a mouse). */
async function tabTo(selector: string, maxTabs = 300): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
  }
  throw new Error(`${selector} was not reached by Tab`);
}

async function typeInto(selector: string, text: string): Promise<void> {
  await tabTo(selector);
  await page.keyboard.type(text);
}

/** Types a date into the NHS.UK date input's day, month and year boxes (issue 21), tabbing between them. */
async function typeDate(id: string, day: string, month: string, year: string): Promise<void> {
  await typeInto(`#${id}-day`, day);
  await page.keyboard.press('Tab');
  await page.keyboard.type(month);
  await page.keyboard.press('Tab');
  await page.keyboard.type(year);
}

async function chooseFirst(selector: string): Promise<void> {
  await tabTo(selector);
  await page.keyboard.press('Space');
}

beforeAll(async () => {
  issuer = await startIssuer();
  hr = await openConsoleBrowser({ issuer, displayName: 'Hannah HR' });
  page = hr.page;
});

afterAll(async () => {
  await hr?.close();
  await issuer?.close();
});

describe('issuing a DBS check from the console', () => {
  let offerLink: string;
  let pin: string;

  it('chooses the type of credential', async () => {
    await page.goto(`${issuer.url}/console/issue`);
    await expect(page.title()).resolves.toBe('Issue a credential - Staff Passport HR console');
    await expectNoAxeViolations(page, 'choose the type');
    await page.locator('#choose-type').click();
    await expect(page.title()).resolves.toBe('Error: Issue a credential - Staff Passport HR console');
    await expectNoAxeViolations(page, 'choose the type, with an error');
    await saveScreenshot(page, 'console-issue-1-choose-type-error');
    await page.getByLabel('DBS check', { exact: true }).check();
    await saveScreenshot(page, 'console-issue-1-choose-type');
    await page.locator('#choose-type').click();
    await page.waitForURL(`${issuer.url}/console/issue/dbs-check`);
    await expect(page.locator('h1').innerText()).resolves.toContain('DBS check');
    await expectNoAxeViolations(page, 'the empty DBS check form');
    await saveScreenshot(page, 'console-issue-2-form');
  });

  it('submitted empty: the error summary takes focus and links to the fields, with inline messages', async () => {
    await page.locator('#create-offer').click();
    await page.waitForLoadState('load');
    await expect(page.title()).resolves.toBe('Error: Issue a DBS check credential - Staff Passport HR console');
    await page.waitForFunction(() => document.activeElement?.classList.contains('nhsuk-error-summary') ?? false);
    await expectNoAxeViolations(page, 'the DBS check form with errors');
    await saveScreenshot(page, 'console-issue-3-form-errors');
    await expect(page.locator('#dbs-certificateNumber-error').innerText()).resolves.toContain('Enter the certificate number');
    await page.locator('.nhsuk-error-summary a', { hasText: 'Enter the certificate number' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'dbs-certificateNumber');
  });

  it('is completed and submitted with the keyboard only', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await chooseFirst('#dbs-level');
    await typeInto('#dbs-certificateNumber', '001234567890');
    await typeDate('dbs-issuedOn', '1', '9', '2025');
    await chooseFirst('#dbs-decision');
    await typeInto('#check-standardVersion', '2024');
    await typeInto('#check-checkedBy', 'Alpha Valley HR');
    await typeDate('check-checkedAt', '2', '9', '2025');
    await page.keyboard.press('Tab');
    await page.keyboard.type('10:30');
    await typeInto('#attributeMetadata-origin', 'DBS');
    await typeInto('#attributeMetadata-provider', 'DBS Update Service');
    await chooseFirst('#attributeMetadata-verifier');
    await chooseFirst('#attributeMetadata-pedigree');
    await typeDate('attributeMetadata-lastRefresh', '2', '9', '2025');
    await saveScreenshot(page, 'console-issue-4-form-filled');
    await tabTo('#create-offer');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/offers\/off_[0-9a-f]{32}$/);
  });

  it('shows the offer: QR code, link and PIN, waiting', async () => {
    await expect(page.title()).resolves.toBe('Credential offer - Staff Passport HR console');
    await expect(page.locator('#offer-status').innerText()).resolves.toBe('Waiting');
    pin = await page.locator('#offer-pin').innerText();
    expect(pin).toMatch(/^\d{6}$/);
    offerLink = await page.locator('#offer-link').inputValue();
    expect(offerLink).toMatch(/^openid-credential-offer:\/\/\?credential_offer_uri=/);
    await expect(page.locator('#offer-open').getAttribute('href')).resolves.toBe(offerLink);
    expect(readQrPng(await page.locator('#offer-qr').screenshot())).toBe(offerLink);
    await expectNoAxeViolations(page, 'the offer page, waiting');
    await saveScreenshot(page, 'console-issue-5-offer-waiting');
  });

  it('the wallet accepts with the PIN; the page shows it accepted (by its script, and on refresh)', async () => {
    const { wallet, close } = await openTestWallet(issuer);
    try {
      const holder = await wallet.createHolder();
      const preview = await wallet.readCredentialOffer(offerLink);
      const result = await wallet.acceptCredentialOffer(preview, { txCode: pin, holder });
      expect(result.credentials.length).toBeGreaterThan(0);
      for (const c of result.credentials) expect([c.types[0], c.holder, c.issuer]).toEqual(['DbsCheck', holder, issuer.a.org.did]);
    } finally {
      await close();
    }
    await page.waitForFunction(() => document.getElementById('offer-status')?.textContent === 'Accepted');
    await expect(page.locator('#offer-qr').isHidden()).resolves.toBe(true);
    await expect(page.locator('#offer-status-announcement').innerText()).resolves.toContain('Accepted');
    await page.locator('#offer-refresh').click();
    await page.waitForLoadState('load');
    await expect(page.locator('#offer-status').innerText()).resolves.toBe('Accepted');
    await expect(page.locator('#offer-pin').count()).resolves.toBe(0);
    await expectNoAxeViolations(page, 'the offer page, accepted');
    await saveScreenshot(page, 'console-issue-6-offer-accepted');
  });

  it('a form with lists (employment history) and "Add another" passes axe too', async () => {
    await page.goto(`${issuer.url}/console/issue/employment-history`);
    await expectNoAxeViolations(page, 'the employment history form');
    await page.locator('#history-employments-add').click();
    await page.waitForLoadState('load');
    await expect(page.locator('#history-employments-2-jobTitle').count()).resolves.toBe(1);
    await expectNoAxeViolations(page, 'the employment history form with another item');
    await saveScreenshot(page, 'console-issue-7-employment-history');
  });

  it('no script errors and no content security policy violations on any page', () => {
    expect(hr.problems).toEqual([]);
  });
});
