import { html, table, tag, type SafeHtml, type TagColour } from '@staff-passport/web-kit';
import type { RowDelivery } from '../../../collect/list-job-deliveries.js';
import { formatCount } from '../../issue/lib/format-when.js';

interface Shown {
  text: string;
  colour: TagColour;
}

// The held offer's status as HR reads it: whether the credential has been issued (it is issued,
// bound to the person's wallet key, only when they collect it) and whether they collected it.
function credentialOf(status: string): { credential: Shown; collected: Shown } {
  switch (status) {
    case 'offered':
      return { credential: { text: 'Waiting for the person', colour: 'blue' }, collected: { text: 'Not yet', colour: 'grey' } };
    case 'token_issued':
    case 'pending':
      return { credential: { text: 'Being collected', colour: 'blue' }, collected: { text: 'Signing in', colour: 'blue' } };
    case 'issued':
    case 'accepted':
      return { credential: { text: 'Issued', colour: 'green' }, collected: { text: 'Collected', colour: 'green' } };
    case 'expired':
      return { credential: { text: 'Not issued: the offer expired', colour: 'orange' }, collected: { text: 'No', colour: 'grey' } };
    case 'withdrawn':
      return { credential: { text: 'Replaced by a renewal', colour: 'grey' }, collected: { text: 'No', colour: 'grey' } };
    default:
      return { credential: { text: 'Not issued', colour: 'red' }, collected: { text: 'No', colour: 'grey' } };
  }
}

function emailOf(delivery: RowDelivery): SafeHtml {
  const email = delivery.email;
  if (!email) return html`No email address in the row`;
  const address = html`<span class="nhsuk-u-font-size-16">${email.to}</span>`;
  switch (email.status) {
    case 'pending':
      return html`${tag(email.attempts > 0 ? `Retrying (${formatCount(email.attempts)} attempts)` : 'Queued', 'blue')}<br>${address}`;
    case 'sent':
      return html`${tag('Sent', 'green')}<br>${address}`;
    case 'cancelled':
      return html`${tag('Not sent: renewed first', 'grey')}<br>${address}`;
    case 'failed':
      return html`${tag('Failed', 'red')}<br>${address}<br><span class="nhsuk-u-font-size-16">${email.lastError ?? 'no answer from the mail server'}</span>`;
  }
}

/**
 * The job page's table of rows that named their person (`deliverTo`, or an ESR row's Employee
 * Number and Email Address): per row, whether the credential was issued, the email queued, sent or
 * failed (with the mail server's answer, for example a refused address), and whether the person
 * collected it. Rows issued to a holder DID are not in it.
 */
export function deliveryTable(deliveries: readonly RowDelivery[]): SafeHtml {
  if (deliveries.length === 0) return html``;
  const waiting = deliveries.filter((d) => d.offerStatus === 'offered').length;
  const failed = deliveries.filter((d) => d.email?.status === 'failed').length;
  return html`<h2 class="nhsuk-heading-m" id="deliveries">Delivery to staff</h2>
    <p>${formatCount(deliveries.length)} ${deliveries.length === 1 ? 'row names its person' : 'rows name their person'}: the credential waits for them and is issued when they sign in with their wallet. ${formatCount(waiting)} not collected yet${failed > 0 ? html`, <strong>${formatCount(failed)} ${failed === 1 ? 'email' : 'emails'} failed</strong>` : ''}.</p>
    ${table({
      caption: 'Delivery to staff, by row',
      captionHidden: true,
      head: ['Row', 'Person number', 'Credential', 'Email', 'Collected'],
      rows: deliveries.map((d) => {
        const { credential, collected } = credentialOf(d.offerStatus);
        return [formatCount(d.row), d.personNumber, tag(credential.text, credential.colour), emailOf(d), tag(collected.text, collected.colour)];
      }),
    })}`;
}
