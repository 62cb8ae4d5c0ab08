/**
 * HR console, server side (issue 8: find issued credentials by person): the issue form's "Who is
 * this for? (optional)" field (checked apart from the claims, its error first in the summary), the
 * person reference on the offer page and in the recent offers, and "Name or staff number" in the
 * issued credentials search, combined with type and holder, kept across pages.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getCredentialType } from '@staff-passport/schemas';
import type { Wallet } from '@staff-passport/wallet-sdk';
import { buildClaimFields } from '../../src/console/issue/lib/claim-fields.js';
import { startIssuer, type TestIssuer } from '../helpers/start-issuer.js';
import { claimFormBody } from './helpers/claim-form-body.js';
import { errorLinks, fetchPage, issueExample, randomHolder, titleOf, type PageAnswer } from './helpers/console-client.js';
import { consoleSession, cookiesSetBy, type TestConsoleSession } from './helpers/console-cookie.js';
import { exampleClaims } from './helpers/example-claims.js';
import { openTestWallet } from './helpers/open-test-wallet.js';

let issuer: TestIssuer;
let session: TestConsoleSession;
let wallet: Wallet;
let closeWallet: () => Promise<void>;

/** The issue form as a person fills it in: the type's example claims, the reference, 7 days. */
function issueForm(slug: string, type: string, personReference: string, claims: Record<string, unknown> = exampleClaims(type)): string {
  const form = buildClaimFields(getCredentialType(type)!);
  const body = claimFormBody(form, claims, { _csrf: session.csrf, 'offer-expires': '604800', personReference });
  expect(slug).toBe(getCredentialType(type)!.slug);
  return body.toString();
}

function page(path: string): Promise<PageAnswer> {
  return fetchPage(`${issuer.url}${path}`, { cookie: session.cookie });
}

/** The credential ids linked from a list page, in order. */
function listedIds(text: string): string[] {
  return [...text.matchAll(/href="\/console\/credentials\/(urn:uuid:[0-9a-f-]{36})"/g)].map((m) => m[1]!);
}

/** Makes an offer through the console's form; the wallet accepts it. The credential ids and the offer page. */
async function issueFor(personReference: string, type = 'TrainingRecord'): Promise<{ ids: string[]; offerPath: string }> {
  const slug = getCredentialType(type)!.slug;
  const made = await fetchPage(`${issuer.url}/console/issue/${slug}`, { cookie: session.cookie, form: issueForm(slug, type, personReference) });
  expect([made.status, made.location]).toEqual([303, expect.stringMatching(/^\/console\/offers\/off_[0-9a-f]{32}$/)]);
  const offerId = made.location!.split('/').at(-1)!;
  const created = (await issuer.ctx.db.query('SELECT id FROM sp_offers WHERE id = ?', [offerId])) as unknown[];
  expect(created).toHaveLength(1);
  const link = (await fetch(`${issuer.url}/orgs/${issuer.a.org.id}/offers/${offerId}`, { headers: { authorization: `Bearer ${issuer.a.keys.issuer}` } }).then((r) => r.json())) as { link: string };
  // The PIN is shown once, on the offer page the redirect leads to (from its cookie).
  const cookie = cookiesSetBy(made.setCookies).join('; ');
  const offerPage = await fetchPage(`${issuer.url}${made.location}`, { cookie: `${session.cookie}; ${cookie}` });
  const pin = /id="offer-pin">(\d{6})</.exec(offerPage.text)?.[1];
  expect(pin).toMatch(/^\d{6}$/);
  const holder = await wallet.createHolder();
  await wallet.acceptCredentialOffer(await wallet.readCredentialOffer(link.link), { txCode: pin!, holder });
  const view = (await fetch(`${issuer.url}/orgs/${issuer.a.org.id}/offers/${offerId}`, { headers: { authorization: `Bearer ${issuer.a.keys.issuer}` } }).then((r) => r.json())) as {
    deliveries: { credentialIds: string[] }[];
  };
  return { ids: view.deliveries.flatMap((d) => d.credentialIds), offerPath: made.location! };
}

