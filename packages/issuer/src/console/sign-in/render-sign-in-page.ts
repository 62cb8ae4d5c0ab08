import { button, html, notificationBanner, textInput, type FieldError } from '@staff-passport/core';
import type { Response } from 'express';
import { consoleHref } from '../lib/render-pagination.js';
import { fieldErrorOf, sendFormPage } from '../lib/send-form-page.js';

/** What the sign-in page shows. */
export interface SignInPageModel {
  /** The API key form's organisation ID, as typed. */
  orgId?: string;
  /** Where to go once signed in (already checked to be a path on this site). */
  next?: string;
  /** An organisation that offers sign-in with its own accounts: the page links to it. */
  oidcOrg?: { id: string; name: string };
  /** The organisation ID typed to find the organisation's sign-in. */
  oidcLookup?: string;
  errors?: FieldError[];
  /** A banner: signed out, or the session ended. */
  banner?: 'signed-out' | 'expired';
  status?: number;
}

/** The page's field ids, for the error summary's links and for tests. */
export const SIGN_IN_FIELDS = {
  orgId: 'orgId',
  apiKey: 'apiKey',
  oidcOrg: 'oidc-org',
  oidcLink: 'oidc-sign-in',
} as const;

/** The link that starts sign-in at the organisation's provider (a GET navigation, so the content security policy's form-action does not apply to its redirects). */
export function oidcStartHref(orgId: string, next: string | undefined): string {
  return consoleHref('/console/sign-in/oidc', { org: orgId, next });
}

/**
 * Sends the sign-in page: the organisation's own accounts (find the organisation, then a link that
 * goes to its sign-in service) and an API key form, with errors the NHS.UK way.
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
  const oidcError = fieldErrorOf(errors, SIGN_IN_FIELDS.oidcLink).error;
  const oidcPart = model.oidcOrg
    ? html`<p>You will go to the sign-in page of ${model.oidcOrg.name}, then come back here.</p>
      ${oidcError
        ? html`<div class="nhsuk-form-group nhsuk-form-group--error"><span class="nhsuk-error-message" id="${SIGN_IN_FIELDS.oidcLink}-error"><span class="nhsuk-u-visually-hidden">Error:</span> ${oidcError}</span>
          ${button({ text: "Sign in with your organisation's account", href: oidcStartHref(model.oidcOrg.id, model.next), id: SIGN_IN_FIELDS.oidcLink })}</div>`
        : button({ text: "Sign in with your organisation's account", href: oidcStartHref(model.oidcOrg.id, model.next), id: SIGN_IN_FIELDS.oidcLink })}
      <p><a href="${consoleHref('/console/sign-in', { next: model.next })}">Use a different organisation</a></p>`
    : html`<form method="get" action="/console/sign-in" novalidate>
        ${nextField}
        ${textInput({
          id: SIGN_IN_FIELDS.oidcOrg,
          name: 'org',
          label: 'Organisation ID',
          hint: 'For example, org_0123456789abcdef. Your organisation administrator can tell you it.',
          value: model.oidcLookup ?? '',
          widthClass: 'nhsuk-input--width-20',
          spellcheck: false,
          ...fieldErrorOf(errors, SIGN_IN_FIELDS.oidcOrg),
        })}
        ${button({ text: 'Continue', variant: 'secondary', id: 'oidc-continue' })}
      </form>`;

  sendFormPage(res, {
    title: 'Sign in',
    status: model.status,
    errors,
    content: html`
      ${banner}
      <h1 class="nhsuk-heading-l">Sign in</h1>
      <p>Sign in to issue your organisation's staff credentials, find them and change their status.</p>
      <h2 class="nhsuk-heading-m">Sign in with your organisation's account</h2>
      ${oidcPart}
      <h2 class="nhsuk-heading-m">Sign in with an API key</h2>
      <form method="post" action="/console/sign-in" novalidate>
        ${nextField}
        ${textInput({
          id: SIGN_IN_FIELDS.orgId,
          label: 'Organisation ID',
          hint: 'For example, org_0123456789abcdef',
          value: model.orgId ?? '',
          widthClass: 'nhsuk-input--width-20',
          spellcheck: false,
          ...fieldErrorOf(errors, SIGN_IN_FIELDS.orgId),
        })}
        ${textInput({
          id: SIGN_IN_FIELDS.apiKey,
          label: 'API key',
          hint: 'It starts with sp_',
          type: 'password',
          autocomplete: 'off',
          spellcheck: false,
          ...fieldErrorOf(errors, SIGN_IN_FIELDS.apiKey),
        })}
        ${button({ text: 'Sign in', id: 'sign-in' })}
      </form>`,
  });
}
