/**
 * Scanning with the camera: Chromium's fake camera plays a video made from the QR code PNG the
 * issuer serves for an offer (OpenID4VCI 1.0 section 4.1: the offer by QR code), the wallet reads
 * it with jsQR and opens the offer preview, and the credential is added. A scanner waiting for a
 * request ignores an offer's QR code until "Stop scanning"; without a camera, the wallet says so
 * and offers the text box.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_PATH, PHONE_VIEWPORT, expectNoAxeViolations, saveScreenshot } from '../../../test/helpers/page-browser.js';
import { pngToY4m } from './lib/png-to-y4m.js';
import { startWalletWebWorld, type CreatedOffer, type WalletWebWorld } from './lib/wallet-web-fixtures.js';

let world: WalletWebWorld;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let offer: CreatedOffer;
let videoDir: string;

beforeAll(async () => {
  world = await startWalletWebWorld();
  offer = await world.offer(['IdentityVerification']);
  const png = await fetch(offer.qr.png, { headers: world.auth() });
  expect(png.status).toBe(200);
  videoDir = mkdtempSync(join(tmpdir(), 'wallet-web-camera-'));
  const video = join(videoDir, 'offer-qr.y4m');
  writeFileSync(video, pngToY4m(new Uint8Array(await png.arrayBuffer())));
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      // A camera that plays the video, with the permission prompt answered yes.
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  context = await browser.newContext({ viewport: PHONE_VIEWPORT, hasTouch: true, permissions: ['camera'] });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await world?.close();
  if (videoDir) rmSync(videoDir, { recursive: true, force: true });
});

describe('scanning a QR code', () => {
  it("a request scanner ignores an offer's QR code until the holder stops scanning", async () => {
    await page.goto(`${world.app.url}/#/share`);
    await page.locator('main h1', { hasText: 'Respond to a request' }).waitFor();
    await page.click('#start-scan');
    await page.locator('#scan-status', { hasText: 'Looking for a QR code' }).waitFor();
    expect(await page.locator('#stop-scan').isVisible()).toBe(true);
    expect(await page.evaluate(() => (document.getElementById('scan-video') as HTMLVideoElement).srcObject !== null)).toBe(true);
    await expectNoAxeViolations(page, 'scanning');
    await saveScreenshot(page, 'wallet-web-scan-01-scanning');

    await page.click('#stop-scan');
    expect(await page.locator('#start-scan').isVisible()).toBe(true);
    expect(await page.locator('#scanner').isHidden()).toBe(true);
    expect(await page.evaluate(() => (document.getElementById('scan-video') as HTMLVideoElement).srcObject)).toBeNull();
    expect(await page.inputValue('#request-link')).toBe('');
  });

  it('scans the offer with the camera: the link is filled in, the preview opens, and the credential is added', async () => {
    await page.goto(`${world.app.url}/#/add`);
    await page.locator('main h1', { hasText: 'Add a credential' }).waitFor();
    await page.click('#start-scan');
    await page.locator('main h1', { hasText: 'Add this credential?' }).waitFor();
    expect(await page.locator('#offer-organisation').textContent()).toContain(world.services.org.name);
    await saveScreenshot(page, 'wallet-web-scan-02-offer-from-camera');
    await page.fill('#offer-pin', offer.txCode!);
    await page.click('#accept-offer');
    await page.locator('#credential-list').waitFor();
    expect(await page.locator('#credential-list .nhsuk-card__link').allTextContents()).toEqual(['Identity verification']);
    expect(await world.offerStatus(offer.id)).toBe('accepted');
  });

  it('without a camera, says so and moves to the text box', async () => {
    const noCamera = await browser.newContext({ viewport: PHONE_VIEWPORT, hasTouch: true });
    try {
      await noCamera.addInitScript(() => {
        navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
      });
      const other = await noCamera.newPage();
      await other.goto(`${world.app.url}/#/add`);
      await other.locator('main h1', { hasText: 'Add a credential' }).waitFor();
      await other.click('#start-scan');
      await other.locator('#scan-problem', { hasText: 'Your camera could not be used' }).waitFor();
      expect(await other.evaluate(() => document.activeElement?.id)).toBe('offer-link');
      await expectNoAxeViolations(other, 'no camera');
      await saveScreenshot(other, 'wallet-web-scan-03-no-camera');
    } finally {
      await noCamera.close();
    }
  });
});
