import { PassportError, isObject } from '@staff-passport/core';
import { button, errorSummary, html, radios, type FieldError } from '@staff-passport/web-kit';
import { DEFAULT_MOVE_KIND, MOVE_KINDS, MOVE_KIND_CODES } from '@staff-passport/schemas';
import express, { type Request, type Response, type Router } from 'express';
import { createOid4vpRequest } from '../oid4vp/create-oid4vp-request.js';
import type { QueryLanguage } from '../oid4vp/lib/oid4vp-store.js';
import { listAllProfiles } from '../profiles/profile-store.js';
import type { VerifierContext } from '../verifier-context.js';
import { checkDeskCsrf, deskCsrfToken } from './lib/desk-csrf.js';
import { dateInput, parseDateParts, type DateParts } from './lib/date-input.js';
import { deskCallerOf } from './lib/desk-sign-in.js';
import { sendDeskPage } from './lib/send-desk-page.js';

/** What the start form holds (as typed, for showing it again). */
interface StartForm {
  profileId?: string;
  move: string;
  startDate: DateParts;
  query: string;
}

interface StartErrors {
  profileId?: string;
  move?: string;
  startDate?: { message: string; parts: (keyof DateParts)[] };
  query?: string;
}

// What may be relied on depends on the kind of move (reference data).
const MOVE_CHOICES = MOVE_KIND_CODES.map((code) => ({ value: code, text: MOVE_KINDS[code].title, hint: MOVE_KINDS[code].description }));

const QUERY_CHOICES = [
  { value: 'dcql', text: 'DCQL (OpenID4VP 1.0)', hint: 'Most wallets, including the Staff Passport wallet.' },
  { value: 'pe', text: 'Presentation Exchange 2.0', hint: 'Only for older wallets that cannot read DCQL.' },
];

function text(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  return typeof value === 'string' ? value : '';
}

async function renderStart(ctx: VerifierContext, req: Request, res: Response, form: StartForm, errors: StartErrors, status = 200): Promise<void> {
  const csrf = deskCsrfToken(req, res, ctx.publicUrl);
  const profiles = await listAllProfiles(ctx.stores.profiles);
  const summary: FieldError[] = [
    ...(errors.profileId ? [{ field: 'profileId', message: errors.profileId }] : []),
    ...(errors.move ? [{ field: 'move', message: errors.move }] : []),
    ...(errors.startDate ? [{ field: `startDate-${errors.startDate.parts[0] ?? 'day'}`, message: errors.startDate.message }] : []),
    ...(errors.query ? [{ field: 'query', message: errors.query }] : []),
  ];
  const hasErrors = summary.length > 0;
  sendDeskPage(res, {
    title: 'Check a new starter',
    status,
    hasErrors,
    content: html`<div class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds">
      ${errorSummary(summary)}
      <h1 class="nhsuk-heading-l">Check a new starter</h1>
      <p>Ask a new starter to share their staff passport credentials from their wallet. You will see a report of what is ready and what needs action.</p>
      <form method="post" action="/desk/requests" novalidate id="start-form">
        <input type="hidden" name="_csrf" value="${csrf}">
        ${radios({
          id: 'profileId',
          label: 'Choose a check profile',
          hint: 'The profile sets which credentials the new starter is asked for and the rules they are checked against.',
          choices: profiles.map((p) => ({ value: p.id, text: p.title, ...(p.description ? { hint: p.description } : {}) })),
          ...(form.profileId === undefined ? {} : { value: form.profileId }),
          ...(errors.profileId ? { error: errors.profileId } : {}),
        })}
        ${radios({
          id: 'move',
          label: 'What kind of move is it?',
          hint: 'It decides which checks you may rely on and which you must do yourself.',
          choices: MOVE_CHOICES,
          value: form.move,
          ...(errors.move ? { error: errors.move } : {}),
        })}
        ${dateInput({
          id: 'startDate',
          legend: 'Start date (optional)',
          hint: 'The day they start: the checks are judged on this day. For example, 5 10 2026. Leave it blank to use today.',
          value: form.startDate,
          ...(errors.startDate ? { error: errors.startDate.message, errorParts: errors.startDate.parts } : {}),
        })}
        <details class="nhsuk-details"${errors.query ? html` open` : ''}>
          <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">If the new starter's wallet cannot read the request</span></summary>
          <div class="nhsuk-details__text">
            ${radios({ id: 'query', label: 'How to ask the wallet', choices: QUERY_CHOICES, value: form.query, ...(errors.query ? { error: errors.query } : {}) })}
          </div>
        </details>
        ${button({ text: 'Create request', id: 'create-request' })}
      </form>
    </div></div>`,
  });
}

