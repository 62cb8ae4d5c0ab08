import { backLink, button, errorFor, errorSummary, html, notificationBanner, summaryList, tag, textInput, type FieldError } from '@staff-passport/web-kit/browser';
import { didWebFromUrl } from '@staff-passport/core/browser';
import type { OfferPreview } from '@staff-passport/wallet-sdk/browser';
import type { AppContext, Screen } from '../app/app-context.js';
import { problemScreen } from '../app/start-router.js';
import { acceptOfferError } from '../lib/describe-error.js';
import { formatDateTime } from '../lib/format-value.js';
import { holderOf } from '../lib/holder-of.js';
import { listOfferedKinds } from '../lib/list-offered-kinds.js';
import { UNCHECKED_ORGANISATION_HINT, uncheckedOrganisationText } from '../lib/organisation-text.js';
import { runBusy } from '../lib/run-busy.js';
import { technicalDetails } from '../lib/technical-details.js';
import { beginCollection } from './show-collect-screen.js';

/**
 * The offer preview: who is offering (the trust registry's organisation, else the issuer's own
 * name, said to be unchecked; its DID and service folded away), the credential types (each once,
 * whatever the formats), the PIN when the offer needs one; "Accept" (or, for an offer held for the
 * person, "Sign in to collect") or "Reject". Rejecting asks nothing further and stores nothing (the sharing log says rejected).
 */
export async function showOfferScreen(ctx: AppContext): Promise<Screen | undefined> {
  if (!ctx.session.offer) {
    ctx.navigate('#/add');
    return undefined;
  }
  return offerScreen(ctx, ctx.session.offer, {});
}

// An offer's credential issuer is an http(s) URL (read-credential-offer checks it): it names a did:web.
function offererName(offer: OfferPreview): string {
  return offer.organisation?.name ?? offer.issuerName ?? uncheckedOrganisationText(didWebFromUrl(offer.credentialIssuer));
}

function offerScreen(ctx: AppContext, offer: OfferPreview, state: { pin?: string; errors?: FieldError[] }): Screen {
  const errors = state.errors ?? [];
  const who = offererName(offer);
  const kinds = listOfferedKinds(offer.credentials);
  const names = kinds.map((c) => c.name);
  const unsupported = kinds.filter((c) => !c.supported);
  const did = didWebFromUrl(offer.credentialIssuer);
  const pin = offer.txCode;
  // An offer held for the person (OpenID4VCI 1.0 section 4.1.1, authorization_code grant): collected by signing in at the organisation.
  const signIn = offer.preAuthorizedCode === undefined && offer.authorizationCode !== undefined;
  const pinHint = pin?.description ?? (pin?.length ? `The ${pin.length} digit PIN you were given with the offer` : 'The PIN you were given with the offer');
  return {
    title: 'Add this credential?',
    section: 'add',
    hasErrors: errors.length > 0,
    content: html`${backLink('#/add')}
${errorSummary(errors)}
<h1>${names.length === 1 ? 'Add this credential?' : 'Add these credentials?'}</h1>
${summaryList([
  {
    key: 'Offered by',
    value: offer.organisation
      ? html`<span id="offer-organisation">${offer.organisation.name}${offer.organisation.odsCode ? ` (ODS code ${offer.organisation.odsCode})` : ''}</span>`
      : html`<span id="offer-organisation">${who}</span><br>${tag('Not checked', 'grey')}<p class="nhsuk-body-s nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0" id="offer-organisation-unchecked">${UNCHECKED_ORGANISATION_HINT}</p>`,
  },
  { key: names.length === 1 ? 'Credential' : 'Credentials', value: html`<ul class="nhsuk-list nhsuk-u-margin-bottom-0" id="offer-credentials">${names.map((n) => html`<li>${n}</li>`)}</ul>` },
  ...(offer.expiresAt ? [{ key: 'Offer ends', value: formatDateTime(offer.expiresAt) }] : []),
])}
${technicalDetails([{ key: 'Digital identifier (DID)', value: did, id: 'offer-did' }, { key: 'Service address', value: offer.credentialIssuer }])}
${unsupported.length > 0 ? html`<p>This wallet cannot hold ${unsupported.map((c) => c.name).join(', ')}: ${unsupported.length === 1 ? 'it' : 'they'} will not be added.</p>` : ''}
<form id="accept-form" novalidate>
  ${
    pin
      ? textInput({
          id: 'offer-pin',
          label: 'PIN',
          hint: pinHint,
          inputmode: pin.inputMode === 'numeric' ? 'numeric' : 'text',
          autocomplete: 'one-time-code',
          spellcheck: false,
          widthClass: 'nhsuk-input--width-10',
          ...(state.pin === undefined ? {} : { value: state.pin }),
          ...(errorFor(errors, 'offer-pin') ? { error: errorFor(errors, 'offer-pin')! } : {}),
        })
      : ''
  }
  ${signIn ? html`<p id="offer-sign-in-hint">To collect ${names.length === 1 ? 'it' : 'them'}, sign in with your ${who} account. You will come back here afterwards.</p>` : ''}
  <div class="nhsuk-button-group">
    ${signIn ? button({ text: 'Sign in to collect', id: 'collect-offer', name: 'decision', value: 'collect' }) : button({ text: 'Accept', id: 'accept-offer', name: 'decision', value: 'accept' })}
    ${button({ text: 'Reject', id: 'reject-offer', variant: 'secondary', name: 'decision', value: 'reject' })}
  </div>
</form>`,
    bind: (main) => {
      const form = main.querySelector<HTMLFormElement>('#accept-form')!;
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const submitter = (event as SubmitEvent).submitter;
        const entered = main.querySelector<HTMLInputElement>('#offer-pin')?.value.trim();
        if (submitter instanceof HTMLButtonElement && submitter.value === 'reject') void reject(ctx, offer, form);
        else if (signIn) void beginCollection(ctx, offer, form, (message) => ctx.show(offerScreen(ctx, offer, { errors: [{ field: 'collect-offer', message }] })));
        else void accept(ctx, offer, form, entered);
      });
    },
  };
}

