/**
 * Issue 8, end to end in Chromium (Debian's, driven by playwright-core) over the real services:
 * HR signs in to the console and issues a DBS check from the form generated from its schema; the
 * member of staff, on a phone-sized web wallet (390x844), pastes the offer link, enters the PIN
 * and accepts; the verifier desk asks (OpenID4VP, request by reference); the wallet reads the
 * request, leaves an optional claim out and shares; the desk shows "Ready to start" by itself.
 * axe-core checks every page on the way (WCAG 2.2 A and AA); each step's screenshot is saved in
 * test-artifacts/screenshots/e2e-*.png.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { buildWalletWeb } from '../../examples/wallet-web/test/lib/build-wallet-web.js';
import { serveWalletWeb, type WalletWebServer } from '../../examples/wallet-web/test/lib/serve-wallet-web.js';
import { PHONE_VIEWPORT, expectNoAxeViolations, launchChromium, saveScreenshot } from '../helpers/page-browser.js';
import { buildSignedTrustRegistry } from '../helpers/signed-trust-registry.js';
import { postJson, startServices, type Services } from '../helpers/start-services.js';
import { registeredVerifierEntry } from '../helpers/registered-verifier-entry.js';
import type { TrustRegistry } from '@staff-passport/core';

const PROFILE_TITLE = 'Volunteer driver (end-to-end test)';
const PROFILE = {
  id: 'e2e-volunteer-driver',
  version: '1.0.0',
  title: PROFILE_TITLE,
  description: 'A basic DBS check.',
  purpose: 'Pre-engagement checks for volunteering as a driver: your basic DBS check.',
  statusUnknown: 'needs-action',
  requirements: [
    {
      id: 'dbs',
      title: 'Basic DBS check',
      required: true,
      accepts: [{ type: 'DbsCheck', claims: ['dbs.level', 'dbs.issuedOn', 'dbs.decision'] }],
      rule: { kind: 'dbs', minimumLevel: 'basic' },
    },
  ],
};

let services: Services;
let registry: TrustRegistry | undefined;
let browser: Browser;
let walletDir: string;
let wallet: WalletWebServer | undefined;
let walletUrl: string;
let step = 0;

/** Waits until the element's text contains `text` (pages update themselves: polling, rendering). */
async function waitForText(page: Page, selector: string, text: string, timeout = 30_000): Promise<void> {
  try {
    await page.waitForFunction(([sel, t]) => document.querySelector(sel!)?.textContent?.includes(t!) ?? false, [selector, text], { timeout });
  } catch (e: unknown) {
    // What the page showed instead is the first thing to look at.
    await saveScreenshot(page, 'e2e-failed');
    throw new Error(`${selector} never contained "${text}" on ${page.url()}; it reads: ${(await page.textContent(selector).catch(() => null)) ?? '(no element)'}`, { cause: e });
  }
}

/** axe on the page as it is now, then its screenshot as the next numbered step. */
async function checkpoint(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page, name);
  step += 1;
  await saveScreenshot(page, `e2e-${String(step).padStart(2, '0')}-${name}`);
}

beforeAll(async () => {
  services = await startServices({ trustRegistry: () => registry });
  const signed = await buildSignedTrustRegistry([
    { did: services.org.did, odsCode: services.org.odsCode, name: services.org.name, credentialTypes: ['*'], validFrom: '2020-01-01T00:00:00Z' },
    registeredVerifierEntry(services.verifierUrl),
  ]);
  registry = signed.registry;
  const added = await postJson(`${services.verifierUrl}/profiles`, PROFILE, { authorization: `Bearer ${services.verifierKeys['profile-admin']}` });
  expect(added.status).toBe(201);
  walletDir = await buildWalletWeb();
  wallet = await serveWalletWeb(walletDir, { allowHttpLoopback: true, trustRegistry: { jws: signed.jws, keys: [signed.publicJwk] } });
  walletUrl = wallet.url;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await wallet?.close();
  await services?.close();
  if (walletDir) rmSync(walletDir, { recursive: true, force: true });
});

