import { backLink, button, html, radios, textInput, type FieldError } from '@staff-passport/web-kit';
import type { CredentialTypeDefinition } from '@staff-passport/schemas';
import type { Response } from 'express';
import type { ConsoleCaller } from '../../console-session.js';
import { sendFormPage } from '../../lib/send-form-page.js';
import { csrfField } from '../../render-console-page.js';
import type { ClaimGroup } from './claim-fields.js';
import { renderClaimFields, type ClaimFormState } from './render-claim-fields.js';

/** How long an offer lasts: the choices on the form (seconds), the default first. */
export const OFFER_LIFETIMES = [
  { value: '604800', text: '7 days' },
  { value: '86400', text: '1 day' },
  { value: '2592000', text: '30 days' },
] as const;

/** The id (and name) of the offer lifetime radios. */
export const OFFER_EXPIRES_FIELD = 'offer-expires';

/** The id (and name) of the "Who is this for?" input (the offer's person reference). */
export const PERSON_REFERENCE_FIELD = 'personReference';

/** What step 2 of issuing shows. */
export interface ClaimFormPage {
  caller: ConsoleCaller;
  definition: CredentialTypeDefinition;
  form: ClaimGroup;
  state?: ClaimFormState;
  /** The offer lifetime chosen (seconds, as text). */
  expires?: string;
  /** The person reference as typed. */
  personReference?: string;
  /** The error summary (each linking to an input); inline messages are in `state.errors`. */
  errors?: FieldError[];
}

function hasList(group: ClaimGroup): boolean {
  return group.children.some((c) => c.kind === 'list' || (c.kind === 'group' && hasList(c)));
}

/**
 * Step 2 of issuing (`/console/issue/{slug}`): who the offer is for (HR's own reference, optional),
 * the claim form generated from the type's schema, then how long the offer lasts, and "Create
 * offer". Shown again with 400, the error summary and inline errors when the claims are not valid.
 */
export function sendClaimFormPage(res: Response, page: ClaimFormPage): void {
  const { caller, definition, form } = page;
  const errors = page.errors ?? [];
  const expiresError = page.state?.errors?.get(OFFER_EXPIRES_FIELD);
  const personError = page.state?.errors?.get(PERSON_REFERENCE_FIELD);
  // With "Add another" buttons in the form, pressing Enter in a field must still create the
  // offer: the first submit button of a form is the one Enter presses.
  const defaultSubmit = hasList(form)
    ? html`<button type="submit" class="nhsuk-u-visually-hidden" tabindex="-1" aria-hidden="true">Create offer</button>`
    : html``;
  sendFormPage(res, {
    title: `Issue a ${definition.title} credential`,
    caller,
    section: 'issue',
    errors,
    beforeContent: backLink('/console/issue'),
    content: html`
      <h1 class="nhsuk-heading-l"><span class="nhsuk-caption-l">Issue a credential<span class="nhsuk-u-visually-hidden"> - </span></span>${definition.title}</h1>
      <p>${definition.description}</p>
      <p>You do not need the person's wallet details: the credential is bound to their wallet when they accept the offer with its PIN.</p>
      <form method="post" action="/console/issue/${definition.slug}" novalidate>
        ${csrfField(caller)}
        ${defaultSubmit}
        ${textInput({
          id: PERSON_REFERENCE_FIELD,
          label: 'Who is this for? (optional)',
          hint: 'Their name or staff number, for your records. It is not put in the credential.',
          value: page.personReference ?? '',
          autocomplete: 'off',
          spellcheck: false,
          widthClass: 'nhsuk-input--width-30',
          ...(personError ? { error: personError } : {}),
        })}
        ${renderClaimFields(form, page.state ?? {})}
        <h2 class="nhsuk-heading-m">The offer</h2>
        ${radios({
          id: OFFER_EXPIRES_FIELD,
          label: 'How long can the person take to accept it?',
          hint: 'After this the QR code, link and PIN stop working.',
          choices: OFFER_LIFETIMES,
          value: page.expires ?? OFFER_LIFETIMES[0].value,
          ...(expiresError ? { error: expiresError } : {}),
        })}
        ${button({ text: 'Create offer', id: 'create-offer' })}
      </form>`,
  });
}