/** An offer made through the API with a person reference, accepted by the wallet: the credential ids. */
async function acceptApiOffer(personReference: string): Promise<string[]> {
  const offers = `${issuer.url}/orgs/${issuer.a.org.id}/offers`;
  const headers = { authorization: `Bearer ${issuer.a.keys.issuer}`, 'content-type': 'application/json' };
  const body = JSON.stringify({ credentials: [{ type: 'TrainingRecord', credentialSubject: exampleClaims('TrainingRecord') }], personReference });
  const created = (await fetch(offers, { method: 'POST', headers, body }).then((r) => r.json())) as { id: string; link: string; txCode: string };
  await wallet.acceptCredentialOffer(await wallet.readCredentialOffer(created.link), { txCode: created.txCode, holder: await wallet.createHolder() });
  const view = (await fetch(`${offers}/${created.id}`, { headers }).then((r) => r.json())) as { deliveries: { credentialIds: string[] }[] };
  return view.deliveries.flatMap((d) => d.credentialIds);
}

beforeAll(async () => {
  issuer = await startIssuer();
  session = consoleSession(issuer);
  ({ wallet, close: closeWallet } = await openTestWallet(issuer));
});
afterAll(async () => {
  await closeWallet?.();
  await issuer?.close();
});

describe('the issue form: "Who is this for? (optional)"', () => {
  it('is above the claims, with its hint, and empty', async () => {
    const form = await page('/console/issue/dbs-check');
    expect(form.status).toBe(200);
    expect(form.text).toContain('<label class="nhsuk-label" for="personReference">Who is this for? (optional)</label>');
    expect(form.text).toContain('Their name or staff number, for your records. It is not put in the credential.');
    expect(form.text).toMatch(/<input class="nhsuk-input nhsuk-input--width-30" id="personReference" name="personReference" type="text" value="" aria-describedby="personReference-hint" autocomplete="off" spellcheck="false">/);
    expect(form.text.indexOf('id="personReference"')).toBeLessThan(form.text.indexOf('id="dbs-certificateNumber"'));
  });

  it('too long: 400, its error first in the summary, inline, the text kept; no offer made', async () => {
    const long = `Amara Okafor ${'x'.repeat(200)}`;
    const before = ((await issuer.ctx.db.query('SELECT COUNT(*) AS n FROM sp_offers')) as { n: number }[])[0]!.n;
    const answer = await fetchPage(`${issuer.url}/console/issue/dbs-check`, { cookie: session.cookie, form: issueForm('dbs-check', 'DbsCheck', long) });
    expect(answer.status).toBe(400);
    expect(titleOf(answer.text)).toBe('Error: Issue a DBS check credential - Staff Passport HR console');
    expect(errorLinks(answer.text)).toEqual(['personReference']);
    expect(answer.text).toContain('<span class="nhsuk-error-message" id="personReference-error"><span class="nhsuk-u-visually-hidden">Error:</span> Enter a name or staff number of 200 characters or fewer</span>');
    expect(answer.text).toContain(`value="${long}"`);
    expect(((await issuer.ctx.db.query('SELECT COUNT(*) AS n FROM sp_offers')) as { n: number }[])[0]!.n).toBe(before);
  });

  it('shown with the claims’ own errors, first (it is above them)', async () => {
    const claims = exampleClaims('DbsCheck');
    const dbs = { ...(claims['dbs'] as Record<string, unknown>) };
    delete dbs['certificateNumber'];
    const answer = await fetchPage(`${issuer.url}/console/issue/dbs-check`, { cookie: session.cookie, form: issueForm('dbs-check', 'DbsCheck', 'Amara\tOkafor', { ...claims, dbs }) });
    expect(answer.status).toBe(400);
    expect(errorLinks(answer.text)).toEqual(['personReference', 'dbs-certificateNumber']);
    expect(answer.text).toContain('Enter a name or staff number without tabs, line breaks or other control characters');
  });

  it('kept when "Add another" shows the form again', async () => {
    const body = new URLSearchParams({ _csrf: session.csrf, personReference: 'Amara Okafor', _add: 'history-employments' });
    const answer = await fetchPage(`${issuer.url}/console/issue/employment-history`, { cookie: session.cookie, form: body.toString() });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('id="personReference" name="personReference" type="text" value="Amara Okafor"');
  });
});

