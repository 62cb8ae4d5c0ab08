import type { TagColour } from '@staff-passport/web-kit';
import type { OfferView } from '../../../oid4vci/index.js';

/** How an offer's status reads on the console: words first, the colour only repeats them. */
export interface OfferStatusText {
  text: string;
  colour: TagColour;
  /** A sentence saying what it means for HR. */
  detail: string;
}

const TEXTS: Readonly<Record<OfferView['status'], OfferStatusText>> = {
  offered: { text: 'Waiting', colour: 'blue', detail: 'The person has not accepted the offer yet.' },
  token_issued: { text: 'Being accepted', colour: 'aqua-green', detail: 'A wallet has opened the offer with the PIN and is collecting the credential.' },
  pending: { text: 'Waiting for the check', colour: 'yellow', detail: 'The wallet is waiting for the credential: complete the offer when the check is done.' },
  issued: { text: 'Issued', colour: 'aqua-green', detail: 'The credential was sent to the wallet; the wallet has not yet said it kept it.' },
  accepted: { text: 'Accepted', colour: 'green', detail: 'The person accepted the credential into their wallet.' },
  deleted: { text: 'Deleted by the person', colour: 'grey', detail: 'The wallet received the credential and the person deleted it.' },
  failed: { text: 'Failed', colour: 'red', detail: 'The wallet could not keep the credential, or the PIN was entered wrongly too many times. Make a new offer.' },
  expired: { text: 'Expired', colour: 'grey', detail: 'The offer ran out before it was accepted. Make a new offer.' },
};

/**
 * The words and colour for an offer's status.
 *
 * @example
 * offerStatusText('accepted'); // { text: 'Accepted', colour: 'green', detail: '...' }
 */
export function offerStatusText(status: OfferView['status']): OfferStatusText {
  return TEXTS[status];
}

const FINAL: readonly OfferView['status'][] = ['accepted', 'deleted', 'failed', 'expired'];

/** Whether an offer's status can no longer change (the page's script stops asking). */
export function isFinalOfferStatus(status: OfferView['status']): boolean {
  return FINAL.includes(status);
}