/** Checks the PIN as typed, before anything is sent. */
function pinProblem(offer: OfferPreview, pin: string | undefined): string | undefined {
  const required = offer.txCode;
  if (!required) return undefined;
  if (!pin) return 'Enter the PIN';
  if (required.inputMode === 'numeric' && !/^\d+$/.test(pin)) return 'The PIN must only include numbers 0 to 9';
  if (required.length && pin.length !== required.length) return `The PIN must be ${required.length} ${required.inputMode === 'numeric' ? 'numbers' : 'characters'}`;
  return undefined;
}

async function accept(ctx: AppContext, offer: OfferPreview, form: HTMLFormElement, pin: string | undefined): Promise<void> {
  const problem = pinProblem(offer, pin);
  if (problem) {
    ctx.show(offerScreen(ctx, offer, { ...(pin === undefined ? {} : { pin }), errors: [{ field: 'offer-pin', message: problem }] }));
    return;
  }
  let result;
  try {
    result = await runBusy(form, 'Adding the credential', async () =>
      ctx.wallet.acceptCredentialOffer(offer, { holder: await holderOf(ctx.wallet), ...(offer.txCode && pin ? { txCode: pin } : {}) }),
    );
  } catch (err: unknown) {
    const error = acceptOfferError(err);
    ctx.show(offerScreen(ctx, offer, { ...(pin === undefined ? {} : { pin }), errors: [error] }));
    return;
  }
  delete ctx.session.offer;
  const byConfiguration = new Map(offer.credentials.map((c) => [c.configurationId, c.name]));
  ctx.session.pending.push(...result.pending.map((credential) => ({ credential, name: byConfiguration.get(credential.configurationId) ?? credential.configurationId })));
  const added = result.credentials.length;
  const waiting = result.pending.length;
  ctx.session.flash = notificationBanner({
    success: true,
    title: added === 1 ? 'Credential added' : 'Credentials added',
    content: html`<p class="nhsuk-notification-banner__heading">${added === 1 ? '1 credential was' : `${added} credentials were`} added from ${offererName(offer)}</p>${
      waiting > 0 ? html`<p>${waiting === 1 ? '1 more is' : `${waiting} more are`} still to come.</p>` : ''
    }`,
  });
  ctx.navigate('#/');
}

async function reject(ctx: AppContext, offer: OfferPreview, form: HTMLFormElement): Promise<void> {
  try {
    await runBusy(form, 'Rejecting the offer', () => ctx.wallet.rejectCredentialOffer(offer));
  } catch {
    // Only the log entry could fail (nothing is sent when rejecting): the wallet's storage is at fault.
    ctx.show(problemScreen());
    return;
  }
  delete ctx.session.offer;
  ctx.session.flash = notificationBanner({ title: 'Offer rejected', content: `You rejected the offer from ${offererName(offer)}. Nothing was added to your wallet` });
  ctx.navigate('#/');
}