/** The trust registry refused the profile's asks: say what is not registered, for this kind of move. */
function registrationError(err: PassportError): string {
  if (err.code === 'ERR_VERIFIER_NOT_REGISTERED') return 'This verifier is not registered in the trust registry to ask for credentials: ask the registry operator to register what your checks ask for';
  // Issue paths are asks.<purpose>.<type>.<claim>: name the type, and the claim when there is one.
  const named = err.issues.map((i) => i.path.split('.')).filter((p) => p.length > 2).map(([, , type, ...claim]) => (claim.length > 0 ? `${type!} (${claim.join('.')})` : type!));
  return `This check asks for more than this verifier is registered to ask for this kind of move${named.length > 0 ? `: ${named.join(', ')}` : ''}`;
}

/**
 * The desk's start page: `GET /` (choose a check profile, the kind of move, an optional start date) and
 * `POST /desk/requests`, which creates the OpenID4VP request and sends the browser to its page,
 * or shows the form again (400) with the NHS error summary and inline errors (403 when the profile asks beyond
 * the verifier's registered asks).
 */
export function addStartPage(router: Router): void {
  router.get('/', async (req, res) => {
    // The signed-in checker's organisation: its profiles, requests and results only.
    const { ctx } = deskCallerOf(res);
    const wanted = typeof req.query['profile'] === 'string' ? req.query['profile'] : undefined;
    const move = typeof req.query['move'] === 'string' && Object.hasOwn(MOVE_KINDS, req.query['move']) ? req.query['move'] : DEFAULT_MOVE_KIND;
    await renderStart(ctx, req, res, { ...(wanted ? { profileId: wanted } : {}), move, startDate: { day: '', month: '', year: '' }, query: 'dcql' }, {});
  });

  router.post('/desk/requests', express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 }), async (req, res) => {
    // The signed-in checker's organisation: its profiles, requests and results only.
    const { ctx } = deskCallerOf(res);
    const body: Record<string, unknown> = isObject(req.body) ? req.body : {};
    checkDeskCsrf(req, body);
    const form: StartForm = {
      ...(text(body, 'profileId') ? { profileId: text(body, 'profileId') } : {}),
      move: text(body, 'move') || DEFAULT_MOVE_KIND,
      startDate: { day: text(body, 'startDate-day'), month: text(body, 'startDate-month'), year: text(body, 'startDate-year') },
      query: text(body, 'query') || 'dcql',
    };
    const errors: StartErrors = {};
    const profiles = await listAllProfiles(ctx.stores.profiles);
    if (form.profileId === undefined) errors.profileId = 'Select a check profile';
    else if (!profiles.some((p) => p.id === form.profileId)) errors.profileId = 'Select a check profile from the list';
    if (!Object.hasOwn(MOVE_KINDS, form.move)) errors.move = 'Select the kind of move';
    const date = parseDateParts(form.startDate, 'Start date');
    if (date.kind === 'error') errors.startDate = { message: date.message, parts: date.parts };
    if (form.query !== 'dcql' && form.query !== 'pe') errors.query = 'Select how to ask the wallet';
    if (Object.keys(errors).length > 0) {
      await renderStart(ctx, req, res, form, errors, 400);
      return;
    }
    try {
      const created = await createOid4vpRequest(ctx, {
        profileId: form.profileId!,
        move: form.move,
        query: form.query as QueryLanguage,
        ...(date.kind === 'date' ? { startDate: date.iso } : {}),
      });
      res.redirect(303, `/desk/requests/${created.id}`);
    } catch (err: unknown) {
      // What the domain refuses about a field is shown on the form, the NHS way.
      if (err instanceof PassportError && (err.field === 'startDate' || err.field === 'profileId')) {
        if (err.field === 'startDate') errors.startDate = { message: 'Start date must be a real date', parts: ['day', 'month', 'year'] };
        else if (err.code === 'ERR_ASK_NOT_REGISTERED' || err.code === 'ERR_VERIFIER_NOT_REGISTERED') errors.profileId = registrationError(err);
        else errors.profileId = 'Select a check profile from the list';
        await renderStart(ctx, req, res, form, errors, err.field === 'profileId' && err.code !== 'ERR_PROFILE_NOT_FOUND' ? 403 : 400);
        return;
      }
      throw err;
    }
  });
}
