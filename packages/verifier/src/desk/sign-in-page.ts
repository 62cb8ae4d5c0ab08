import { PassportError, RateLimitedError, isObject } from '@staff-passport/core';
import { button, errorSummary, html, notificationBanner, safeNextPath, textInput, type FieldError } from '@staff-passport/web-kit';
import express, { type Request, type Response, type Router } from 'express';
import { recordVerifierEvent } from '../audit/record-verifier-event.js';
import type { VerifierPrincipal } from '../auth/verifier-roles.js';
import { getVerifierOrganisation } from '../organisations/get-verifier-organisation.js';
import { scopeToOrganisation } from '../organisations/scope-to-organisation.js';
import type { VerifierContext } from '../verifier-context.js';
import { checkDeskCsrf, deskCsrfToken } from './lib/desk-csrf.js';
import { clearDeskSession, setDeskSession } from './lib/desk-session.js';
import { deskOidcConfig } from './oidc-sign-in-page.js';
import { sendDeskPage } from './lib/send-desk-page.js';

/** The sign-in page's field ids, for the error summary's links and for tests. */
export const DESK_SIGN_IN_FIELDS = { apiKey: 'apiKey', org: 'org', oidcLink: 'oidc-sign-in' } as const;

/** Signs in an API key typed on the sign-in page (the app's authenticator, so failures count towards its limit). */
export type DeskKeyCheck = (apiKey: string, req: Request) => Promise<VerifierPrincipal>;

const WRONG_KEY = 'The API key is not right, or it cannot be used on the desk. Check it and try again';
const MAX_FIELD = 300;
const NOT_OFFERED = 'This organisation does not let you sign in to the desk with its own accounts: sign in with an API key';

function formText(body: unknown, field: string): string {
  const value = isObject(body) ? body[field] : undefined;
  return typeof value === 'string' ? value.trim() : '';
}

function sendSignIn(
  req: Request,
  res: Response,
  ctx: VerifierContext,
  model: { next?: string | undefined; errors?: FieldError[]; banner?: 'expired' | 'signed-out'; status?: number; oidcOrg?: { id: string; name: string }; org?: string },
): void {
  const errors = model.errors ?? [];
  const keyError = errors.find((e) => e.field === DESK_SIGN_IN_FIELDS.apiKey);
  const orgError = errors.find((e) => e.field === DESK_SIGN_IN_FIELDS.org);
  const csrf = deskCsrfToken(req, res, ctx.publicUrl);
  const banner =
    model.banner === 'signed-out'
      ? notificationBanner({ success: true, title: 'Signed out', content: 'You have signed out' })
      : model.banner === 'expired'
        ? notificationBanner({ title: 'Important', content: 'Your session has ended. Sign in again to carry on.' })
        : '';
  sendDeskPage(res, {
    title: 'Sign in',
    status: model.status ?? (errors.length > 0 ? 400 : 200),
    hasErrors: errors.length > 0,
    content: html`<div class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds">
      ${errorSummary(errors)}${banner}
      <h1 class="nhsuk-heading-l">Sign in</h1>
      <p>Sign in to check your organisation's new starters. The checks you ask for and their results are your organisation's only.</p>
      <form method="post" action="/desk/sign-in" novalidate id="sign-in-form">
        <input type="hidden" name="_csrf" value="${csrf}">
        ${model.next ? html`<input type="hidden" name="next" value="${model.next}">` : ''}
        ${textInput({
          id: DESK_SIGN_IN_FIELDS.apiKey,
          label: 'API key',
          hint: 'It starts with spv_. Your organisation gives checkers their keys.',
          type: 'password',
          autocomplete: 'off',
          spellcheck: false,
          ...(keyError ? { error: keyError.message } : {}),
        })}
        ${button({ text: 'Sign in', id: 'sign-in' })}
      </form>
      <h2 class="nhsuk-heading-m">Sign in with your organisation's account</h2>
      ${model.oidcOrg
        ? html`<p>You will go to the sign-in page of ${model.oidcOrg.name}, then come back here.</p>
            ${button({ text: `Sign in with your ${model.oidcOrg.name} account`, href: `/desk/sign-in/oidc?${new URLSearchParams({ org: model.oidcOrg.id, ...(model.next ? { next: model.next } : {}) }).toString()}`, id: DESK_SIGN_IN_FIELDS.oidcLink })}`
        : html`<form method="get" action="/desk/sign-in" novalidate id="org-form">
            ${model.next ? html`<input type="hidden" name="next" value="${model.next}">` : ''}
            ${textInput({
              id: DESK_SIGN_IN_FIELDS.org,
              label: 'Organisation ID',
              hint: 'If your organisation lets you sign in with its own accounts: for example, org_0123456789abcdef.',
              value: model.org ?? '',
              spellcheck: false,
              ...(orgError ? { error: orgError.message } : {}),
            })}
            ${button({ text: 'Continue', variant: 'secondary', id: 'org-continue' })}
          </form>`}
    </div></div>`,
  });
}

