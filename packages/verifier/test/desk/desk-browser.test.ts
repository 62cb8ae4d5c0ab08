/**
 * The verifier desk in Chromium (Debian's, driven by playwright-core), against the real issuer and
 * verifier and our Node wallet SDK: HR at the issuing trust offers the credentials over OpenID4VCI;
 * the desk asks (OpenID4VP 1.0, request by reference, sections 5.7 and 13.1); the QR code on the
 * page decodes to the same-device link; the wallet shares (direct_post, section 8.2) and the page
 * moves to the report by itself (polling with JavaScript, a meta refresh without); the CSV export
 * downloads. A TUPE transfer is "Ready to start"; a new employer is "Ready once these checks are
 * done", its to-do list naming its own right to work check, with the portrait shown for the
 * likeness check; a person holding part of what is asked shares that part and gets a report on it.
 * A DBS check the employer found not satisfactory shows "Needs action" with the reason;
 * a refusal (access_denied, section 8.5) and an expired request show what happened. axe-core finds
 * no WCAG 2.2 AA violation on any page or state; the start form works from the keyboard alone.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addTrustRegistryEntry, createTrustRegistryDraft, renewTrustRegistry, type TrustRegistry } from '@staff-passport/core';
import { getCredentialType } from '@staff-passport/schemas';
import { openNodeWallet, type Wallet } from '@staff-passport/wallet-sdk';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addProfile } from '../../src/index.js';
import { signInInBrowser } from './helpers/sign-in-to-desk.js';
import { PHONE_VIEWPORT, expectNoAxeViolations, expectReachableByKeyboard, launchChromium, saveScreenshot } from '../../../../test/helpers/page-browser.js';
import { readQrPng } from '../../../../test/helpers/read-qr.js';
import { postJson, startServices, type Services } from '../../../../test/helpers/start-services.js';
import { registeredVerifierEntry } from '../../../../test/helpers/registered-verifier-entry.js';

const NOW = Date.parse('2026-10-03T09:00:00Z');
const PROFILE_ID = 'desk-ward-clerk';
const PROFILE_TITLE = 'Ward clerk (desk test)';

/** Three requirements keep the run short: identity, right to work, a basic DBS check. */
const PROFILE = {
  id: PROFILE_ID,
  version: '1.0.0',
  title: PROFILE_TITLE,
  description: 'Identity, right to work and a basic DBS check.',
  purpose: 'Pre-employment checks for your post as a ward clerk: your identity, your right to work and your DBS check.',
  statusUnknown: 'needs-action',
  requirements: [
    {
      id: 'identity',
      title: 'Identity checked to GPG 45 medium confidence or higher',
      required: true,
      accepts: [
        {
          type: 'IdentityVerification',
          claims: ['identity.confidenceLevel', 'identity.reverifyBy', 'identity.verifiedAt', 'person.givenName', 'person.familyName', 'person.birthDate', 'person.portrait'],
        },
      ],
      rule: { kind: 'identity', minimumLevel: 'medium' },
    },
    {
      id: 'right_to_work',
      title: 'Right to work on the start date',
      required: true,
      accepts: [
        {
          type: 'RightToWork',
          claims: ['rightToWork.listType', 'rightToWork.documentExpiresOn', 'rightToWork.permissionExpiresOn', 'rightToWork.followUpDueOn', 'rightToWork.method', 'rightToWork.documentKind'],
        },
      ],
      rule: { kind: 'right_to_work' },
    },
    {
      id: 'dbs',
      title: 'Basic DBS check',
      required: true,
      accepts: [{ type: 'DbsCheck', claims: ['dbs.level', 'dbs.certificateNumber', 'dbs.issuedOn', 'dbs.decision'] }],
      rule: { kind: 'dbs', minimumLevel: 'basic' },
    },
  ],
};

let offsetMs = 0;
const now = (): Date => new Date(NOW + offsetMs);
let services: Services;
let registry: TrustRegistry | undefined;
let browser: Browser;
const wallets: { wallet: Wallet; close(): Promise<void>; holder: string }[] = [];

