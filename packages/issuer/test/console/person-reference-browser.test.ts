/**
 * Finding a person's credentials by the name or staff number HR gave their offer, in Chromium
 * (issue 8: "find issued credentials by person and type"): HR issues a DBS check by offer with
 * "Who is this for?" filled in (first too long: the NHS.UK error summary), our Node wallet accepts
 * it with the PIN (OpenID4VCI 1.0, pre-authorised code with `tx_code`, sections 3.5 and 6.1), and
 * HR finds it in "Issued credentials" by part of the name and by type, then by the staff number,
 * and opens it. axe-core (WCAG 2.2 A and AA) on every page and state; screenshots of each step.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations, expectReachableByKeyboard, saveScreenshot } from '../../../../test/helpers/page-browser.js';
import { startIssuer, type TestIssuer } from '../helpers/start-issuer.js';
import { issueExample, randomHolder } from './helpers/console-client.js';
import { openConsoleBrowser, type ConsoleBrowser } from './helpers/open-console-browser.js';
import { openTestWallet } from './helpers/open-test-wallet.js';

const PERSON = 'Amara Okafor, ESR 12345678';

let issuer: TestIssuer;
let hr: ConsoleBrowser;
let page: Page;
const issued: string[] = [];

beforeAll(async () => {
  issuer = await startIssuer();
  // Someone else's DBS check, issued through the API (no person reference), to be left out.
  await issueExample(issuer.url, issuer.a.org.id, issuer.a.keys.issuer, 'DbsCheck', randomHolder());
  hr = await openConsoleBrowser({ issuer, displayName: 'Hannah HR' });
  page = hr.page;
});

afterAll(async () => {
  await hr?.close();
  await issuer?.close();
});

/** Fills the NHS.UK date input's day, month and year boxes (issue 21). */
async function fillDate(id: string, day: string, month: string, year: string): Promise<void> {
  await page.fill(`#${id}-day`, day);
  await page.fill(`#${id}-month`, month);
  await page.fill(`#${id}-year`, year);
}

async function fillDbsCheck(): Promise<void> {
  await page.locator('#dbs-level').check();
  await page.fill('#dbs-certificateNumber', '001234567890');
  await fillDate('dbs-issuedOn', '1', '9', '2025');
  await page.locator('#dbs-decision').check();
  await page.fill('#check-standardVersion', '2024');
  await page.fill('#check-checkedBy', 'Alpha Valley HR');
  await fillDate('check-checkedAt', '2', '9', '2025');
  await page.fill('#check-checkedAt-time', '10:30');
  await page.fill('#attributeMetadata-origin', 'DBS');
  await page.fill('#attributeMetadata-provider', 'DBS Update Service');
  await page.locator('#attributeMetadata-verifier').check();
  await page.locator('#attributeMetadata-pedigree').check();
  await fillDate('attributeMetadata-lastRefresh', '2', '9', '2025');
}