/**
 * The desk's sign-in and sign-out: `GET /desk/sign-in` (the page; with `?org=` it leads to the
 * organisation's own sign-in when it offers one), `POST /desk/sign-in` (an API key with the checker
 * role starts a session), `POST /desk/sign-out`. A sign-in posted from another
 * site (Fetch Metadata) or without the page's CSRF token is refused (login CSRF).
 */
export function addSignInPage(router: Router, ctx: VerifierContext, checkKey: DeskKeyCheck): void {
  router.get('/desk/sign-in', async (req, res) => {
    const next = safeNextPath(typeof req.query['next'] === 'string' ? req.query['next'] : undefined);
    const banner = req.query['expired'] !== undefined ? 'expired' : req.query['signed-out'] !== undefined ? 'signed-out' : undefined;
    // ?org=...: the organisation's own sign-in, when it offers one to the desk.
    const org = typeof req.query['org'] === 'string' ? req.query['org'].trim().slice(0, MAX_FIELD) : undefined;
    const offered = org ? await deskOidcConfig(ctx, org) : undefined;
    const oidcOrg = offered && org ? { id: org, name: (await getVerifierOrganisation(ctx, org)).name } : undefined;
    sendSignIn(req, res, ctx, { next, ...(banner ? { banner } : {}), ...(oidcOrg ? { oidcOrg } : org ? { org, status: 404, errors: [{ field: DESK_SIGN_IN_FIELDS.org, message: NOT_OFFERED }] } : {}) });
  });

  router.post('/desk/sign-in', express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 10 }), async (req, res) => {
    const next = safeNextPath(formText(req.body, 'next') || undefined);
    if (req.get('sec-fetch-site') === 'cross-site') {
      sendSignIn(req, res, ctx, { next, status: 403, errors: [{ field: DESK_SIGN_IN_FIELDS.apiKey, message: 'Sign in from this page, not from a link or form on another website' }] });
      return;
    }
    checkDeskCsrf(req, req.body);
    const apiKey = formText(req.body, 'apiKey').slice(0, MAX_FIELD);
    if (apiKey === '') {
      sendSignIn(req, res, ctx, { next, errors: [{ field: DESK_SIGN_IN_FIELDS.apiKey, message: 'Enter your API key' }] });
      return;
    }
    let principal: VerifierPrincipal;
    try {
      principal = await checkKey(apiKey, req);
      if (!principal.roles.includes('checker')) throw new PassportError('ERR_FORBIDDEN', 'the desk is for checkers', { field: 'authorization' });
    } catch (err: unknown) {
      if (!(err instanceof PassportError)) throw err;
      if (err instanceof RateLimitedError) res.setHeader('retry-after', String(err.retryAfterSeconds));
      const status = err instanceof RateLimitedError ? 429 : 401;
      // The same words whatever was wrong: no one learns which keys exist.
      const message = status === 429 ? 'Too many attempts to sign in. Wait a few minutes, then try again' : WRONG_KEY;
      sendSignIn(req, res, ctx, { next, status, errors: [{ field: DESK_SIGN_IN_FIELDS.apiKey, message }] });
      return;
    }
    setDeskSession(ctx, res, { orgId: principal.orgId, token: apiKey, kind: principal.kind, ...(principal.displayName ? { displayName: principal.displayName } : {}) });
    const orgCtx = scopeToOrganisation(ctx, await getVerifierOrganisation(ctx, principal.orgId));
    await recordVerifierEvent(orgCtx, principal.actor, 'desk.sign-in', principal.actor, { method: principal.kind });
    res.redirect(303, next ?? '/');
  });

  router.post('/desk/sign-out', express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 10 }), (req, res) => {
    checkDeskCsrf(req, req.body);
    clearDeskSession(ctx, res);
    res.redirect(303, '/desk/sign-in?signed-out=1');
  });
}