it('HR issues in the console, the wallet accepts, the desk asks, the wallet shares, and the desk shows "Ready to start"', async () => {
  const hr = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const phone = await (await browser.newContext({ viewport: PHONE_VIEWPORT, hasTouch: true })).newPage();
  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const problems: string[] = [];
  for (const page of [hr, phone, desk]) page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));

  // 1. HR signs in to the console with the organisation's id and an API key.
  await hr.goto(`${services.issuerUrl}/`);
  await hr.waitForURL(/\/console\/sign-in/);
  await checkpoint(hr, 'console-sign-in');
  await hr.fill('#orgId', services.org.id);
  await hr.fill('#apiKey', services.apiKey);
  await hr.click('#sign-in');
  await hr.waitForURL(/\/console\/home$/);
  await checkpoint(hr, 'console-home');

  // 2. HR issues a DBS check from the form generated from its schema: an empty submission first
  //    (the NHS error summary), then the filled form.
  await hr.getByRole('link', { name: 'Issue a credential' }).first().click();
  await hr.getByLabel('DBS check', { exact: true }).check();
  await hr.click('#choose-type');
  await hr.waitForURL(/\/console\/issue\/dbs-check$/);
  await hr.click('#create-offer');
  await hr.waitForSelector('.nhsuk-error-summary', { state: 'visible' });
  await checkpoint(hr, 'console-issue-errors');
  await hr.fill('#personReference', 'Amara Okafor, ESR 12345678');
  await hr.getByLabel('Basic', { exact: true }).check();
  await hr.fill('#dbs-certificateNumber', '001234567890');
  // Dates in the NHS.UK date input: day, month and year boxes.
  await hr.fill('#dbs-issuedOn-day', '1');
  await hr.fill('#dbs-issuedOn-month', '9');
  await hr.fill('#dbs-issuedOn-year', '2025');
  await hr.getByLabel('Satisfactory', { exact: true }).check();
  await hr.fill('#check-standardVersion', '2024');
  await hr.fill('#check-checkedBy', 'HR team, Test Valley NHS Trust');
  await hr.fill('#check-checkedAt-day', '2');
  await hr.fill('#check-checkedAt-month', '9');
  await hr.fill('#check-checkedAt-year', '2025');
  await hr.fill('#check-checkedAt-time', '10:30');
  await hr.fill('#attributeMetadata-origin', 'DBS');
  await hr.fill('#attributeMetadata-provider', 'DBS Update Service');
  await hr.check('#attributeMetadata-verifier');
  await hr.check('#attributeMetadata-pedigree');
  await hr.fill('#attributeMetadata-lastRefresh-day', '2');
  await hr.fill('#attributeMetadata-lastRefresh-month', '9');
  await hr.fill('#attributeMetadata-lastRefresh-year', '2025');
  await checkpoint(hr, 'console-issue-filled');
  await hr.click('#create-offer');
  await hr.waitForURL(/\/console\/offers\/off_/);
  const pin = (await hr.textContent('#offer-pin'))!.replace(/\D/g, '');
  const offerLink = await hr.inputValue('#offer-link');
  expect(pin).toMatch(/^\d{6}$/);
  expect(offerLink).toMatch(/^openid-credential-offer:\/\//);
  await hr.waitForSelector('#offer-qr', { state: 'visible' });
  await checkpoint(hr, 'console-offer');

  // 3. The member of staff pastes the offer link into the web wallet, enters the PIN and accepts.
  await phone.goto(`${walletUrl}/`);
  await phone.waitForSelector('#add-credential');
  await checkpoint(phone, 'wallet-empty');
  await phone.click('#add-credential');
  await phone.fill('#offer-link', offerLink);
  await phone.click('#offer-continue');
  await phone.waitForSelector('#offer-pin');
  await waitForText(phone, '#offer-organisation', services.org.name);
  await phone.fill('#offer-pin', pin);
  await checkpoint(phone, 'wallet-offer');
  await phone.click('#accept-offer');
  await phone.waitForSelector('#credential-list');
  await waitForText(phone, '#credential-list', 'DBS check');
  await waitForText(phone, '#credential-list', services.org.name);
  await checkpoint(phone, 'wallet-credentials');

  // The console's offer page shows the wallet's acceptance by itself.
  await waitForText(hr, '#offer-status', 'Accepted');
  await checkpoint(hr, 'console-offer-accepted');

  // 4. The verifier desk asks: choose the check profile; the page shows the QR code and the link.
  // The desk is behind sign-in (issue 20): the checker signs in first, on its sign-in page.
  await desk.goto(`${services.verifierUrl}/`);
  await desk.waitForURL(`${services.verifierUrl}/desk/sign-in?next=%2F`);
  await checkpoint(desk, 'desk-sign-in');
  await desk.fill('#apiKey', services.verifierKeys.checker);
  await desk.click('#sign-in');
  await desk.waitForURL(`${services.verifierUrl}/`);
  await desk.getByLabel(PROFILE_TITLE).check();
  await checkpoint(desk, 'desk-start');
  await desk.click('#create-request');
  await desk.waitForURL(/\/desk\/requests\/req_[0-9a-f]{20}$/);
  await desk.waitForSelector('#request-qr svg', { state: 'visible' });
  const requestLink = (await desk.getAttribute('#wallet-link', 'href'))!;
  expect(requestLink).toMatch(/^openid4vp:\/\//);
  await checkpoint(desk, 'desk-waiting');

  // 5. The wallet reads the request (who asks and why), keeps the required claims and shares.
  await phone.goto(`${walletUrl}/`);
  await phone.click('#respond-to-request');
  await phone.fill('#request-link', requestLink);
  await phone.click('#request-continue');
  await phone.waitForSelector('#share-form');
  await waitForText(phone, '#request-purpose', 'volunteering as a driver');
  await checkpoint(phone, 'wallet-share');
  await phone.click('#share-button');
  await phone.waitForSelector('#shared-details');
  await checkpoint(phone, 'wallet-shared');

  // 6. The desk moves to the report by itself: ready to start.
  await desk.waitForURL(/\/result$/, { timeout: 30_000 });
  expect((await desk.textContent('#outcome'))?.trim()).toBe('Ready to start');
  expect((await desk.textContent('#requirement-dbs-outcome'))?.trim()).toBe('Met');
  await checkpoint(desk, 'desk-ready-to-start');

  // 7. The wallet's sharing log says who got what.
  await phone.goto(`${walletUrl}/#/log`);
  await phone.waitForSelector('#log-entries');
  await waitForText(phone, '#log-entries', 'DBS');
  await checkpoint(phone, 'wallet-log');

  expect(problems).toEqual([]);
}, 240_000);