describe('issuing by offer for a named person, then finding their credential', () => {
  let offerLink: string;
  let pin: string;

  it('the DBS check form asks "Who is this for? (optional)" above the claims', async () => {
    await page.goto(`${issuer.url}/console/issue/dbs-check`);
    await expect(page.getByLabel('Who is this for? (optional)').getAttribute('id')).resolves.toBe('personReference');
    await expect(page.locator('#personReference-hint').innerText()).resolves.toBe('Their name or staff number, for your records. It is not put in the credential.');
    await expectReachableByKeyboard(page, '#personReference');
    await expectNoAxeViolations(page, 'the DBS check form with "Who is this for?"');
    await saveScreenshot(page, 'console-person-1-form');
  });

  it('too long a reference: the error summary links to it, first; its inline message; the text kept', async () => {
    await fillDbsCheck();
    const long = `${PERSON} ${'x'.repeat(200)}`;
    await page.fill('#personReference', long);
    await page.locator('#create-offer').click();
    await page.waitForLoadState('load');
    await expect(page.title()).resolves.toBe('Error: Issue a DBS check credential - Staff Passport HR console');
    await page.waitForFunction(() => document.activeElement?.classList.contains('nhsuk-error-summary') ?? false);
    await expect(page.locator('.nhsuk-error-summary a').first().getAttribute('href')).resolves.toBe('#personReference');
    await expect(page.locator('#personReference-error').innerText()).resolves.toContain('Enter a name or staff number of 200 characters or fewer');
    await expect(page.locator('#personReference').inputValue()).resolves.toBe(long);
    await expectNoAxeViolations(page, 'the DBS check form, reference too long');
    await saveScreenshot(page, 'console-person-2-form-error');
    await page.locator('.nhsuk-error-summary a').first().click();
    await page.waitForFunction(() => document.activeElement?.id === 'personReference');
  });

  it('with the reference fixed, the offer is made; its page shows whom it is for', async () => {
    await page.fill('#personReference', PERSON);
    await fillDbsCheck();
    await page.locator('#create-offer').click();
    await page.waitForURL(/\/console\/offers\/off_[0-9a-f]{32}$/);
    await expect(page.locator('#offer-person-reference').innerText()).resolves.toBe(PERSON);
    pin = await page.locator('#offer-pin').innerText();
    offerLink = await page.locator('#offer-link').inputValue();
    await expectNoAxeViolations(page, 'the offer page with a person reference');
    await saveScreenshot(page, 'console-person-3-offer');
  });

  it('the wallet accepts it with the PIN; the recent offers show the reference', async () => {
    const { wallet, close } = await openTestWallet(issuer);
    try {
      const holder = await wallet.createHolder();
      const result = await wallet.acceptCredentialOffer(await wallet.readCredentialOffer(offerLink), { txCode: pin, holder });
      expect(result.credentials.length).toBeGreaterThan(0);
      // The credential itself carries no name.
      for (const c of result.credentials) expect(JSON.stringify(c)).not.toContain('Okafor');
    } finally {
      await close();
    }
    await page.waitForFunction(() => document.getElementById('offer-status')?.textContent === 'Accepted');
    await page.goto(`${issuer.url}/console/issue`);
    await expect(page.locator('table', { hasText: PERSON }).count()).resolves.toBe(1);
    await expectNoAxeViolations(page, 'recent offers with a person reference');
    await saveScreenshot(page, 'console-person-4-recent-offers');
  });

  it('"Issued credentials": found by part of the name and the type', async () => {
    await page.goto(`${issuer.url}/console/credentials`);
    await expectNoAxeViolations(page, 'issued credentials, with the person column');
    await page.getByLabel('Name or staff number').fill('okafor');
    await page.getByLabel('Credential type').selectOption({ label: 'DBS check' });
    await page.locator('#search').click();
    await page.waitForURL(/\/console\/credentials\?.*person=okafor/);
    const rows = page.locator('table tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().innerText()).resolves.toContain(PERSON);
    await expect(rows.first().innerText()).resolves.toContain('DBS check');
    await expect(page.locator('thead').innerText()).resolves.toContain('Person reference');
    for (const href of await rows.locator('a[href^="/console/credentials/urn:uuid:"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) issued.push(href!);
    await expectNoAxeViolations(page, 'issued credentials found by name and type');
    await saveScreenshot(page, 'console-person-5-found-by-name');
  });

  it('found by the staff number alone; a name nobody has finds nothing; too long a search is an error', async () => {
    await page.getByLabel('Name or staff number').fill('12345678');
    await page.getByLabel('Credential type').selectOption({ label: 'Any type' });
    await page.locator('#search').click();
    await page.waitForURL(/person=12345678/);
    await expect(page.locator('table tbody tr').count()).resolves.toBe(1);
    await page.getByLabel('Name or staff number').fill('Nobody Atall');
    await page.locator('#search').click();
    await page.waitForURL(/person=Nobody/);
    await expect(page.locator('#no-results').innerText()).resolves.toBe('No credentials match your search.');
    await expectNoAxeViolations(page, 'issued credentials, no match');
    await page.getByLabel('Name or staff number').fill('x'.repeat(201));
    await page.locator('#search').click();
    await page.waitForLoadState('load');
    await expect(page.title()).resolves.toBe('Error: Issued credentials - Staff Passport HR console');
    await expect(page.locator('#person-error').innerText()).resolves.toContain('Name or staff number must be 200 characters or fewer');
    await expectNoAxeViolations(page, 'issued credentials, search too long');
    await saveScreenshot(page, 'console-person-6-search-error');
  });

  it("the credential's page shows the person reference", async () => {
    expect(issued).toHaveLength(1);
    await page.goto(`${issuer.url}${issued[0]!}`);
    await expect(page.locator('#credential-person-reference').innerText()).resolves.toBe(PERSON);
    await expectNoAxeViolations(page, 'the credential page with a person reference');
    await saveScreenshot(page, 'console-person-7-credential');
  });

  it('no script errors and no content security policy violations on any page', () => {
    expect(hr.problems).toEqual([]);
  });
});