function claimsOf(type: string): Record<string, unknown> {
  const { id: _id, ...claims } = getCredentialType(type)!.example['credentialSubject'] as Record<string, unknown>;
  return claims;
}

/** A wallet holding identity, right to work and a DBS check (or only some of them), each offered by HR and accepted. */
async function walletWith(name: string, dbsDecision: 'satisfactory' | 'not_satisfactory', types: readonly string[] = ['IdentityVerification', 'RightToWork', 'DbsCheck']): Promise<Wallet> {
  const opened = await openNodeWallet({ file: join(services.dataDir, `${name}.sqlite`), secretKey: randomBytes(32).toString('hex'), now, allowHttpLoopback: true });
  const holder = await opened.wallet.createHolder();
  wallets.push({ ...opened, holder });
  const dbs = claimsOf('DbsCheck') as { dbs: Record<string, unknown> };
  const credentials = [
    { type: 'IdentityVerification', credentialSubject: claimsOf('IdentityVerification') },
    { type: 'RightToWork', credentialSubject: claimsOf('RightToWork') },
    { type: 'DbsCheck', credentialSubject: { ...dbs, dbs: { ...dbs.dbs, decision: dbsDecision } } },
  ].filter((c) => types.includes(c.type));
  const offer = await postJson(`${services.issuerUrl}/orgs/${services.org.id}/offers`, { credentials, formats: ['dc+sd-jwt'] }, { authorization: `Bearer ${services.apiKey}` });
  expect([offer.status, offer.body['code']]).toEqual([201, undefined]);
  const accepted = await opened.wallet.acceptCredentialOffer(await opened.wallet.readCredentialOffer(offer.body['link'] as string), { txCode: offer.body['txCode'] as string, holder });
  expect(accepted.credentials).toHaveLength(credentials.length);
  return opened.wallet;
}

/** Chooses the test profile, the kind of move (by its label; a new employer by default) and a start date on the start page, and creates the request. */
async function createRequest(page: Page, move?: string): Promise<string> {
  await page.goto(`${services.verifierUrl}/`);
  await page.getByLabel(PROFILE_TITLE).check();
  if (move) await page.getByLabel(move, { exact: true }).check();
  await page.fill('#startDate-day', '5');
  await page.fill('#startDate-month', '10');
  await page.fill('#startDate-year', '2026');
  await page.click('#create-request');
  await page.waitForURL(/\/desk\/requests\/req_[0-9a-f]{20}$/);
  return page.url().split('/').at(-1)!;
}

