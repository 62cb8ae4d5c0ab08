import { PassportError, isObject, renderQrPng } from '@staff-passport/core';
import type { CredentialTypeDefinition } from '@staff-passport/schemas';
import type { Request, RequestHandler, Router } from 'express';
import { authorise } from '../../api-keys/authenticate-api-key.js';
import type { Role } from '../../api-keys/create-api-key.js';
import type { IssuerContext } from '../../issuer-context.js';
import { PERSON_REFERENCE_MAX, parsePersonReference } from '../../lib/person-reference.js';
import { createOffer, getOffer, getOfferLink, listOfferableTypes, listOffers, parseCreateOfferInput, withdrawOffer, type CreateOfferInput } from '../../oid4vci/index.js';
import { checkCsrf, consoleCallerOf, type ConsoleCaller } from '../console-session.js';
import { hasConsoleRole } from '../lib/console-roles.js';
import { readIdParam } from '../lib/read-id-param.js';
import { serveConsoleScript } from '../lib/serve-console-script.js';
import { buildClaimFields } from './lib/claim-fields.js';
import { OFFER_EXPIRES_FIELD, OFFER_LIFETIMES, PERSON_REFERENCE_FIELD, sendClaimFormPage } from './lib/claim-form-page.js';
import { mapClaimIssues, type ClaimErrors } from './lib/map-claim-issues.js';
import { clearOfferPinCookie, readOfferPin, setOfferPinCookie } from './lib/offer-pin-cookie.js';
import { sendOfferPage } from './lib/offer-page.js';
import { OFFER_STATUS_SCRIPT, OFFER_STATUS_SCRIPT_PATH } from './lib/offer-status-script.js';
import { isFinalOfferStatus, offerStatusText } from './lib/offer-status-text.js';
import { ADD_ITEM_FIELD, readClaimFields, type FormBody } from './lib/read-claim-fields.js';
import { sendTypeChoicePage } from './lib/type-choice-page.js';

const ISSUERS: readonly Role[] = ['issuer', 'org-admin'];
const READERS: readonly Role[] = ['issuer', 'org-admin', 'auditor'];
const OFFER_ID = /^off_[0-9a-f]{32}$/;

function allowed(caller: ConsoleCaller, roles: readonly Role[]): void {
  authorise(caller.principal, caller.org.id, roles);
}

async function definitionOf(ctx: IssuerContext, req: Request): Promise<CredentialTypeDefinition> {
  const name = req.params['type'];
  const definition = (await listOfferableTypes(ctx)).find((d) => d.slug === name || d.type === name);
  if (!definition) throw new PassportError('ERR_NOT_FOUND', 'There is no credential type with that name.', { field: 'type' });
  return definition;
}

function offerIdOf(req: Request): string {
  return readIdParam(req, 'offerId', OFFER_ID, 'ERR_OFFER_NOT_FOUND', 'There is no credential offer at this address.');
}

function bodyOf(req: Request): FormBody {
  return isObject(req.body) ? req.body : {};
}

