import { button, html, notificationBanner, textInput, type FieldError, type SafeHtml } from '@staff-passport/web-kit';
import type { Response } from 'express';
import { consoleHref } from '../lib/render-pagination.js';
import { fieldErrorOf, sendFormPage } from '../lib/send-form-page.js';

/** What the sign-in page shows. */
export interface SignInPageModel {
  /** The organisation ID, as typed (the page's one organisation field). */
  orgId?: string;
  /** Where to go once signed in (already checked to be a path on this site). */
  next?: string;
  /** An organisation that offers sign-in with its own accounts: the page leads with the link to it. */
  oidcOrg?: { id: string; name: string };
  errors?: FieldError[];
  /** A banner: signed out, or the session ended. */
  banner?: 'signed-out' | 'expired';
  status?: number;
}

/** The page's field ids, for the error summary's links and for tests. */
export const SIGN_IN_FIELDS = {
  orgId: 'orgId',
  apiKey: 'apiKey',
  oidcLink: 'oidc-sign-in',
} as const;

/** The value of the form's `method` button that asks for the organisation's own sign-in. */
export const OIDC_METHOD = 'oidc';

/** The link that starts sign-in at the organisation's provider (a GET navigation, so the content security policy's form-action does not apply to its redirects). */
export function oidcStartHref(orgId: string, next: string | undefined): string {
  return consoleHref('/console/sign-in/oidc', { org: orgId, next });
}

function apiKeyInput(errors: readonly FieldError[]): SafeHtml {
  return textInput({
    id: SIGN_IN_FIELDS.apiKey,
    label: 'API key',
    hint: 'It starts with sp_',
    type: 'password',
    autocomplete: 'off',
    spellcheck: false,
    ...fieldErrorOf(errors, SIGN_IN_FIELDS.apiKey),
  });
}

// The organisation is known to offer its own sign-in: that comes first, an API key after it.
function oidcFirst(model: SignInPageModel, oidcOrg: { id: string; name: string }, nextField: SafeHtml | string): SafeHtml {
  const errors = model.errors ?? [];
  const oidcError = fieldErrorOf(errors, SIGN_IN_FIELDS.oidcLink).error;
  const link = button({ text: "Sign in with your organisation's account", href: oidcStartHref(oidcOrg.id, model.next), id: SIGN_IN_FIELDS.oidcLink });
  return html`<h2 class="nhsuk-heading-m">Sign in with your organisation's account</h2>
      <p>You will go to the sign-in page of ${oidcOrg.name}, then come back here.</p>
      ${oidcError
        ? html`<div class="nhsuk-form-group nhsuk-form-group--error"><span class="nhsuk-error-message" id="${SIGN_IN_FIELDS.oidcLink}-error"><span class="nhsuk-u-visually-hidden">Error:</span> ${oidcError}</span>
          ${link}</div>`
        : link}
      <h2 class="nhsuk-heading-m">Or sign in to ${oidcOrg.name} with an API key</h2>
      <form method="post" action="/console/sign-in" novalidate>
        ${nextField}
        <input type="hidden" name="orgId" value="${oidcOrg.id}">
        ${apiKeyInput(errors)}
        ${button({ text: 'Sign in', id: 'sign-in' })}
      </form>
      <p><a href="${consoleHref('/console/sign-in', { next: model.next })}">Use a different organisation</a></p>`;
}

/**
 * Sends the sign-in page, with errors the NHS.UK way. One organisation field: an API key first,
 * with a second button for the organisation's own accounts (the page then leads with a link to
 * its sign-in service, when it offers one).
 */
export function sendSignInPage(res: Response, model: SignInPageModel): void {
  const errors = model.errors ?? [];
  const nextField = model.next ? html`<input type="hidden" name="next" value="${model.next}">` : '';
  const banner =
    model.banner === 'signed-out'
      ? notificationBanner({ success: true, title: 'Signed out', content: 'You have signed out' })
      : model.banner === 'expired'
        ? notificationBanner({ title: 'Important', content: 'Your session has ended. Sign in again to carry on.' })
        : '';
  const body = model.oidcOrg
    ? oidcFirst(model, model.oidcOrg, nextField)
    : html`<form method="post" action="/console/sign-in" novalidate>
        ${nextField}
        ${textInput({
          id: SIGN_IN_FIELDS.orgId,
          label: 'Organisation ID',
          hint: 'For example, org_0123456789abcdef. Your organisation administrator can tell you it.',
          value: model.orgId ?? '',
          widthClass: 'nhsuk-input--width-20',
          spellcheck: false,
          ...fieldErrorOf(errors, SIGN_IN_FIELDS.orgId),
        })}
        ${apiKeyInput(errors)}
        <div class="nhsuk-button-group">
          ${button({ text: 'Sign in', id: 'sign-in' })}
        </div>
        <h2 class="nhsuk-heading-m">No API key?</h2>
        <p>If your organisation lets you sign in with its own accounts, enter its organisation ID above, leave the API key blank and continue.</p>
        ${button({ text: "Continue with your organisation's account", variant: 'secondary', id: 'oidc-continue', name: 'method', value: OIDC_METHOD })}
      </form>`;

  sendFormPage(res, {
    title: 'Sign in',
    status: model.status,
    errors,
    content: html`
      ${banner}
      <h1 class="nhsuk-heading-l">Sign in</h1>
      <p>Sign in to issue your organisation's staff credentials, find them and change their status.</p>
      ${body}`,
  });
}
