// How a request stands against the verifier's registered asks (the trust registry), in words:
// the "Registered to ask" row, and the warning (with its confirmation) before sharing anything
// they are not registered to ask for.
import { checkboxes, errorFor, html, tag, warningCallout, type FieldError, type SafeHtml } from '@staff-passport/web-kit/browser';
import type { SharePreview } from '@staff-passport/wallet-sdk/browser';
import { claimLabel, humanise } from './format-value.js';

/** The confirmation checkbox's name: sharing what is not registered needs it ticked. */
export const CONFIRM_UNREGISTERED = 'confirm-unregistered';

type Registration = NonNullable<SharePreview['registration']>;

/** A claim's label as the screen shows it (from the credential's description), by its path under credentialSubject. */
export type ClaimText = (claim: string) => string;

/** One thing asked that is not registered: "DBS check: Certificate number", or a whole type or purpose. */
function itemText(item: Registration['notRegistered'][number], claimText: ClaimText): string {
  if (item.type === undefined) return `anything when the check is for: ${humanise(item.purpose)}`;
  const type = humanise(item.type);
  return item.claim === undefined || item.claim === '*' ? `${type} (all of it)` : `${type}: ${claimText(item.claim)}`;
}

/** The value of the "Registered to ask" row; empty when the wallet has no trust registry. */
export function registrationSummary(registration: Registration | undefined): SafeHtml | undefined {
  if (!registration) return undefined;
  if (registration.status === 'registered') return html`<span id="verifier-registration">${tag('Registered', 'green')} The trust registry says they may ask for everything they ask for here</span>`;
  if (registration.status === 'not_registered') return html`<span id="verifier-registration">${tag('Not registered', 'red')} The trust registry does not register them to ask for credentials</span>`;
  return html`<span id="verifier-registration">${tag('Asks for more than registered', 'red')} The trust registry registers them to ask for less than this</span>`;
}

/**
 * The warning before sharing what is not registered: what it is, and a checkbox the holder ticks
 * to share it anyway (or they leave those details out, or do not share). Nothing when all is registered.
 */
export function registrationWarning(registration: Registration | undefined, name: string, confirmed: boolean, errors: readonly FieldError[], claimText: ClaimText = (c) => claimLabel(c, undefined)): SafeHtml {
  if (!registration || registration.status === 'registered') return html``;
  const heading = registration.status === 'not_registered' ? `${name} is not registered to ask for your credentials` : `${name} is asking for more than it is registered to ask for`;
  const items = [...new Set(registration.notRegistered.map((item) => itemText(item, claimText)))];
  const error = errorFor(errors, CONFIRM_UNREGISTERED);
  return warningCallout(
    heading,
    html`<div id="registration-warning"><p>The trust registry does not say they may ask for:</p>
<ul class="nhsuk-list nhsuk-list--bullet" id="not-registered">${items.map((text) => html`<li>${text}</li>`)}</ul>
<p>Details they are not registered to ask for are marked Not registered. You can leave optional ones out, choose Do not share, or share them anyway.</p>
${checkboxes({
  id: CONFIRM_UNREGISTERED,
  name: CONFIRM_UNREGISTERED,
  label: 'Sharing what they are not registered to ask for',
  ...(error ? { error } : {}),
  choices: [{ id: CONFIRM_UNREGISTERED, value: 'yes', text: 'I understand, and I still want to share the details marked Not registered', checked: confirmed }],
})}</div>`,
  );
}

/** A claim's "Not registered" tag, when the registry does not register it. */
export function notRegisteredTag(registered: boolean | undefined): SafeHtml | string {
  return registered === false ? html` ${tag('Not registered', 'red')}` : '';
}
