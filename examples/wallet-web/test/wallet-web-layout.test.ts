/**
 * The web wallet as a newcomer meets it, on a phone (390x844) and on a desktop (1280x900), with
 * the worst case for long strings: no trust registry configured, so nobody is named from one and
 * every DID the wallet knows is at hand. On every screen with real credentials the page never
 * scrolls sideways; where a person reads there is no DID, no raw code (`fire_safety`) and no
 * jargon ("trust registry", "DID"); cards are titled from the catalogue ("Fire safety, level 1");
 * an offer of one credential in three formats is listed once and reported as the one it adds; a
 * heading focused after a navigation (for screen readers) shows no focus box. axe stays clean.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP_VIEWPORT, PHONE_VIEWPORT, expectNoAxeViolations, expectNoSidewaysScroll, launchChromium, saveScreenshot } from '../../../test/helpers/page-browser.js';
import { serveWalletWeb, type WalletWebServer } from './lib/serve-wallet-web.js';
import { startWalletWebWorld, type WalletWebWorld } from './lib/wallet-web-fixtures.js';

/** The three formats the issuer offers by default (OpenID4VCI configurations of one type each). */
const ALL_FORMATS = ['jwt_vc_json', 'dc+sd-jwt', 'ldp_vc'];

let world: WalletWebWorld;
/** The same app without a trust registry: issuers and verifiers are known only by their DIDs. */
let plain: WalletWebServer;
let browser: Browser;

beforeAll(async () => {
  world = await startWalletWebWorld();
  plain = await serveWalletWeb(world.distDir, { allowHttpLoopback: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await plain?.close();
  await world?.close();
});

/** What a person reads in `<main>` (closed details and hidden blocks are not rendered, so not read). */
async function readableText(page: Page): Promise<string> {
  return page.locator('main').innerText();
}

/**
 * The screen fits the viewport's width, shows no DID, raw code or jargon where a person reads,
 * and axe finds nothing; a screenshot is kept.
 */
async function expectReadable(page: Page, label: string, screenshot: string): Promise<void> {
  await expectNoSidewaysScroll(page, label);
  const text = await readableText(page);
  expect([label, text.match(/did:[a-z0-9]+:\S*/g) ?? []]).toEqual([label, []]);
  expect([label, text.match(/\b[a-z]+(?:_[a-z0-9]+)+\b/g) ?? []]).toEqual([label, []]);
  expect([label, text.match(/trust registry|\bDID\b/gi) ?? []]).toEqual([label, []]);
  await expectNoAxeViolations(page, label);
  await saveScreenshot(page, `wallet-web-layout-${screenshot}`);
}

async function waitForHeading(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('main h1', { hasText: text }).first().waitFor();
}

/** The focused element is the new screen's heading, with no visible focus box. */
async function expectQuietHeadingFocus(page: Page, label: string): Promise<void> {
  const focus = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const style = el ? getComputedStyle(el) : undefined;
    return { tag: el?.tagName, outline: style?.outlineStyle, shadow: style?.boxShadow };
  });
  expect([label, focus]).toEqual([label, { tag: 'H1', outline: 'none', shadow: 'none' }]);
}

describe.each([
  ['phone', PHONE_VIEWPORT],
  ['desktop', DESKTOP_VIEWPORT],
])('the web wallet on a %s', (name, viewport) => {
  it('adds a training record offered in three formats, shows it by its name, and shares without a sideways scroll, a DID or a raw code on any screen', async () => {
    const context = await browser.newContext({ viewport, hasTouch: name === 'phone' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    try {
      await page.goto(plain.url);
      await page.locator('#no-credentials').waitFor();
      await expectReadable(page, `${name}: empty home`, `${name}-01-empty`);

      // One offer, two types, each in three formats: two credentials listed, not six.
      const offer = await world.offer(['TrainingRecord', 'IdentityVerification'], { formats: ALL_FORMATS });
      await page.goto(`${plain.url}/#/add`);
      await waitForHeading(page, 'Add a credential');
      await page.fill('#offer-link', offer.link);
      await page.click('#offer-continue');
      await waitForHeading(page, 'Add these credentials?');
      expect(await page.locator('#offer-credentials li').allTextContents()).toEqual(['Training record', 'Identity verification']);
      // An organisation the wallet cannot check is said so in plain words.
      expect(await page.locator('#offer-organisation-unchecked').innerText()).toMatch(/could not check/);
      await expectReadable(page, `${name}: offer`, `${name}-02-offer`);
      // The identifiers are there for whoever needs them, explained, and wrap when opened.
      await page.locator('.app-technical-details summary').click();
      expect(await page.locator('#offer-did').isVisible()).toBe(true);
      expect(await page.locator('.app-technical-details').innerText()).toContain('A digital identifier (DID) is the name an organisation or a wallet signs with');
      await expectNoSidewaysScroll(page, `${name}: offer with its technical details open`);
      await expectNoAxeViolations(page, `${name}: offer with its technical details open`);

      await page.fill('#offer-pin', offer.txCode!);
      await page.click('#accept-offer');
      await page.locator('#credential-list').waitFor();
      expect(await page.locator('.nhsuk-notification-banner').innerText()).toContain('2 credentials were added');
      expect((await page.locator('#credential-list .nhsuk-card__link').allTextContents()).sort()).toEqual(['Fire safety, level 1', 'Identity verification']);
      await expectReadable(page, `${name}: home with credentials`, `${name}-03-home`);

      // Opened from the keyboard: the details screen's heading takes focus, without a box around it.
      await page.locator('.nhsuk-card__link', { hasText: 'Fire safety, level 1' }).focus();
      await page.keyboard.press('Enter');
      await waitForHeading(page, 'Fire safety, level 1');
      await expectQuietHeadingFocus(page, `${name}: credential details`);
      const rows = await page.locator('.nhsuk-summary-list__row').evaluateAll((items) =>
        Object.fromEntries(items.map((row) => [row.querySelector('dt')!.textContent!.trim(), (row.querySelector('dd') as HTMLElement).innerText.trim()])),
      );
      expect(rows).toMatchObject({ Subject: 'Fire safety', Level: '1', 'Issued by': expect.stringContaining('127.0.0.1') });
      await expectReadable(page, `${name}: credential details`, `${name}-04-details`);

      await page.click('#delete-credential');
      await waitForHeading(page, 'Delete this credential?');
      await expectReadable(page, `${name}: delete confirmation`, `${name}-05-delete`);

      const request = await world.request();
      await page.goto(`${plain.url}/#/share?request=${encodeURIComponent(request.link)}`);
      await waitForHeading(page, 'Choose what to share');
      await expectReadable(page, `${name}: share`, `${name}-06-share`);
      await page.click('#share-button');
      await waitForHeading(page, /^Shared with /);
      await expectReadable(page, `${name}: shared`, `${name}-07-shared`);

      await page.goto(`${plain.url}/#/log`);
      await waitForHeading(page, 'Sharing log');
      await expectReadable(page, `${name}: sharing log`, `${name}-08-log`);
      await page.goto(`${plain.url}/#/settings`);
      await waitForHeading(page, 'Your data');
      await expectReadable(page, `${name}: your data`, `${name}-09-settings`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