describe('an offer with a person reference, accepted, then found by it', () => {
  const issued = { amara: [] as string[], amaraDbs: [] as string[], bola: [] as string[], api: '' };
  let offerPath = '';

  beforeAll(async () => {
    const amara = await issueFor('  Amara Okafor, ESR 12345678 ');
    issued.amara = amara.ids;
    offerPath = amara.offerPath;
    issued.amaraDbs = (await issueFor('Amara Okafor, ESR 12345678', 'DbsCheck')).ids;
    issued.bola = (await issueFor('Bola Adeyemi, ESR 87654321')).ids;
    issued.api = await issueExample(issuer.url, issuer.a.org.id, issuer.a.keys.issuer, 'DbsCheck', randomHolder());
  });

  it('the offer page and the recent offers show the reference (trimmed)', async () => {
    const offer = await page(offerPath);
    expect(offer.text).toContain('<dt class="nhsuk-summary-list__key">Person reference</dt><dd class="nhsuk-summary-list__value"><span id="offer-person-reference">Amara Okafor, ESR 12345678</span></dd>');
    const recent = await page('/console/issue');
    expect(recent.text).toContain('<th scope="col" class="nhsuk-table__header">Person reference</th>');
    expect(recent.text).toContain('<td class="nhsuk-table__cell">Bola Adeyemi, ESR 87654321</td>');
  });

  it('"Name or staff number" finds them by part of the name or number, any case; the column shows the reference', async () => {
    const list = await page('/console/credentials');
    expect(list.text).toContain('<label class="nhsuk-label" for="person">Name or staff number</label>');
    // Everyone: the column is there, and an API-issued credential has no reference.
    expect(list.text).toContain('<th scope="col" class="nhsuk-table__header">Person reference</th>');
    expect(list.text).toContain('Not recorded');
    const byName = await page('/console/credentials?person=okafor');
    expect(byName.status).toBe(200);
    expect(listedIds(byName.text)).toEqual([...issued.amara, ...issued.amaraDbs].reverse());
    expect(byName.text).toContain('<td class="nhsuk-table__cell">Amara Okafor, ESR 12345678</td>');
    expect(byName.text).toContain('id="person" name="person" type="text" value="okafor"');
    expect(listedIds((await page('/console/credentials?person=87654321')).text)).toEqual(issued.bola);
    expect(listedIds((await page(`/console/credentials?person=${encodeURIComponent('AMARA OKAFOR')}`)).text)).toHaveLength(issued.amara.length + issued.amaraDbs.length);
  });

  it('combines with the type and the holder; no match says so', async () => {
    expect(listedIds((await page('/console/credentials?person=okafor&type=DbsCheck')).text)).toEqual(issued.amaraDbs);
    expect(listedIds((await page('/console/credentials?person=okafor&type=RightToWork')).text)).toEqual([]);
    const none = await page(`/console/credentials?person=okafor&holder=${encodeURIComponent(randomHolder())}`);
    expect(none.text).toContain('No credentials match your search.');
    // Blank is no filter.
    expect(listedIds((await page('/console/credentials?person=%20%20&type=DbsCheck')).text)).toEqual([...issued.amaraDbs, issued.api].reverse());
  });

  it('pages (20 a page) keep the search', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 21; i++) ids.push(...(await acceptApiOffer(`Paging Person ${i}`)));
    const newestFirst = [...ids].reverse();
    const first = await page('/console/credentials?person=paging%20person');
    expect(listedIds(first.text)).toEqual(newestFirst.slice(0, 20));
    const older = /<a class="nhsuk-pagination__link[^"]*" href="([^"]+)"[^>]*>[\s\S]*?Older credentials/.exec(first.text)?.[1]?.replaceAll('&amp;', '&');
    expect(older).toContain('person=paging+person');
    const second = await page(older!);
    expect(listedIds(second.text)).toEqual(newestFirst.slice(20));
    expect(second.text).toContain('value="paging person"');
  });

  it('too long a search: 400, the error summary and inline message', async () => {
    const answer = await page(`/console/credentials?person=${'x'.repeat(201)}`);
    expect(answer.status).toBe(400);
    expect(titleOf(answer.text)).toBe('Error: Issued credentials - Staff Passport HR console');
    expect(errorLinks(answer.text)).toEqual(['person']);
    expect(answer.text).toContain('Name or staff number must be 200 characters or fewer');
  });

  it('the credential page shows "Person reference"; one issued by the API does not', async () => {
    const record = await page(`/console/credentials/${issued.amaraDbs[0]!}`);
    expect(record.text).toContain('<dt class="nhsuk-summary-list__key">Person reference</dt><dd class="nhsuk-summary-list__value"><span id="credential-person-reference">Amara Okafor, ESR 12345678</span></dd>');
    const api = await page(`/console/credentials/${issued.api}`);
    expect(api.status).toBe(200);
    expect(api.text).not.toContain('Person reference');
  });
});