/** The fields of one CSV line (RFC 4180: a quoted field may hold commas, quotes doubled). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  for (let i = 0; i <= line.length; ) {
    if (line[i] === '"') {
      let value = '';
      for (i++; i < line.length && !(line[i] === '"' && line[i + 1] !== '"'); i++) value += line[i] === '"' ? line[++i] : line[i];
      fields.push(value);
      i += 2;
    } else {
      const end = line.indexOf(',', i) === -1 ? line.length : line.indexOf(',', i);
      fields.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return fields;
}

async function walletLink(page: Page): Promise<string> {
  const link = await page.getAttribute('#wallet-link', 'href');
  expect(link).toMatch(/^openid4vp:\/\/\?client_id=/);
  return link!;
}

beforeAll(async () => {
  services = await startServices({ now, trustRegistry: () => registry });
  registry = renewTrustRegistry(
    addTrustRegistryEntry(createTrustRegistryDraft({ name: 'Desk test registry' }), {
      did: services.org.did,
      odsCode: services.org.odsCode,
      name: services.org.name,
      credentialTypes: ['*'],
      validFrom: '2020-01-01T00:00:00Z',
    }),
    { now: now() },
  );
  registry = { ...registry, entries: [...registry.entries, registeredVerifierEntry(services.verifierUrl, [PROFILE])] };
  await addProfile(services.verifier.stores.profiles, PROFILE, now());
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const w of wallets) await w.close();
  await services?.close();
});

describe('the verifier desk in Chromium', () => {
  let ready: Wallet;
  let context: BrowserContext;
  let page: Page;
  // Script errors and content security policy refusals show up on the console.
  const problems: string[] = [];

  beforeAll(async () => {
    ready = await walletWith('wallet-ready', 'satisfactory');
    context = await browser.newContext();
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    // The desk is behind sign-in (issue 20): a checker signs in through its page first.
    await page.goto(`${services.verifierUrl}/`);
    expect(page.url()).toBe(`${services.verifierUrl}/desk/sign-in?next=%2F`);
    await expectNoAxeViolations(page, 'the sign-in page');
    await signInInBrowser(page, services.verifierUrl, services.verifierKeys.checker);
  });
  afterAll(async () => {
    await context.close();
  });

  it('start page, and the start page with errors: no axe violations; the error summary links to the first radio', async () => {
    await page.goto(`${services.verifierUrl}/`);
    await expect(page.title()).resolves.toBe('Check a new starter - Staff Passport verifier desk');
    expect(await page.getByLabel(PROFILE_TITLE).count()).toBe(1);
    await expectNoAxeViolations(page, 'the start page');
    await saveScreenshot(page, 'desk-01-start');

    await page.click('#create-request');
    await page.waitForSelector('.nhsuk-error-summary');
    await expect(page.title()).resolves.toBe('Error: Check a new starter - Staff Passport verifier desk');
    expect(await page.textContent('.nhsuk-error-summary a')).toBe('Select a check profile');
    expect(await page.getAttribute('.nhsuk-error-summary a', 'href')).toBe('#profileId');
    expect(await page.textContent('#profileId-error')).toContain('Select a check profile');
    await expectNoAxeViolations(page, 'the start page with errors');
    await saveScreenshot(page, 'desk-02-start-errors');
  });

  it('the start form is completed and submitted with the keyboard only', async () => {
    await page.goto(`${services.verifierUrl}/`);
    await expectReachableByKeyboard(page, 'input[name="profileId"]');
    // A radio group is one stop: Space picks the focused radio, the arrow keys move the choice.
    await page.keyboard.press('Space');
    for (let i = 0; i < 20 && !(await page.isChecked(`input[value="${PROFILE_ID}"]`)); i++) await page.keyboard.press('ArrowDown');
    expect(await page.isChecked(`input[value="${PROFILE_ID}"]`)).toBe(true);
    // The kind of move: its group is the next stop, a new employer already chosen.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('new_employer');
    await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('input[value="rotation"]')).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('startDate-day');
    await page.keyboard.type('5');
    await page.keyboard.press('Tab');
    await page.keyboard.type('10');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2026');
    for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement?.id)) !== 'create-request'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('create-request');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/desk\/requests\/req_[0-9a-f]{20}$/);
    expect(await page.textContent('h1')).toBe('Ask the new starter to scan this code');
  });

  it('ready to start (a TUPE transfer): the QR code decodes to the same-device link; the wallet shares and the page moves to the report by itself; the CSV downloads', async () => {
    // (The start page with errors was a 400 on purpose: from here on, nothing may fail.)
    problems.length = 0;
    const id = await createRequest(page, 'TUPE transfer');
    const link = await walletLink(page);
    expect(await page.inputValue('#wallet-link-text')).toBe(link);
    // Scanned as a phone camera would: a screenshot of the QR code on the page.
    expect(readQrPng(await page.locator('#request-qr svg').screenshot())).toBe(link);
    expect(await page.textContent('#request-state-tag')).toBe('Waiting for the wallet');
    await expectNoAxeViolations(page, 'the waiting page');
    await saveScreenshot(page, 'desk-03-waiting');
    // On the new starter's own phone, the same-device link is what they use.
    await page.setViewportSize(PHONE_VIEWPORT);
    await expectNoAxeViolations(page, 'the waiting page on a phone');
    await saveScreenshot(page, 'desk-03-waiting-phone');
    await page.setViewportSize({ width: 1280, height: 720 });

    const preview = await ready.readPresentationRequest(link);
    // The live region says the wallet opened the request (the script polls).
    await page.waitForFunction(() => document.getElementById('request-status-text')?.textContent?.includes('opened the request'));
    await ready.sharePresentation(preview);
    await page.waitForURL(`${services.verifierUrl}/desk/requests/${id}/result`);
    expect(await page.textContent('#outcome')).toBe('Ready to start');
    await expect(page.title()).resolves.toBe('Ready to start - Staff Passport verifier desk');
    expect(await page.textContent('#todo-none')).toContain('Nothing');
    expect(await page.textContent('#requirement-right_to_work-reliance')).toContain('Transfer of undertakings (TUPE)');
    for (const requirement of ['identity', 'right_to_work', 'dbs']) expect(await page.textContent(`#requirement-${requirement}-outcome`)).toBe('Met');
    expect(await page.textContent('#requirement-dbs')).toContain(`${getCredentialType('DbsCheck')!.title} from ${services.org.name} (ODS ${services.org.odsCode})`);
    expect(await page.textContent('#attributes-dbs')).toBe('DBS check');
    expect(await page.textContent('main')).toContain('001234567890');
    await expectNoAxeViolations(page, 'the ready to start report');
    await saveScreenshot(page, 'desk-04-ready-to-start');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
    expect(download.suggestedFilename()).toMatch(/^res_[0-9a-f]{20}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[0]!.startsWith('Holder DID,Check Profile,Start Date,Report Decision,')).toBe(true);
    const header = csvFields(csv[0]!);
    const row = csvFields(csv[1]!);
    const cell = (name: string) => row[header.indexOf(name)];
    expect([cell('Check Profile'), cell('Start Date'), cell('Report Decision'), cell('Kind of Move'), cell('DBS Certificate Number'), cell('DBS Decision')]).toEqual([
      PROFILE_ID,
      '2026-10-05',
      'ready_to_start',
      'tupe_transfer',
      '001234567890',
      'satisfactory',
    ]);
    expect(cell('Holder DID')).toBe(wallets[0]!.holder);
    // The other named export mappings are offered beside it (issue 19, item 5).
    const [recruitment] = await Promise.all([page.waitForEvent('download'), page.click('#download-esr-e-recruitment')]);
    expect(recruitment.suggestedFilename()).toMatch(/^res_[0-9a-f]{20}-esr-e-recruitment\.csv$/);
    expect(readFileSync((await recruitment.path())!, 'utf8').startsWith('Applicant Last Name,Applicant First Name,')).toBe(true);
    expect(problems).toEqual([]);
  });

  it('a new employer: ready once these checks are done; the to-do list names its own right to work check, and the portrait is shown for the likeness check', async () => {
    const id = await createRequest(page);
    await ready.sharePresentation(await ready.readPresentationRequest(await walletLink(page)));
    await page.waitForURL(`${services.verifierUrl}/desk/requests/${id}/result`);
    expect(await page.textContent('#outcome')).toBe('Ready once these checks are done');
    const todo = await page.textContent('#todo-list');
    expect(todo).toContain('Do your own right to work check before the start');
    expect(todo).toContain('See the original identity documents in person at the start');
    expect(todo).toContain('Only a TUPE transfer may rely on the previous check');
    // The portrait from the identity credential, shown as an image the browser decoded.
    const portrait = page.locator('#person-portrait');
    expect(await portrait.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    expect(await portrait.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)).toBe(true);
    expect(await page.textContent('#person')).toContain('Amira Okafor');
    expect(await page.textContent('#person-in-person')).toContain('You must still see their original identity documents in person');
    expect(await page.textContent('#requirement-right_to_work-reliance')).toContain('Repeat the check');
    await expectNoAxeViolations(page, 'the ready once these checks are done report');
    await saveScreenshot(page, 'desk-04b-ready-once-checks-done');
  });

  it('a partial share: a person who holds part of what is asked shares that part, and the report is on it', async () => {
    const part = await walletWith('wallet-partial', 'satisfactory', ['IdentityVerification', 'DbsCheck']);
    const id = await createRequest(page, 'Secondment');
    const preview = await part.readPresentationRequest(await walletLink(page));
    expect(preview.unsatisfied.length).toBeGreaterThan(0);
    await part.sharePresentation(preview, { partial: true });
    await page.waitForURL(`${services.verifierUrl}/desk/requests/${id}/result`);
    // A seconded person's right to work is relied on: not shared, it needs action.
    expect(await page.textContent('#outcome')).toBe('Needs action');
    expect(await page.textContent('#partial-share')).toContain('Right to work on the start date');
    expect(await page.textContent('#requirement-right_to_work-outcome')).toBe('Not met');
    expect(await page.textContent('#requirement-dbs-outcome')).toBe('Met');
    expect(await page.textContent('#person-in-person')).toContain('no originals need to be seen again');
    await expectNoAxeViolations(page, 'the partial share report');
    await saveScreenshot(page, 'desk-05b-partial-share');
  });

  it('needs action: a DBS check the employer found not satisfactory, with the reason', async () => {
    const notSatisfactory = await walletWith('wallet-dbs-not-satisfactory', 'not_satisfactory');
    const id = await createRequest(page);
    const preview = await notSatisfactory.readPresentationRequest(await walletLink(page));
    await notSatisfactory.sharePresentation(preview);
    await page.waitForURL(`${services.verifierUrl}/desk/requests/${id}/result`);
    expect(await page.textContent('#outcome')).toBe('Needs action');
    expect(await page.textContent('#outcome-reasons')).toContain('Basic DBS check');
    expect(await page.textContent('#requirement-dbs-outcome')).toBe('Needs checking');
    expect(await page.textContent('#requirement-identity-outcome')).toBe('Met');
    await expectNoAxeViolations(page, 'the needs action report');
    await saveScreenshot(page, 'desk-05-needs-action');
  });

  it('refused: the page says "The person chose not to share" by itself, with "Start again"', async () => {
    const id = await createRequest(page);
    await ready.refusePresentationRequest(await ready.readPresentationRequest(await walletLink(page)));
    await page.waitForFunction(() => document.getElementById('request-outcome') !== null);
    expect(page.url()).toBe(`${services.verifierUrl}/desk/requests/${id}`);
    expect(await page.textContent('h1')).toBe('The person chose not to share');
    expect(await page.getAttribute('#start-again', 'href')).toBe(`/?profile=${PROFILE_ID}`);
    await expectNoAxeViolations(page, 'the refused page');
    await saveScreenshot(page, 'desk-06-refused');
    await page.click('#start-again');
    expect(await page.isChecked(`input[value="${PROFILE_ID}"]`)).toBe(true);
  });

  it('expired: the page says "This request has expired" by itself', async () => {
    await createRequest(page);
    offsetMs = (services.verifier.nonceTtlSeconds + 1) * 1000;
    try {
      await page.waitForFunction(() => document.getElementById('request-outcome') !== null);
      expect(await page.textContent('h1')).toBe('This request has expired');
      await expectNoAxeViolations(page, 'the expired page');
      await saveScreenshot(page, 'desk-07-expired');
    } finally {
      offsetMs = 0;
    }
  });

  it('an unknown request: a 404 page', async () => {
    const res = await page.goto(`${services.verifierUrl}/desk/requests/req_00000000000000000000`);
    expect(res?.status()).toBe(404);
    expect(await page.textContent('h1')).toBe('Page not found');
    await expectNoAxeViolations(page, 'the 404 page');
    await saveScreenshot(page, 'desk-08-not-found');
  });

  it('without JavaScript: the form posts, and the meta refresh moves the page to the report', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    try {
      const plain = await noJs.newPage();
      await signInInBrowser(plain, services.verifierUrl, services.verifierKeys.checker);
      const id = await createRequest(plain);
      expect(await plain.getAttribute('#request-qr svg', 'role')).toBe('img');
      const preview = await ready.readPresentationRequest(await walletLink(plain));
      await ready.sharePresentation(preview);
      await plain.waitForURL(`${services.verifierUrl}/desk/requests/${id}/result`, { timeout: 30_000 });
      // A new employer (the default): its own right to work check, and the originals seen in person.
      expect(await plain.textContent('#outcome')).toBe('Ready once these checks are done');
      expect(await plain.textContent('#todo-list')).toContain('Do your own right to work check before the start');
      await saveScreenshot(plain, 'desk-09-no-javascript-result');
    } finally {
      await noJs.close();
    }
  });
});
