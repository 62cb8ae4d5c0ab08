/**
 * The HR console's issuing pages, server side (issue 8): a form generated from every catalogue
 * type's JSON Schema, checked by the same path as `POST /orgs/{id}/offers` with each issue shown on
 * its field (NHS.UK error summary and inline messages, 400), and an OpenID4VCI 1.0 offer (section
 * 4.1) made with a transaction code (section 3.5, `tx_code`) whose PIN the offer page shows once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isObject } from '@staff-passport/core';
import { getCredentialType } from '@staff-passport/schemas';
import { buildClaimFields, listInputs, type ClaimGroup } from '../../../src/console/issue/lib/claim-fields.js';
import { hashTxCode, offerableTypes } from '../../../src/oid4vci/index.js';
import { readQrPng } from '../../../../../test/helpers/read-qr.js';
import { startIssuer, type TestIssuer } from '../../helpers/start-issuer.js';
import { claimFormBody } from '../helpers/claim-form-body.js';
import { errorLinks, fetchPage, type PageAnswer } from '../helpers/console-client.js';
import { consoleSession, cookiesSetBy, type TestConsoleSession } from '../helpers/console-cookie.js';
import { exampleClaims } from '../helpers/example-claims.js';

let issuer: TestIssuer;
let session: TestConsoleSession;

function get(path: string, cookies: string[] = []): Promise<PageAnswer> {
  return fetchPage(`${issuer.url}${path}`, { cookie: [session.cookie, ...cookies].join('; ') });
}

function post(path: string, body: URLSearchParams, cookie = session.cookie): Promise<PageAnswer> {
  return fetchPage(`${issuer.url}${path}`, { cookie, form: body });
}

function withCsrf(body: URLSearchParams): URLSearchParams {
  body.set('_csrf', session.csrf);
  return body;
}

function ids(page: string): string[] {
  return [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
}

// Every property of the subject schema a person fills in (not the holder's id, not a const).
function schemaProperties(schema: unknown, path: string[] = []): string[] {
  if (!isObject(schema)) return [];
  const out: string[] = [];
  const properties = isObject(schema['properties']) ? schema['properties'] : {};
  for (const [name, child] of Object.entries(properties)) {
    if (!isObject(child) || (path.length === 0 && name === 'id') || 'const' in child) continue;
    const here = [...path, name];
    const items = isObject(child['items']) ? child['items'] : undefined;
    if (child['type'] === 'object') out.push(...schemaProperties(child, here));
    else if (child['type'] === 'array' && items?.['type'] === 'object') out.push(...schemaProperties(items, [...here, '0']));
    else out.push(here.join('-'));
  }
  return out;
}

async function storedClaims(offerId: string): Promise<unknown> {
  const rows = (await issuer.ctx.db.query('SELECT credentials FROM sp_offers WHERE id = ?', [offerId])) as { credentials: string }[];
  return (JSON.parse(rows[0]!.credentials) as { credentialSubject: unknown }[])[0]!.credentialSubject;
}

beforeAll(async () => {
  issuer = await startIssuer();
  session = consoleSession(issuer);
});

afterAll(async () => {
  await issuer.close();
});

describe('choosing the type', () => {
  it('lists every catalogue type by its display name; no choice is an NHS.UK error; a choice goes to its form', async () => {
    const page = await get('/console/issue');
    expect(page.status).toBe(200);
    for (const d of offerableTypes()) expect(page.text).toContain(`value="${d.slug}"`);
    expect(page.text).toContain('DBS check');

    const none = await post('/console/issue', withCsrf(new URLSearchParams()));
    expect(none.status).toBe(400);
    expect(none.text).toContain('<title>Error: Issue a credential');
    expect(errorLinks(none.text)).toEqual(['type']);
    expect(none.text).toContain('id="type-error"');

    const chosen = await post('/console/issue', withCsrf(new URLSearchParams({ type: 'dbs-check' })));
    expect([chosen.status, chosen.location]).toEqual([303, '/console/issue/dbs-check']);
  });

  it('refuses a form without its CSRF token, and an auditor (403 pages, not problem+json)', async () => {
    const forged = await post('/console/issue', new URLSearchParams({ type: 'dbs-check' }));
    expect(forged.status).toBe(403);
    expect(forged.type).toContain('text/html');

    const auditor = consoleSession(issuer, { role: 'auditor' });
    const res = await fetch(`${issuer.url}/console/issue`, { headers: { cookie: auditor.cookie } });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('text/html');
  });

  it('sends a browser without a session to sign in', async () => {
    const res = await fetch(`${issuer.url}/console/issue/dbs-check`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/sign-in?next=%2Fconsole%2Fissue%2Fdbs-check');
  });
});

describe('the form generated from the schema', () => {
  it.each(offerableTypes().map((d) => [d.type, d.slug]))('%s: an input for every property, ids unique', async (type, slug) => {
    const page = await get(`/console/issue/${slug}`);
    expect(page.status).toBe(200);
    const found = ids(page.text);
    expect(new Set(found).size).toBe(found.length);
    const definition = getCredentialType(type)!;
    const subject = (definition.schema['properties'] as Record<string, unknown>)['credentialSubject'];
    for (const id of schemaProperties(subject)) expect(found).toContain(id);
    for (const input of listInputs(buildClaimFields(definition))) expect(found).toContain(input.id);
    expect(found).toEqual(expect.arrayContaining(['create-offer', 'offer-expires']));
  });

  it('labels come from the catalogue, optional fields say so, enums read as their titles', async () => {
    const page = (await get('/console/issue/dbs-check')).text;
    expect(page).toContain('<label class="nhsuk-label" for="dbs-certificateNumber">Certificate number</label>');
    // Dates are the NHS.UK date input (issue 21): a fieldset named by the label, then day, month and year boxes.
    expect(page).toContain('<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Next review on (optional)</legend>');
    expect(page).toMatch(/<input class="nhsuk-input nhsuk-date-input__input nhsuk-input--width-2" id="check-nextReviewOn-day" name="check-nextReviewOn-day"/);
    expect(page).toContain('Enhanced with barred list checks');
    expect(page).toContain('For example, 27 3 2026');
    // Conditionally required: not marked optional, the hint says when.
    expect(page).toMatch(/<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Workforce<\/legend>\s*<div class="nhsuk-hint" id="dbs-workforce-hint">Required for an enhanced check/);
  });

  it('an unknown type is a 404 page', async () => {
    const page = await get('/console/issue/no-such-type');
    expect(page.status).toBe(404);
    expect(page.text).toContain('Page not found');
  });
});

describe('checking a submission', () => {
  it('an empty form: 400, "Error:" in the title, a summary linking to each required field, inline messages', async () => {
    const page = await post('/console/issue/dbs-check', withCsrf(new URLSearchParams()));
    expect(page.status).toBe(400);
    expect(page.text).toContain('<title>Error: Issue a DBS check credential');
    const links = errorLinks(page.text);
    expect(links).toEqual(
      // A date's link goes to its day box (issue 21).
      expect.arrayContaining(['dbs-level', 'dbs-certificateNumber', 'dbs-issuedOn-day', 'dbs-decision', 'check-standardVersion', 'check-checkedBy', 'check-checkedAt-day', 'attributeMetadata-origin', 'attributeMetadata-verifier', 'attributeMetadata-lastRefresh-day']),
    );
    const found = ids(page.text);
    for (const link of links) expect(found).toContain(link);
    for (const link of links) expect(found).toContain(`${link.replace(/-day$/, '')}-error`);
    // Sentences, not a verb before the field's name (issue 21: not "Select pedigree", "Enter last refreshed").
    expect(page.text).toContain('Enter the certificate number');
    expect(page.text).toContain('Select the level');
    expect(page.text).toContain('Select the pedigree');
    expect(page.text).toContain('Select who it was verified by');
    expect(page.text).toContain('Enter the last refreshed date');
    expect(page.text).toContain('Enter the checked at date and time');
    expect(page.text).not.toMatch(/Select pedigree|Enter last refreshed/);
    // Optional fields left blank are not errors.
    expect(links).not.toContain('dbs-workforce');
    expect(links).not.toContain('check-nextReviewOn');
  });

  it("each schema and rule problem on its field, in the form's words; what was typed is shown again", async () => {
    const form = buildClaimFields(getCredentialType('DbsCheck')!);
    const claims = exampleClaims('DbsCheck') as { dbs: Record<string, unknown> };
    const body = claimFormBody(form, { ...claims, dbs: { ...claims.dbs, level: 'enhanced', certificateNumber: '12AB' } }, { _csrf: session.csrf, 'offer-expires': '604800' });
    body.delete('dbs-workforce');
    body.set('dbs-issuedOn-day', '31');
    body.set('dbs-issuedOn-month', '2');
    body.set('dbs-issuedOn-year', '2026');
    body.set('check-checkedAt', 'yesterday');
    const page = await post('/console/issue/dbs-check', body);
    expect(page.status).toBe(400);
    expect(errorLinks(page.text)).toEqual(['dbs-workforce', 'dbs-certificateNumber', 'dbs-issuedOn-day', 'check-checkedAt-day']);
    expect(page.text).toContain('Workforce is required for an enhanced check');
    expect(page.text).toContain('Enter the certificate number in the right format: a DBS certificate number is 12 digits');
    expect(page.text).toContain('Issued on must be a real date, for example 27 3 2026');
    expect(page.text).toContain('Checked at must be a real date and time');
    // What was typed, back in its boxes.
    expect(page.text).toMatch(/id="dbs-issuedOn-day" name="dbs-issuedOn-day" type="text" inputmode="numeric" autocomplete="off" value="31"/);
    expect(page.text).toMatch(/id="dbs-issuedOn-year" name="dbs-issuedOn-year" type="text" inputmode="numeric" autocomplete="off" value="2026"/);
    expect(page.text).toContain('value="12AB"');
  });

  it('a date input names the box at fault: a missing year, a time that does not exist (issue 21)', async () => {
    const form = buildClaimFields(getCredentialType('DbsCheck')!);
    const body = claimFormBody(form, exampleClaims('DbsCheck'), { _csrf: session.csrf, 'offer-expires': '604800' });
    body.delete('check-checkedAt');
    body.set('dbs-issuedOn-day', '1');
    body.set('dbs-issuedOn-month', '9');
    body.delete('dbs-issuedOn-year');
    for (const [part, value] of [['day', '2'], ['month', '9'], ['year', '2025'], ['time', '25:99']]) body.set(`check-checkedAt-${part!}`, value!);
    const page = await post('/console/issue/dbs-check', body);
    expect(page.status).toBe(400);
    expect(errorLinks(page.text)).toEqual(['dbs-issuedOn-year', 'check-checkedAt-time']);
    expect(page.text).toContain('Issued on must include a year');
    expect(page.text).toContain('Checked at must have a real time, for example 14:30');
    // Only the box at fault is marked.
    expect(page.text.match(/nhsuk-input--error" id="[^"]+"/g)).toEqual(['nhsuk-input--error" id="dbs-issuedOn-year"', 'nhsuk-input--error" id="check-checkedAt-time"']);
  });

  it('list items: blank ones are left out, errors name the item, "Add another" shows one more without checking', async () => {
    const definition = getCredentialType('EmploymentHistory')!;
    const form = buildClaimFields(definition);
    const claims = exampleClaims('EmploymentHistory') as { history: { employments: Record<string, unknown>[] } };
    const body = claimFormBody(form, claims, { _csrf: session.csrf, 'offer-expires': '604800' });
    body.set('_add', 'history-employments');
    const added = await post('/console/issue/employment-history', body);
    expect(added.status).toBe(200);
    expect(ids(added.text)).toContain('history-employments-2-jobTitle');
    expect(added.text).not.toContain('nhsuk-error-summary');

    body.delete('_add');
    body.set('_count-history-employments', '3');
    body.delete('history-employments-1-jobTitle');
    const page = await post('/console/issue/employment-history', body);
    expect(page.status).toBe(400);
    expect(errorLinks(page.text)).toEqual(['history-employments-1-jobTitle']);
    expect(page.text).toContain('Enter the job title (Employments, item 2)');

    // A rule about a whole list (a gap not explained) is shown on the list, its link going to the list's first input.
    const { gaps: _gaps, ...history } = (claims as unknown as { history: Record<string, unknown> }).history;
    const gapless = claimFormBody(form, { ...claims, history }, { _csrf: session.csrf, 'offer-expires': '604800' });
    const rule = await post('/console/issue/employment-history', gapless);
    expect(rule.status).toBe(400);
    expect(errorLinks(rule.text)).toEqual(['history-gaps-0-fromOn-day']);
    expect(rule.text).toMatch(/id="history-gaps-error"><span class="nhsuk-u-visually-hidden">Error:<\/span> Explained gaps: the gap from 2025-04-01 to 2025-08-31 is not explained/);
  });
});

describe('making the offer', () => {
  it.each(offerableTypes().map((d) => [d.type, d.slug]))('%s: the example claims typed into the form become the offer, unchanged', async (type, slug) => {
    const form: ClaimGroup = buildClaimFields(getCredentialType(type)!);
    const page = await post(`/console/issue/${slug}`, claimFormBody(form, exampleClaims(type), { _csrf: session.csrf, 'offer-expires': '86400' }));
    expect([page.status, errorLinks(page.text)]).toEqual([303, []]);
    const offerId = /^\/console\/offers\/(off_[0-9a-f]{32})$/.exec(page.location ?? '')?.[1];
    expect(offerId).toBeDefined();
    expect(await storedClaims(offerId!)).toEqual(exampleClaims(type));
  });

  it('shows the PIN (the transaction code, kept hashed) only to the session that made it; the QR code is the link', async () => {
    const form = buildClaimFields(getCredentialType('DbsCheck')!);
    const made = await post('/console/issue/dbs-check', claimFormBody(form, exampleClaims('DbsCheck'), { _csrf: session.csrf, 'offer-expires': '604800' }));
    expect(made.status).toBe(303);
    const offerId = made.location!.split('/').at(-1)!;
    const pinCookies = cookiesSetBy(made.setCookies);
    expect(made.setCookies[0]).toMatch(new RegExp(`^sp_offer_pin=.+; Max-Age=900; Path=/console/offers/${offerId}; HttpOnly; SameSite=Strict`));

    const shown = await get(made.location!, pinCookies);
    expect(shown.status).toBe(200);
    const pin = /id="offer-pin">(\d{6})</.exec(shown.text)?.[1];
    expect(pin).toBeDefined();
    const [row] = (await issuer.ctx.db.query('SELECT tx_code_hash FROM sp_offers WHERE id = ?', [offerId])) as { tx_code_hash: string }[];
    expect(row!.tx_code_hash).toBe(hashTxCode(offerId, pin!));
    expect(shown.text).toContain('id="offer-status" class="nhsuk-tag nhsuk-tag--blue">Waiting<');
    const link = /id="offer-link" name="offer-link" type="text" value="([^"]+)"/.exec(shown.text)?.[1]?.replace(/&amp;/g, '&');
    expect(link).toMatch(/^openid-credential-offer:\/\/\?credential_offer_uri=/);
    expect(shown.text).toContain('id="offer-open" href="openid-credential-offer://');

    const png = await fetch(`${issuer.url}/console/offers/${offerId}/qr.png`, { headers: { cookie: session.cookie } });
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(readQrPng(new Uint8Array(await png.arrayBuffer()))).toBe(link);

    // Another session (or the same one without the cookie) is told the PIN was shown when the offer was made.
    const other = consoleSession(issuer, { role: 'org-admin' });
    const elsewhere = await fetch(`${issuer.url}${made.location!}`, { headers: { cookie: [other.cookie, ...pinCookies].join('; ') } });
    const text = await elsewhere.text();
    expect(text).not.toContain('id="offer-pin"');
    expect(text).toContain('The PIN was shown when the offer was made');

    // An auditor reads the status, never the QR code or link, and cannot withdraw.
    const auditor = consoleSession(issuer, { role: 'auditor' });
    const audited = await (await fetch(`${issuer.url}${made.location!}`, { headers: { cookie: auditor.cookie } })).text();
    expect(audited).toContain('id="offer-status"');
    expect(audited).not.toContain('id="offer-qr"');
    expect(audited).not.toContain('openid-credential-offer://');
    expect(audited).not.toContain('id="withdraw-offer"');

    const status = await fetch(`${issuer.url}/console/offers/${offerId}/status.json`, { headers: { cookie: session.cookie } });
    expect(await status.json()).toEqual({ status: 'offered', text: 'Waiting', colour: 'blue', detail: expect.any(String), final: false });
  });

  it("withdraws an offer (CSRF checked); it is then gone; another organisation's offer is not found", async () => {
    const form = buildClaimFields(getCredentialType('TrainingRecord')!);
    const made = await post('/console/issue/training-record', claimFormBody(form, exampleClaims('TrainingRecord'), { _csrf: session.csrf, 'offer-expires': '604800' }));
    const offerId = made.location!.split('/').at(-1)!;

    const b = consoleSession(issuer, { org: issuer.b });
    const foreign = await fetch(`${issuer.url}/console/offers/${offerId}`, { headers: { cookie: b.cookie } });
    expect(foreign.status).toBe(404);

    expect((await post(`/console/offers/${offerId}/withdraw`, new URLSearchParams())).status).toBe(403);
    const withdrawn = await post(`/console/offers/${offerId}/withdraw`, withCsrf(new URLSearchParams()));
    expect([withdrawn.status, withdrawn.location]).toEqual([303, '/console/issue?withdrawn=1']);
    expect((await get('/console/issue?withdrawn=1')).text).toContain('Offer withdrawn');
    expect((await get(`/console/offers/${offerId}`)).status).toBe(404);
  });
});
