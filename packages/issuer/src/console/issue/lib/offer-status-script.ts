import { buildPollingScript } from '../../lib/build-polling-script.js';

/** Where the offer page's script is served (same origin: the pages' content security policy allows only that). */
export const OFFER_STATUS_SCRIPT_PATH = '/console/assets/issue-offer-status.js';

/**
 * The offer page's enhancement: polls the offer's status every few seconds and shows a change in
 * place (the tag, an announcement in the polite live region, and the QR code, link and PIN
 * hidden once the offer can no longer be used). Without JavaScript the page's refresh link does it.
 */
export const OFFER_STATUS_SCRIPT = buildPollingScript({
  purpose: "keeps the offer page's status up to date.",
  urlAttribute: 'data-offer-status-url',
  setup: `
let status = root.getAttribute('data-offer-status');
`,
  onAnswer: `
if (body.status !== status) {
  status = body.status;
  root.setAttribute('data-offer-status', status);
  const tag = document.getElementById('offer-status');
  if (tag) {
    tag.textContent = body.text;
    tag.className = 'nhsuk-tag nhsuk-tag--' + body.colour;
  }
  const detail = document.getElementById('offer-status-detail');
  if (detail) detail.textContent = body.detail;
  const live = document.getElementById('offer-status-announcement');
  if (live) live.textContent = 'The offer is now: ' + body.text + '. ' + body.detail;
  if (status !== 'offered') {
    for (const el of document.querySelectorAll('[data-offer-waiting]')) el.hidden = true;
  }
}
if (body.final) return;
`,
  everyMs: 2000,
});
