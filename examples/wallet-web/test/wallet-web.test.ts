/**
 * The web wallet in a real browser (Debian's Chromium at a phone's 390x844), built with Vite and
 * served with its config.json, against the real issuer (OpenID4VCI 1.0) and verifier (OpenID4VP
 * 1.0) on 127.0.0.1, with a signed trust registry naming both.
 *
 * A staff member's day: an empty wallet; an offer pasted, its PIN wrong then right (OpenID4VCI 1.0
 * section 6.1 `tx_code`; a wrong one is `invalid_grant`, section 6.3), the card with type,
 * organisation and expiry; an offer rejected (nothing stored, nothing sent, the log says so); an
 * offer accepted with the keyboard only; a credential's details and status; a request answered
 * claim by claim, an optional claim left out (DCQL claim_sets, OpenID4VP 1.0 section 6.4.1), the
 * verifier's poll answered and ready to start without that claim; a request refused
 * (`access_denied`, section 8.5); the sharing log and its download; the encrypted export; the app
 * installable (manifest, service worker) and starting offline; delete everything; credentials
 * collected from the employer by signing in at its real OpenID provider (issue 19), a renewal
 * replacing the one held, and nothing waiting. axe finds no
 * WCAG 2.2 AA violation on any screen or state, and each step is saved as a screenshot.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PHONE_VIEWPORT, expectNoAxeViolations, expectReachableByKeyboard, launchChromium, saveScreenshot } from '../../../test/helpers/page-browser.js';
import { createApiKey } from '@staff-passport/issuer';
import { startOidcProvider, type OidcProviderHandle } from '../../../packages/issuer/test/auth/helpers/start-oidc-provider.js';
import { REQUEST_PURPOSE, STEP_TIMEOUT_MS, VERIFIER_NAME, claimsOf, startWalletWebWorld, type CreatedOffer, type WalletWebWorld } from './lib/wallet-web-fixtures.js';
import { serveWalletWeb, type WalletWebServer } from './lib/serve-wallet-web.js';

let world: WalletWebWorld;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Script errors in the page (a content security policy refusal shows up here too). */
const pageErrors: string[] = [];

/** Axe on the screen as it is now, and its screenshot. */
async function check(label: string, screenshot: string): Promise<void> {
  await expectNoAxeViolations(page, label);
  await saveScreenshot(page, `wallet-web-${screenshot}`);
}

async function heading(): Promise<string> {
  return (await page.locator('main h1').first().textContent())?.trim() ?? '';
}

async function waitForHeading(text: string | RegExp): Promise<void> {
  await page.locator('main h1', { hasText: text }).first().waitFor();
}

async function cardTitles(): Promise<string[]> {
  return page.locator('#credential-list .nhsuk-card__link').allTextContents();
}

async function pasteOffer(offer: CreatedOffer): Promise<void> {
  await page.goto(`${world.app.url}/#/add`);
  await waitForHeading('Add a credential');
  await page.fill('#offer-link', offer.link);
  await page.click('#offer-continue');
  await waitForHeading(/^Add (this credential|these credentials)\?$/);
}

beforeAll(async () => {
  world = await startWalletWebWorld();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: PHONE_VIEWPORT, hasTouch: true, acceptDownloads: true });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await world?.close();
});

