import { button, html, notificationBanner, radios, table, tag, type FieldError } from '@staff-passport/web-kit';
import type { Response } from 'express';
import type { CredentialTypeDefinition } from '@staff-passport/schemas';
import type { OfferView } from '../../../oid4vci/index.js';
import type { ConsoleCaller } from '../../console-session.js';
import { sendFormPage } from '../../lib/send-form-page.js';
import { csrfField } from '../../render-console-page.js';
import { formatWhen } from './format-when.js';
import { offerStatusText } from './offer-status-text.js';

/** What the first step of issuing shows. */
export interface TypeChoicePage {
  caller: ConsoleCaller;
  /** The types offered (`listOfferableTypes`: the catalogue's and the registered ones). */
  types: readonly CredentialTypeDefinition[];
  offers: OfferView[];
  error?: FieldError;
  /** An offer was just withdrawn. */
  withdrawn?: boolean;
}


/** Step 1 of issuing (`/console/issue`): choose the type of credential; the organisation's recent offers below. */
export function sendTypeChoicePage(res: Response, page: TypeChoicePage): void {
  const { caller, error } = page;
  const choices = page.types.map((d) => ({ value: d.slug, text: d.title, hint: d.description }));
  const titleOf = (type: string): string => page.types.find((d) => d.type === type)?.title ?? type;
  // The person reference column only when an offer listed has one.
  const withPerson = page.offers.some((o) => o.personReference !== undefined);
  const recent =
    page.offers.length === 0
      ? html`<p>No offers yet.</p>`
      : table({
          caption: 'Recent offers',
          captionHidden: true,
          head: ['Made', ...(withPerson ? ['Person reference'] : []), 'Credential', 'Status'],
          rows: page.offers.map((o) => {
            const status = offerStatusText(o.status);
            const person = o.personReference === undefined ? html`<span class="nhsuk-u-secondary-text-colour">Not recorded</span>` : o.personReference;
            return [html`<a href="/console/offers/${o.id}">${formatWhen(o.createdAt)}</a>`, ...(withPerson ? [person] : []), o.types.map(titleOf).join(', '), tag(status.text, status.colour)];
          }),
        });
  sendFormPage(res, {
    title: 'Issue a credential',
    caller,
    section: 'issue',
    errors: error ? [error] : [],
    content: html`
      ${page.withdrawn ? notificationBanner({ success: true, title: 'Offer withdrawn', content: 'The offer was withdrawn: its QR code, link and PIN no longer work.' }) : ''}
      <form method="post" action="/console/issue" novalidate>
        ${csrfField(caller)}
        ${radios({
          id: 'type',
          label: 'What type of credential do you want to issue?',
          legendIsPageHeading: true,
          hint: 'You will get a QR code, a link and a PIN to give the person, who accepts the credential into their wallet.',
          choices,
          ...(error ? { error: error.message } : {}),
        })}
        ${button({ text: 'Continue', id: 'choose-type' })}
      </form>
      <h2 class="nhsuk-heading-m">Recent offers</h2>
      ${recent}`,
  });
}
