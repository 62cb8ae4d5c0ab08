import { html, type SafeHtml } from '@staff-passport/web-kit/browser';
// The NHS.UK confirmation panel the wallet shows after sharing. Core's page kit has no panel (the
// verifier desk writes its own with the ids its script needs), so the wallet keeps this one.

/**
 * A confirmation panel ("Shared with ..."): its heading is the screen's `<h1>`, focusable so the
 * router can move focus to it.
 *
 * @example
 * confirmationPanel('Shared with St Elsewhere', 'You shared 1 credential');
 */
export function confirmationPanel(title: string, body?: SafeHtml | string): SafeHtml {
  return html`<div class="nhsuk-panel"><h1 class="nhsuk-panel__heading" tabindex="-1">${title}</h1>${body ? html`<div class="nhsuk-panel__body">${body}</div>` : ''}</div>`;
}