describe('the web wallet', () => {
  it('starts empty: "You have no credentials yet" and "Add a credential"; installable (manifest, icons, service worker)', async () => {
    await page.goto(world.app.url);
    await page.locator('#no-credentials').waitFor();
    expect(await page.locator('#no-credentials').textContent()).toBe('You have no credentials yet');
    expect(await page.locator('#add-credential').textContent()).toBe('Add a credential');
    expect(await page.title()).toBe('Your credentials - Staff Passport wallet');
    await check('empty home', '01-empty-home');

    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = (await (await fetch(new URL(manifestHref!, world.app.url))).json()) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: 'Staff Passport wallet', short_name: 'Staff Passport', start_url: '/', display: 'standalone', theme_color: '#005eb8' });
    const icons = manifest['icons'] as { src: string; sizes: string; type: string }[];
    expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of icons) {
      const res = await fetch(new URL(icon.src, world.app.url));
      expect([icon.src, res.status, res.headers.get('content-type')]).toEqual([icon.src, 200, 'image/png']);
    }
    const worker = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return { scope: registration.scope, script: registration.active?.scriptURL };
    });
    expect(worker).toEqual({ scope: `${world.app.url}/`, script: `${world.app.url}/sw.js` });
  });

  it('adds a credential from a pasted offer link: who offers it, the PIN (a wrong one is an error), then the card with type, organisation and expiry', async () => {
    const offer = await world.offer(['IdentityVerification']);
    expect(offer.txCode).toMatch(/^\d{6}$/);
    await page.click('#add-credential');
    await waitForHeading('Add a credential');
    await check('add a credential', '02-add-credential');

    // Continue with nothing pasted: the NHS error summary and the inline error.
    await page.click('#offer-continue');
    await page.locator('.nhsuk-error-summary').waitFor();
    expect(await page.title()).toBe('Error: Add a credential - Staff Passport wallet');
    expect(await page.locator('#offer-link-error').textContent()).toContain('Enter the offer link');
    await check('add a credential with an error', '03-add-credential-error');

    await page.fill('#offer-link', offer.link);
    await page.click('#offer-continue');
    await waitForHeading('Add this credential?');
    expect(await page.locator('#offer-organisation').textContent()).toBe(`${world.services.org.name} (ODS code ${world.services.org.odsCode})`);
    expect(await page.locator('#offer-did').textContent()).toBe(world.services.org.did);
    expect(await page.locator('#offer-credentials li').allTextContents()).toEqual(['Identity verification']);
    expect(await page.locator('#offer-pin').getAttribute('inputmode')).toBe('numeric');
    await check('offer preview with PIN', '04-offer-preview');

    const wrong = offer.txCode === '000000' ? '000001' : '000000';
    await page.fill('#offer-pin', wrong);
    await page.click('#accept-offer');
    await page.locator('#offer-pin-error').waitFor();
    expect(await page.title()).toBe('Error: Add this credential? - Staff Passport wallet');
    expect(await page.locator('.nhsuk-error-summary__list a').getAttribute('href')).toBe('#offer-pin');
    expect(await page.locator('#offer-pin-error').textContent()).toContain('The PIN is not right');
    await check('offer with a wrong PIN', '05-offer-pin-error');
    expect(await world.offerStatus(offer.id)).toBe('offered');

    await page.fill('#offer-pin', offer.txCode!);
    await page.click('#accept-offer');
    await page.locator('#credential-list').waitFor();
    expect(await cardTitles()).toEqual(['Identity verification']);
    const card = page.locator('.app-credential-card').first();
    expect(await card.locator('.app-issuer').textContent()).toBe(`Issued by ${world.services.org.name} (${world.services.org.odsCode})`);
    expect(await card.locator('.app-expiry').textContent()).toMatch(/^(Expires \d{1,2} [A-Z][a-z]+ \d{4}|Does not expire)$/);
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain('1 credential was added');
    await check('home with a card', '06-home-with-card');
    expect(await world.offerStatus(offer.id)).toBe('accepted');
  });

  it('rejects an offer: nothing is stored or sent, and the offer stays unused for HR', async () => {
    const offer = await world.offer(['DbsCheck']);
    await pasteOffer(offer);
    await page.click('#reject-offer');
    await page.locator('.nhsuk-notification-banner', { hasText: 'Offer rejected' }).waitFor();
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain('Nothing was added to your wallet');
    expect(await cardTitles()).toEqual(['Identity verification']);
    await check('home after rejecting an offer', '07-offer-rejected');
    expect(await world.offerStatus(offer.id)).toBe('offered');
  });

  it('accepts an offer with the keyboard only', async () => {
    const offer = await world.offer(['RightToWork']);
    await page.goto(`${world.app.url}/#/`);
    await page.locator('#credential-list').waitFor();
    await expectReachableByKeyboard(page, '#add-credential');
    await page.keyboard.press('Enter');
    await waitForHeading('Add a credential');
    await expectReachableByKeyboard(page, '#offer-link');
    await page.keyboard.insertText(offer.link);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('offer-continue');
    await page.keyboard.press('Enter');
    await waitForHeading('Add this credential?');
    await expectReachableByKeyboard(page, '#offer-pin');
    await page.keyboard.type(offer.txCode!);
    // Enter in the PIN field submits the form with its first button: Accept.
    await page.keyboard.press('Enter');
    await page.locator('.nhsuk-notification-banner', { hasText: 'added' }).waitFor();
    expect((await cardTitles()).sort()).toEqual(['Identity verification', 'Right to work']);
    expect(await world.offerStatus(offer.id)).toBe('accepted');
  });

  it("shows a credential's details (every claim) and checks its status on request", async () => {
    await page.locator('.nhsuk-card__link', { hasText: 'Identity verification' }).click();
    await waitForHeading('Identity verification');
    const keys = await page.locator('.nhsuk-summary-list__key').allTextContents();
    expect(keys).toEqual(expect.arrayContaining(['Issued by', 'Expiry', 'Status', 'GPG 45 confidence level', 'Verified at']));
    expect(await page.locator('#credential-status').textContent()).toBe('Not checked');
    await page.click('#check-status');
    await page.locator('#credential-status', { hasText: 'Valid' }).waitFor();
    await check('credential details with status', '08-credential-details');
    expect(await page.locator('#delete-credential').textContent()).toBe('Delete this credential');

    // Deleting asks first; "No, keep it" goes back with nothing deleted.
    await page.click('#delete-credential');
    await waitForHeading('Delete this credential?');
    await check('delete a credential confirmation', '08b-delete-credential');
    await page.locator('main a', { hasText: 'No, keep it' }).click();
    await waitForHeading('Identity verification');
  });

  it('answers a request claim by claim: required claims checked and marked, the optional one left out; the verifier finds the new starter ready once it has seen the originals', async () => {
    const request = await world.request();
    await page.locator('.nhsuk-header__navigation-link', { hasText: 'Share' }).click();
    await waitForHeading('Respond to a request');
    await check('respond to a request', '09-respond-to-request');
    await page.fill('#request-link', request.link);
    await page.click('#request-continue');
    await waitForHeading('Choose what to share');
    expect(await page.locator('#verifier-name').textContent()).toBe(`${VERIFIER_NAME} (ODS code RYJ)`);
    expect(await page.locator('#request-purpose').textContent()).toBe(REQUEST_PURPOSE);
    expect(await page.locator('#verifier-client-id').textContent()).toMatch(/^decentralized_identifier:did:web:/);

    // Each claim the holder can withhold is a checkbox: required ones checked and marked
    // "Required" in text, the optional one unchecked. Claims in the SD-JWT's payload are listed
    // as always shared (SD-JWT: only Disclosures can be withheld).
    const rows = await page.locator('.nhsuk-checkboxes__item:visible').evaluateAll((items) =>
      items.map((item) => ({ label: item.querySelector('label')!.textContent!.replace(/\s+/g, ' ').trim(), checked: (item.querySelector('input') as HTMLInputElement).checked })),
    );
    expect(rows).toEqual([
      { label: 'Verified at Required', checked: true },
      { label: 'GPG 45 profile Optional', checked: false },
    ]);
    expect(await page.locator('.app-always-shared .nhsuk-summary-list__key').allTextContents()).toEqual(['GPG 45 confidence level', 'Re-verify by']);
    // What will be sent, as the form stands: every detail that leaves the phone, the ones nobody asked for marked.
    await page.locator('#will-send li').first().waitFor();
    const willSend = await page.locator('#will-send li').allTextContents();
    expect(willSend.some((t) => t.startsWith('Verified at'))).toBe(true);
    expect(willSend.some((t) => t.startsWith('GPG 45 profile'))).toBe(false);
    expect(willSend.some((t) => t.includes('Not asked for'))).toBe(true);
    await check('share screen', '10-share');

    // A required claim left out: the form says so, and nothing is sent.
    await page.locator('.nhsuk-checkboxes__item:visible input').first().uncheck();
    await page.click('#share-button');
    await page.locator('.nhsuk-error-summary').waitFor();
    expect(await page.title()).toBe('Error: Choose what to share - Staff Passport wallet');
    expect(await page.locator('.nhsuk-error-summary__list').textContent()).toContain('Select Verified at');
    await check('share screen with an error', '11-share-error');
    expect((await world.pollRequest(request.id))['state']).toBe('pending');

    await page.locator('.nhsuk-checkboxes__item:visible input').first().check();
    await page.click('#share-button');
    await waitForHeading(`Shared with ${VERIFIER_NAME}`);
    const sent = await page.locator('#shared-details li').allTextContents();
    expect(sent).toEqual(expect.arrayContaining(['GPG 45 confidence level', 'Verified at', 'Re-verify by']));
    expect(sent).not.toContain('GPG 45 profile');
    await check('shared confirmation', '12-shared');

    // The verifier desk's poll: answered, every check passed, ready once the new employer has seen the originals in person.
    const polled = await world.pollRequest(request.id);
    expect(polled['state']).toBe('answered');
    const result = polled['result'] as { decision: string; verified: boolean; failedChecks: unknown[] };
    expect(result).toMatchObject({ decision: 'ready_once_checks_done', verified: true, failedChecks: [] });
    // What the verifier received (its export of the verified attributes): not the claim left out.
    const exported = await world.getJson(`${world.services.verifierUrl}/results/${polled['resultId'] as string}/export.json`, world.services.checker);
    const identity = exported['identity'] as Record<string, unknown>;
    expect(identity).toMatchObject({ confidenceLevel: 'medium', verifiedAt: expect.any(String) });
    expect(identity['profile']).toBeUndefined();
  });

  it('refuses a request with "Do not share": the verifier is told, nothing is sent', async () => {
    const request = await world.request();
    await page.goto(`${world.app.url}/#/share?request=${encodeURIComponent(request.link)}`);
    await waitForHeading('Choose what to share');
    await page.click('#refuse-button');
    await page.locator('.nhsuk-notification-banner', { hasText: 'Nothing shared' }).waitFor();
    await check('home after refusing a request', '12b-refused');
    const polled = await world.pollRequest(request.id);
    expect(polled['state']).toBe('refused');
  });

  it('keeps a sharing log, newest first, downloads it as JSON and deletes entries', async () => {
    await page.locator('.nhsuk-header__navigation-link', { hasText: 'Log' }).click();
    await waitForHeading('Sharing log');
    const actions = await page.locator('.app-log-entry').evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset['action']));
    expect(actions).toEqual(['refused', 'shared', 'received', 'rejected', 'received']);
    const shared = page.locator('.app-log-entry[data-action="shared"]');
    expect(await shared.locator('h2').textContent()).toBe(`Shared with ${VERIFIER_NAME}`);
    expect(await shared.textContent()).toContain(REQUEST_PURPOSE);
    expect(await shared.textContent()).not.toContain('GPG 45 profile');
    await check('sharing log', '13-sharing-log');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-log')]);
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { format: string; entries: { action: string; claimsDisclosed: string[] }[] };
    expect(file.format).toBe('staff-passport-sharing-log');
    expect(file.entries.map((e) => e.action).sort()).toEqual(['received', 'received', 'refused', 'rejected', 'shared']);
    expect(file.entries.find((e) => e.action === 'shared')!.claimsDisclosed.some((p) => p.endsWith('identity.profile'))).toBe(false);

    await page.locator('.app-log-entry[data-action="refused"] button', { hasText: 'Delete this entry' }).click();
    await page.locator('.nhsuk-notification-banner', { hasText: 'deleted' }).waitFor();
    expect(await page.locator('.app-log-entry').count()).toBe(4);
    await check('sharing log after deleting an entry', '13b-log-entry-deleted');
  });

  it('exports the wallet as an encrypted file protected by a password', async () => {
    await page.locator('.nhsuk-header__navigation-link', { hasText: 'Your data' }).click();
    await waitForHeading('Your data');
    await check('settings', '14-settings');
    await page.fill('#export-password', 'short');
    await page.click('#export-wallet');
    await page.locator('#export-password-error').waitFor();
    expect(await page.locator('#export-password-error').textContent()).toContain('8 characters or more');
    await check('settings with an error', '15-settings-error');

    await page.fill('#export-password', 'a long enough password');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-wallet')]);
    expect(download.suggestedFilename()).toMatch(/^staff-passport-wallet-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8')) as Record<string, unknown>;
    expect(file['format']).toBe('staff-passport-wallet-export');
    // Encrypted: no claim in clear; the browser's non-extractable key is listed as withheld.
    expect(JSON.stringify(file)).not.toContain('confidenceLevel');
    expect(file['keysWithheld']).toHaveLength(1);
  });

  it('starts offline from the service worker, with the credentials still there', async () => {
    await page.goto(`${world.app.url}/#/`);
    await page.locator('#credential-list').waitFor();
    await context.setOffline(true);
    try {
      await page.reload();
      await page.locator('#credential-list').waitFor();
      expect((await cardTitles()).sort()).toEqual(['Identity verification', 'Right to work']);
      await saveScreenshot(page, 'wallet-web-16-offline');
    } finally {
      await context.setOffline(false);
    }
  });

  it('shares the part it holds of a request it cannot answer in full; the verifier reports on that part', async () => {
    const request = await world.request('admin-clerical-band-4');
    await page.goto(`${world.app.url}/#/share?request=${encodeURIComponent(request.link)}`);
    await waitForHeading('Choose what to share');
    expect(await page.locator('#partial-share').textContent()).toContain('You can share what you have');
    // Who the person is, marked as personal data where it is asked for and where it will be sent.
    await page.locator('#will-send li').first().waitFor();
    expect(await page.locator('#will-send').textContent()).toContain('Personal data');
    await check('share screen of a request answered in part', '18b-share-partial');
    await page.click('#share-button');
    await waitForHeading(`Shared with ${VERIFIER_NAME}`);
    const polled = await world.pollRequest(request.id);
    expect(polled['state']).toBe('answered');
    // The DBS check and the rest were not shared: needs action, on the part shared.
    expect(polled['result']).toMatchObject({ decision: 'needs_action', verified: true, failedChecks: [] });
  });

  it("answers a shipped profile's request (seven credentials, each need with alternatives) with the screen's defaults: ready once the new employer's checks are done", async () => {
    const types = ['IdentityVerification', 'RightToWork', 'DbsCheck', 'OccupationalHealthClearance', 'TrainingSummary', 'EmploymentHistory', 'EmploymentReference'];
    const offer = await world.offer(types);
    await pasteOffer(offer);
    expect(await page.locator('#offer-credentials li').count()).toBe(types.length);
    await page.fill('#offer-pin', offer.txCode!);
    await page.click('#accept-offer');
    await page.locator('.nhsuk-notification-banner', { hasText: '7 credentials were added' }).waitFor();

    const request = await world.request('admin-clerical-band-4');
    await page.goto(`${world.app.url}/#/share?request=${encodeURIComponent(request.link)}`);
    await waitForHeading('Choose what to share');
    // One group per need; the two identity credentials (SD-JWT and the earlier one) are alternatives.
    expect(await page.locator('.app-share-group').count()).toBe(types.length);
    expect(await page.locator('#share-button').count()).toBe(1);
    await check('share screen of a shipped profile', '19-share-shipped-profile');
    await page.click('#share-button');
    await waitForHeading(`Shared with ${VERIFIER_NAME}`);
    const polled = await world.pollRequest(request.id);
    expect(polled['state']).toBe('answered');
    expect(polled['result']).toMatchObject({ decision: 'ready_once_checks_done', verified: true, failedChecks: [] });
  });

  it('a credential still to come (deferred, OpenID4VCI 1.0 section 9) waits on the home screen until HR completes it', async () => {
    const created = await world.hrPost('/offers', { credentials: [{ type: 'ProfessionalRegistration' }], pending: true, formats: ['dc+sd-jwt'] });
    expect(created.status).toBe(201);
    const offer = created.body as unknown as CreatedOffer;
    await pasteOffer(offer);
    await page.fill('#offer-pin', offer.txCode!);
    await page.click('#accept-offer');
    await page.locator('.nhsuk-inset-text', { hasText: 'Still to come' }).waitFor();
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain('1 more is still to come');
    await check('home with a credential still to come', '20-pending');
    expect(await world.offerStatus(offer.id)).toBe('pending');

    const done = await world.hrPost(`/offers/${offer.id}/complete`, { credentials: [{ type: 'ProfessionalRegistration', credentialSubject: claimsOf('ProfessionalRegistration') }] });
    expect(done.status).toBe(200);
    await page.click('#check-pending-button');
    await page.locator('.nhsuk-notification-banner', { hasText: '1 credential was added' }).waitFor();
    expect(await page.locator('.nhsuk-inset-text', { hasText: 'Still to come' }).count()).toBe(0);
    // Titled from its claims (issue 21): the regulator's registration.
    expect(await cardTitles()).toContain('NMC registration');
    expect(await world.offerStatus(offer.id)).toBe('accepted');
  });

  it('deletes everything after a warning, back to the empty wallet', async () => {
    await page.goto(`${world.app.url}/#/settings`);
    await waitForHeading('Your data');
    await page.click('#delete-everything');
    await waitForHeading('Delete everything?');
    await check('delete everything confirmation', '17-delete-everything');
    await page.click('#confirm-delete-everything');
    await page.locator('#no-credentials').waitFor();
    expect(await heading()).toBe('Your credentials');
    expect(await page.locator('.nhsuk-notification-banner').textContent()).toContain('Everything deleted');
    await check('empty home after deleting everything', '18-everything-deleted');
    await page.goto(`${world.app.url}/#/log`);
    await page.locator('#log-empty').waitFor();
  });

  describe('collecting from the employer by signing in (issue 19; OpenID4VCI 1.0 authorization code flow) at the real oidc-provider', () => {
    let idp: OidcProviderHandle;
    let app: WalletWebServer;
    let staffContext: BrowserContext;
    let staffPage: Page;
    const orgPath = (): string => `${world.services.issuerUrl}/orgs/${world.services.org.id}`;

    /** The provider's own login and consent pages, as the person fills them in, until the browser is back at the wallet. */
    async function signInAtProvider(p: Page, login: string): Promise<void> {
      for (let step = 0; step < 4 && !p.url().startsWith(app.url); step++) {
        await p.waitForURL((url) => url.href.startsWith(app.url) || url.pathname.startsWith('/interaction/'));
        if (p.url().startsWith(app.url)) break;
        if ((await p.locator('input[name="login"]').count()) > 0) {
          await p.fill('input[name="login"]', login);
          await p.fill('input[name="password"]', 'any password');
        }
        // The form posts, the provider redirects, and the next page (its consent, or the wallet) loads.
        await Promise.all([p.waitForEvent('load'), p.click('button[type="submit"]')]);
      }
    }

    async function holdFor(personNumber: string): Promise<string> {
      const res = await world.hrPost('/held-offers', { credentials: [{ type: 'TrainingRecord', credentialSubject: claimsOf('TrainingRecord') }], formats: ['dc+sd-jwt'], deliverTo: { personNumber } });
      expect([res.status, res.body['code']]).toEqual([201, undefined]);
      return res.body['link'] as string;
    }

    beforeAll(async () => {
      idp = await startOidcProvider({
        consoleClient: { clientId: 'staff-passport-console', redirectUri: `${world.services.issuerUrl}/console/sign-in/callback`, moreRedirectUris: [`${orgPath()}/oid4vci/authorize/callback`] },
        accountClaims: { nia: { employee_number: '70000001' }, otto: { employee_number: '70000002' } },
      });
      const { apiKey } = await createApiKey(world.services.issuer, { orgId: world.services.org.id, role: 'org-admin' }, 'test');
      const admin = { authorization: `Bearer ${apiKey}` };
      const put = async (path: string, body: unknown): Promise<number> => (await fetch(`${orgPath()}${path}`, { method: 'PUT', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify(body) })).status;
      expect(await put('/oidc', { issuer: idp.issuer, audience: `https://passport.test/orgs/${world.services.org.id}`, roleMapping: { 'passport-hr': 'issuer' }, clientId: 'staff-passport-console' })).toBe(200);
      expect(await put('/staff-collection', { personClaim: 'employee_number' })).toBe(200);
      // The wallet as a deployment sets it up for its staff: the employer listed in config.json.
      app = await serveWalletWeb(world.distDir, { allowHttpLoopback: true, trustRegistry: { jws: world.registry.jws, keys: [world.registry.publicJwk] }, employers: [{ name: world.services.org.name, credentialIssuer: orgPath() }] });
      // A browser of its own: the shared one's HTTP cache still holds the issuer's metadata from
      // before staff collection was set (cached for five minutes, as the issuer allows).
      staffContext = await browser.newContext({ viewport: PHONE_VIEWPORT, hasTouch: true });
      staffContext.setDefaultTimeout(STEP_TIMEOUT_MS);
      staffPage = await staffContext.newPage();
      staffPage.on('pageerror', (err) => pageErrors.push(err.message));
    });

    afterAll(async () => {
      await staffContext?.close();
      await app?.close();
      await idp?.close();
    });

    it('"Collect from my employer": signs in at the provider\'s login page, comes back and shows what was collected', async () => {
      await holdFor('70000001');
      await staffPage.goto(`${app.url}/#/add`);
      await staffPage.locator('main h1', { hasText: 'Add a credential' }).waitFor();
      await staffPage.click('#collect-from-employer');
      await staffPage.locator('main h1', { hasText: 'Collect from your employer' }).waitFor();
      await expectNoAxeViolations(staffPage, 'collect from your employer');
      await saveScreenshot(staffPage, 'wallet-web-19-collect');
      await staffPage.click('#employer-0');
      // The organisation's own provider: its login form, then its consent.
      await staffPage.waitForURL((url) => url.href.startsWith(idp.issuer));
      await signInAtProvider(staffPage, 'nia');
      await staffPage.locator('main h1', { hasText: 'Credential collected' }).waitFor();
      // The code and state are gone from the address (a reload cannot send them again).
      expect(new URL(staffPage.url()).search).toBe('');
      expect(await staffPage.locator('#collected-list a').allTextContents()).toEqual(['Fire safety, level 1']);
      await expectNoAxeViolations(staffPage, 'credential collected');
      await saveScreenshot(staffPage, 'wallet-web-20-collected');
      await staffPage.click('#go-home');
      await staffPage.locator('#credential-list').waitFor();
      expect(await staffPage.locator('#credential-list .nhsuk-card__link').allTextContents()).toEqual(['Fire safety, level 1']);
    });

    it('a renewal held for the person and opened from its link ("Sign in to collect") replaces the one held; the old one stays in the log', async () => {
      const link = await holdFor('70000001');
      await staffPage.goto(`${app.url}/#/add`);
      await staffPage.fill('#offer-link', link);
      await staffPage.click('#offer-continue');
      await staffPage.locator('main h1', { hasText: 'Add this credential?' }).waitFor();
      // No PIN for an offer held for the person: they sign in instead.
      expect(await staffPage.locator('#offer-pin').count()).toBe(0);
      expect(await staffPage.locator('#accept-offer').count()).toBe(0);
      await expectNoAxeViolations(staffPage, 'held offer');
      await staffPage.click('#collect-offer');
      await signInAtProvider(staffPage, 'nia');
      await staffPage.locator('main h1', { hasText: 'Credential collected' }).waitFor();
      expect(await staffPage.locator('#collected-list .app-renewal').count()).toBe(1);
      await staffPage.click('#go-home');
      await staffPage.locator('#credential-list').waitFor();
      // Only the renewed one in the list.
      expect(await staffPage.locator('#credential-list .nhsuk-card__link').allTextContents()).toEqual(['Fire safety, level 1']);
      await staffPage.goto(`${app.url}/#/log`);
      await staffPage.locator('#log-entries').waitFor();
      expect(await staffPage.locator('.app-log-entry').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-action')))).toEqual(['replaced', 'received', 'received']);
      await expectNoAxeViolations(staffPage, 'log with a replaced credential');
      await staffPage.click('.app-replaced-link');
      await staffPage.locator('#replaced-notice').waitFor();
      await expectNoAxeViolations(staffPage, 'replaced credential');
      await saveScreenshot(staffPage, 'wallet-web-21-replaced');
    });

    it('someone with nothing waiting is told so, and nothing is added', async () => {
      const fresh = await browser.newContext({ viewport: PHONE_VIEWPORT });
      try {
        const p = await fresh.newPage();
        p.on('pageerror', (err) => pageErrors.push(err.message));
        await p.goto(`${app.url}/#/collect`);
        await p.locator('main h1', { hasText: 'Collect from your employer' }).waitFor();
        await p.click('#employer-0');
        await p.waitForURL((url) => url.href.startsWith(idp.issuer));
        await signInAtProvider(p, 'otto');
        await p.locator('main h1', { hasText: 'Nothing to collect' }).waitFor();
        expect(await p.locator('#nothing-waiting').textContent()).toContain('has no credentials waiting for you');
        await expectNoAxeViolations(p, 'nothing to collect');
        await p.click('#go-home');
        await p.locator('#no-credentials').waitFor();
      } finally {
        await fresh.close();
      }
    });
  });

  it('raised no script error on any screen', () => {
    expect(pageErrors).toEqual([]);
  });
});