function fieldOf(body: FormBody, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

/** The "Who is this for?" answer: the reference, nothing (left blank), or the error to show on it. */
function readPersonReference(typed: string): { value?: string; error?: string } {
  if (typed.trim() === '') return {};
  try {
    const value = parsePersonReference(typed);
    return value === undefined ? {} : { value };
  } catch (err: unknown) {
    if (!(err instanceof PassportError)) throw err;
    return {
      error:
        [...typed.trim()].length > PERSON_REFERENCE_MAX
          ? `Enter a name or staff number of ${PERSON_REFERENCE_MAX} characters or fewer`
          : 'Enter a name or staff number without tabs, line breaks or other control characters',
    };
  }
}

/**
 * The console's issuing pages: choose a catalogue type (`/console/issue`), fill in the form
 * generated from its schema (`/console/issue/{slug}`), validated by the same path as
 * `POST /orgs/{id}/offers` (`parseCreateOfferInput`) with every issue shown on its field, and an
 * OpenID4VCI offer made with a PIN; the offer page (`/console/offers/{offerId}`) shows its QR
 * code, link, PIN (just after it was made) and status, kept up to date by a same-origin script;
 * withdraw it there.
 */
export function addIssuePages(router: Router, ctx: IssuerContext, signedIn: RequestHandler): void {
  serveConsoleScript(router, OFFER_STATUS_SCRIPT_PATH, OFFER_STATUS_SCRIPT);

  router.get('/console/issue', signedIn, async (req, res) => {
    const caller = consoleCallerOf(res);
    allowed(caller, ISSUERS);
    sendTypeChoicePage(res, { caller, types: await listOfferableTypes(ctx), offers: await listOffers(ctx, caller.org.id, { limit: 10 }), withdrawn: req.query['withdrawn'] === '1' });
  });

  router.post('/console/issue', signedIn, async (req, res) => {
    const caller = consoleCallerOf(res);
    allowed(caller, ISSUERS);
    const body = bodyOf(req);
    checkCsrf(caller, body);
    const types = await listOfferableTypes(ctx);
    const chosen = types.find((d) => d.slug === fieldOf(body, 'type'));
    if (!chosen) {
      sendTypeChoicePage(res, { caller, types, offers: await listOffers(ctx, caller.org.id, { limit: 10 }), error: { field: 'type', message: 'Select the type of credential you want to issue' } });
      return;
    }
    res.redirect(303, `/console/issue/${chosen.slug}`);
  });

  router.get('/console/issue/:type', signedIn, async (req, res) => {
    const caller = consoleCallerOf(res);
    allowed(caller, ISSUERS);
    const definition = await definitionOf(ctx, req);
    if (req.params['type'] !== definition.slug) {
      res.redirect(303, `/console/issue/${definition.slug}`);
      return;
    }
    sendClaimFormPage(res, { caller, definition, form: buildClaimFields(definition) });
  });

  router.post('/console/issue/:type', signedIn, async (req, res) => {
    const caller = consoleCallerOf(res);
    allowed(caller, ISSUERS);
    const definition = await definitionOf(ctx, req);
    const body = bodyOf(req);
    checkCsrf(caller, body);
    const form = buildClaimFields(definition);
    const read = readClaimFields(form, body);
    const expires = fieldOf(body, OFFER_EXPIRES_FIELD);
    const personTyped = fieldOf(body, PERSON_REFERENCE_FIELD);
    const state = { values: read.values, counts: read.counts, dateProblems: read.dateProblems };
    if (fieldOf(body, ADD_ITEM_FIELD) !== '') {
      // "Add another": the form again with one more item, nothing checked yet.
      sendClaimFormPage(res, { caller, definition, form, state, expires, personReference: personTyped });
      return;
    }
    // Checked apart from the claims (it is not part of them), so its error shows with theirs.
    const person = readPersonReference(personTyped);
    const lifetime = OFFER_LIFETIMES.find((l) => l.value === expires);
    let input: CreateOfferInput | undefined;
    let errors: ClaimErrors = { summary: [], inline: new Map() };
    try {
      input = parseCreateOfferInput(
        caller.org,
        { credentials: [{ type: definition.type, credentialSubject: read.subject }], txCode: true, ...(lifetime ? { expiresInSeconds: Number(lifetime.value) } : {}) },
        ctx.now(),
        { types: await listOfferableTypes(ctx), validators: ctx.typeValidators },
      );
    } catch (err: unknown) {
      // Every problem the API would answer 400 for, shown on the field it is about.
      if (!(err instanceof PassportError)) throw err;
      errors = mapClaimIssues(form, err, read.counts, read.dateProblems);
    }
    if (person.error !== undefined) {
      // The field is above the claims: its error comes first.
      errors.summary.unshift({ field: PERSON_REFERENCE_FIELD, message: person.error });
      errors.inline.set(PERSON_REFERENCE_FIELD, person.error);
    }
    if (!lifetime) {
      const message = 'Select how long the person can take to accept the offer';
      errors.summary.push({ field: OFFER_EXPIRES_FIELD, message });
      errors.inline.set(OFFER_EXPIRES_FIELD, message);
    }
    if (input === undefined || !lifetime || person.error !== undefined) {
      sendClaimFormPage(res, { caller, definition, form, state: { ...state, errors: errors.inline }, expires, personReference: personTyped, errors: errors.summary });
      return;
    }
    const offer = await createOffer(ctx, caller.org, { ...input, ...(person.value === undefined ? {} : { personReference: person.value }) }, caller.principal);
    if (offer.txCode !== null) setOfferPinCookie(ctx, res, caller, offer.id, offer.txCode);
    res.redirect(303, `/console/offers/${offer.id}`);
  });

  router.get('/console/offers/:offerId', signedIn, async (req, res) => {
    const caller = consoleCallerOf(res);
    allowed(caller, READERS);
    const offer = await getOffer(ctx, caller.org.id, offerIdOf(req));
    const pin = offer.status === 'offered' ? readOfferPin(ctx, req, caller, offer.id) : undefined;
    if (offer.status !== 'offered') clearOfferPinCookie(ctx, res, offer.id);
    sendOfferPage(res, { caller, offer, canIssue: hasConsoleRole(caller, ISSUERS), types: await listOfferableTypes(ctx), ...(pin === undefined ? {} : { pin }) });
  });

  router.get('/console/offers/:offerId/status.json', signedIn, async (req, res) => {
    const caller = consoleCallerOf(res);
    allowed(caller, READERS);
    const offer = await getOffer(ctx, caller.org.id, offerIdOf(req));
    res.json({ status: offer.status, ...offerStatusText(offer.status), final: isFinalOfferStatus(offer.status) });
  });

  router.get('/console/offers/:offerId/qr.png', signedIn, async (req, res) => {
    const caller = consoleCallerOf(res);
    allowed(caller, ISSUERS);
    const link = await getOfferLink(ctx, caller.org.id, offerIdOf(req));
    res.type('image/png').send(await renderQrPng(link));
  });

  router.post('/console/offers/:offerId/withdraw', signedIn, async (req, res) => {
    const caller = consoleCallerOf(res);
    allowed(caller, ISSUERS);
    checkCsrf(caller, bodyOf(req));
    const offerId = offerIdOf(req);
    await withdrawOffer(ctx, caller.org, offerId, caller.principal);
    clearOfferPinCookie(ctx, res, offerId);
    res.redirect(303, '/console/issue?withdrawn=1');
  });
}
