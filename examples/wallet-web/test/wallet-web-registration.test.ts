/**
 * The web wallet's warning before sharing what a verifier is not registered to ask for, in
 * Debian's Chromium at a phone's 390x844, against the real issuer and verifier on 127.0.0.1.
 *
 * The verifier creates its request under the registry it holds; the wallet is served a newer
 * signed edition (fetched and verified by the app) in which the verifier's entry registers less:
 * two identity claims, for a new employer only. The share screen says the verifier asks for more
 * than it is registered for, lists and marks what is not registered, and sharing it needs the
 * holder's confirmation (they may still choose to). A request for another purpose (a host
 * organisation) is beyond the entry altogether. axe finds no WCAG 2.2 AA violation.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PHONE_VIEWPORT, expectNoAxeViolations, launchChromium, saveScreenshot } from '../../../test/helpers/page-browser.js';
import { postJson } from '../../../test/helpers/start-services.js';
import { buildSignedTrustRegistry } from '../../../test/helpers/signed-trust-registry.js';
import { serveWalletWeb, type WalletWebServer } from './lib/serve-wallet-web.js';
import { IDENTITY_PROFILE, STEP_TIMEOUT_MS, VERIFIER_NAME, startWalletWebWorld, type WalletWebWorld } from './lib/wallet-web-fixtures.js';

let world: WalletWebWorld;
let app: WalletWebServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

async function waitForHeading(text: string | RegExp): Promise<void> {
  await page.locator('main h1', { hasText: text }).first().waitFor();
}

async function openRequest(link: string): Promise<void> {
  await page.goto(`${app.url}/#/share`);
  await waitForHeading('Respond to a request');
  await page.fill('#request-link', link);
  await page.click('#request-continue');
  await waitForHeading('Choose what to share');
}

beforeAll(async () => {
  world = await startWalletWebWorld();
  const verifierDid = (await world.getJson(`${world.services.verifierUrl}/.well-known/did.json`))['id'] as string;
  const { org } = world.services;
  // The narrower edition the wallet reads: the verifier may ask for two identity claims, for a new employer.
  const narrowed = await buildSignedTrustRegistry([
    { did: org.did, odsCode: org.odsCode, name: org.name, credentialTypes: ['*'], validFrom: '2020-01-01T00:00:00Z' },
    {
      did: verifierDid,
      odsCode: 'RYJ',
      name: VERIFIER_NAME,
      credentialTypes: [],
      asks: [{ purposes: ['new_employer'], credentials: [{ type: 'IdentityVerification', claims: ['identity.confidenceLevel', 'identity.verifiedAt'] }] }],
      validFrom: '2020-01-01T00:00:00Z',
    },
  ]);
  app = await serveWalletWeb(world.distDir, { allowHttpLoopback: true, trustRegistry: { jws: narrowed.jws, keys: [narrowed.publicJwk] } });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: PHONE_VIEWPORT, hasTouch: true });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  // The holder's identity credential, from a pasted offer.
  const offer = await world.offer(['IdentityVerification']);
  await page.goto(`${app.url}/#/add`);
  await waitForHeading('Add a credential');
  await page.fill('#offer-link', offer.link);
  await page.click('#offer-continue');
  await waitForHeading('Add this credential?');
  await page.fill('#offer-pin', offer.txCode!);
  await page.click('#accept-offer');
  await page.locator('#credential-list').waitFor();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
  await world?.close();
});

describe('the web wallet and the registered asks', () => {
  it('warns before sharing what the verifier is not registered to ask for; the holder confirms and shares', async () => {
    const request = await world.request(IDENTITY_PROFILE.id);
    await openRequest(request.link);
    expect(await page.locator('#verifier-name').textContent()).toBe(`${VERIFIER_NAME} (ODS code RYJ)`);
    expect(await page.locator('#verifier-registration').textContent()).toContain('Asks for more than registered');
    expect(await page.locator('#registration-warning').isVisible()).toBe(true);
    expect(await page.locator('#not-registered li').allTextContents()).toEqual(['Identity verification: GPG 45 profile', 'Identity verification: Re-verify by']);
    // Each detail not registered is marked, the optional one and the one the credential always shares.
    expect(await page.locator('label', { hasText: 'GPG 45 profile' }).textContent()).toContain('Not registered');
    expect(await page.locator('.app-always-shared .nhsuk-summary-list__row', { hasText: 'Re-verify by' }).textContent()).toContain('Not registered');
    expect(await page.locator('label', { hasText: 'Verified at' }).textContent()).not.toContain('Not registered');
    await expectNoAxeViolations(page, 'share screen with the registration warning');
    await saveScreenshot(page, 'wallet-web-registration-01-warning');

    // Sharing as the form stands (Re-verify by is always shared) asks for the confirmation first.
    await page.click('#share-button');
    await page.locator('.nhsuk-error-summary').waitFor();
    expect(await page.locator('.nhsuk-error-summary__list').textContent()).toContain(`Confirm you want to share the details ${VERIFIER_NAME} is not registered to ask for`);
    expect(await page.locator('.nhsuk-error-summary__list a').getAttribute('href')).toBe('#confirm-unregistered');
    await expectNoAxeViolations(page, 'share screen asking for the confirmation');
    await saveScreenshot(page, 'wallet-web-registration-02-confirm');
    expect((await world.pollRequest(request.id))['state']).toBe('pending');

    // The holder may still choose to share.
    await page.check('#confirm-unregistered');
    await page.click('#share-button');
    await waitForHeading(`Shared with ${VERIFIER_NAME}`);
    expect((await world.pollRequest(request.id))['state']).toBe('answered');
  });

  it('a request for a purpose the entry does not register: everything is beyond it; "Do not share" still answers', async () => {
    const startDate = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const created = await postJson(`${world.services.verifierUrl}/oid4vp/requests`, { profileId: IDENTITY_PROFILE.id, startDate, move: 'host' }, world.services.checker);
    expect(created.status).toBe(201);
    await openRequest(created.body['link'] as string);
    expect(await page.locator('#verifier-registration').textContent()).toContain('Asks for more than registered');
    expect(await page.locator('#not-registered li').allTextContents()).toEqual(['anything when the check is for: Host']);
    expect(await page.locator('label', { hasText: 'Verified at' }).textContent()).toContain('Not registered');
    await page.click('#refuse-button');
    await waitForHeading(/credentials/i);
    expect((await world.pollRequest(created.body['id'] as string))['state']).toBe('refused');
  });

  it('raised no script error', () => {
    expect(pageErrors).toEqual([]);
  });
});
