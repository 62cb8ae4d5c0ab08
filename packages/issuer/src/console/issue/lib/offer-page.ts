import { button, html, insetText, notificationBanner, summaryList, table, type SafeHtml, type TableOptions } from '@staff-passport/web-kit';
import type { Response } from 'express';
import type { CredentialTypeDefinition } from '@staff-passport/schemas';
import { offerableTypes, type OfferView } from '../../../oid4vci/index.js';
import type { ConsoleCaller } from '../../console-session.js';
import { csrfField, sendConsolePage } from '../../render-console-page.js';
import { formatName } from './format-name.js';
import { formatWhen } from './format-when.js';
import { OFFER_STATUS_SCRIPT_PATH } from './offer-status-script.js';
import { isFinalOfferStatus, offerStatusText } from './offer-status-text.js';

/** What the offer page shows. */
export interface OfferPage {
  caller: ConsoleCaller;
  offer: OfferView;
  /** The PIN, while the page may still show it (just after the offer was made). */
  pin?: string;
  /** Whether the caller issues (issuers and organisation admins): sees the QR code and link, may withdraw. Auditors see the status only. */
  canIssue: boolean;
  /** The types offered, to name them (`listOfferableTypes`; the catalogue's by default). */
  types?: readonly CredentialTypeDefinition[];
}

const WITHDRAWABLE: readonly OfferView['status'][] = ['offered', 'token_issued', 'pending', 'expired'];


function pinBlock(offer: OfferView, pin: string | undefined): SafeHtml {
  if (!offer.txCode) return html`<p>This offer has no PIN.</p>`;
  if (pin !== undefined) {
    return html`<h2 class="nhsuk-heading-m">PIN</h2>
      <p class="nhsuk-heading-xl nhsuk-u-margin-bottom-3" id="offer-pin">${pin}</p>
      ${insetText('Give the PIN to the person separately from the QR code or link, for example in person or by phone. It is shown only now: note it before you leave this page.')}`;
  }
  return html`<h2 class="nhsuk-heading-m">PIN</h2>
    ${insetText('The PIN was shown when the offer was made. If the person does not have it, withdraw this offer and make a new one.')}`;
}

// A section of what happened to the offer: its heading and table, or nothing while there is nothing to list.
function historyTable(heading: string, options: Omit<TableOptions, 'captionHidden'>): SafeHtml {
  if (options.rows.length === 0) return html``;
  return html`<h2 class="nhsuk-heading-m">${heading}</h2>
        ${table({ ...options, captionHidden: true })}`;
}

/**
 * The offer page (`/console/offers/{offerId}`): whom it is for (HR's reference, when given), the
 * status as a tag with words, and while the offer waits, its QR code, its link (to copy, and to
 * open in a wallet on this device) and the PIN (only just after the offer was made); what was
 * delivered; withdraw; refresh.
 */
export function sendOfferPage(res: Response, page: OfferPage): void {
  const known = page.types ?? offerableTypes();
  const titleOf = (type: string): string => known.find((d) => d.type === type)?.title ?? type;
  const { caller, offer, pin } = page;
  const status = offerStatusText(offer.status);
  const waiting = page.canIssue && offer.status === 'offered' && offer.link !== undefined;
  const types = offer.types.map(titleOf).join(', ');
  const deliveries = historyTable('What the wallet received', {
    caption: 'Credentials delivered from this offer',
    head: ['Credential', 'Format', 'State', 'Updated'],
    rows: offer.deliveries.map((d) => [titleOf(d.type), formatName(d.type, d.configurationId), d.state === 'issued' ? 'Issued' : d.state === 'deferred' ? 'Waiting for the check' : 'Being issued', formatWhen(d.updatedAt)]),
  });
  const events = historyTable('What the wallet said', {
    caption: 'Notifications from the wallet',
    head: ['When', 'Event', 'Credential'],
    rows: offer.events.map((e) => [formatWhen(e.time), e.event.replace(/_/g, ' '), e.type ? titleOf(e.type) : '']),
  });
  sendConsolePage(res, {
    title: 'Credential offer',
    caller,
    section: 'issue',
    scripts: isFinalOfferStatus(offer.status) ? [] : [OFFER_STATUS_SCRIPT_PATH],
    content: html`${pin !== undefined ? notificationBanner({ success: true, title: 'Offer made', content: 'Give the person the QR code or the link, and the PIN.' }) : ''}
      <h1 class="nhsuk-heading-l"><span class="nhsuk-caption-l">Credential offer<span class="nhsuk-u-visually-hidden"> - </span></span>${types}</h1>
      <div data-offer-status-url="/console/offers/${offer.id}/status.json" data-offer-status="${offer.status}">
        ${summaryList([
          ...(offer.personReference === undefined ? [] : [{ key: 'Person reference', value: html`<span id="offer-person-reference">${offer.personReference}</span>` }]),
          { key: 'Status', value: statusValue(status) },
          { key: 'What it means', value: html`<span id="offer-status-detail">${status.detail}</span>` },
          { key: 'Made', value: formatWhen(offer.createdAt) },
          { key: 'Expires', value: formatWhen(offer.expiresAt) },
        ])}
        <p class="nhsuk-u-visually-hidden" id="offer-status-announcement" aria-live="polite"></p>
      </div>
      ${
        waiting
          ? html`<div data-offer-waiting>
        <h2 class="nhsuk-heading-m">QR code</h2>
        <p>The person scans it with their wallet.</p>
        <p><img id="offer-qr" src="/console/offers/${offer.id}/qr.png" alt="QR code for the credential offer"></p>
        ${pinBlock(offer, pin)}
        <h2 class="nhsuk-heading-m">Link</h2>
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="offer-link">Offer link</label>
          <div class="nhsuk-hint" id="offer-link-hint">Send it to the person (for example by email) or paste it into a wallet.</div>
          <input class="nhsuk-input" id="offer-link" name="offer-link" type="text" value="${offer.link}" readonly spellcheck="false" aria-describedby="offer-link-hint">
        </div>
        <p><a id="offer-open" href="${offer.link}">Open in a wallet on this device</a></p>
      </div>`
          : ''
      }
      ${deliveries}
      ${events}
      <p><a id="offer-refresh" href="/console/offers/${offer.id}">Refresh the status</a></p>
      ${
        page.canIssue && WITHDRAWABLE.includes(offer.status)
          ? html`<form method="post" action="/console/offers/${offer.id}/withdraw" novalidate>
        ${csrfField(caller)}
        ${button({ text: 'Withdraw offer', variant: 'warning', id: 'withdraw-offer' })}
      </form>`
          : ''
      }
      <p><a href="/console/issue">Issue another credential</a></p>`,
  });
}

// The status tag with an id, so the page's script (and tests) can find it.
function statusValue(status: { text: string; colour: string }): SafeHtml {
  return html`<strong id="offer-status" class="nhsuk-tag nhsuk-tag--${status.colour}">${status.text}</strong>`;
}
