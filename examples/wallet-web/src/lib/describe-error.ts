// What went wrong, in plain English for the error summary: the wallet SDK's stable codes (and, for
// an issuer's answer, its OAuth error in `field`) mapped to what the person can do about it.
import { PassportError } from '@staff-passport/core/browser';

/** The code and field of an error, when it is one of ours. */
function codeOf(err: unknown): { code?: string; field?: string } {
  if (err instanceof PassportError) return { code: err.code, ...(err.field ? { field: err.field } : {}) };
  return {};
}

/**
 * Why an offer link could not be read.
 *
 * @example
 * offerLinkError(err); // 'The offer link is not right. Copy the whole link again'
 */
export function offerLinkError(err: unknown): string {
  const { code, field } = codeOf(err);
  if (code === 'ERR_WALLET_OFFER_INVALID') return 'The offer link is not right: copy the whole link again, or scan the QR code';
  if (code === 'ERR_WALLET_ISSUER_ERROR' && field === 'url') return "The organisation's service could not be reached: check you are online and try again";
  if (code === 'ERR_WALLET_ISSUER_ERROR') return 'The offer could not be opened: it may have expired or been used. Ask for a new offer';
  return 'The offer could not be read: try again, or ask for a new offer';
}

/** Why accepting an offer failed, and which field to fix. */
export function acceptOfferError(err: unknown): { field: 'offer-pin' | 'accept-offer'; message: string } {
  const { code, field } = codeOf(err);
  if (code === 'ERR_REQUEST_INVALID' && field === 'txCode') return { field: 'offer-pin', message: 'Enter the PIN' };
  if (code === 'ERR_WALLET_ISSUER_ERROR' && (field === 'invalid_grant' || field === 'invalid_tx_code')) {
    return { field: 'offer-pin', message: 'The PIN is not right: check it and try again. If it is right, the offer may have expired or been used' };
  }
  if (code === 'ERR_WALLET_ISSUER_ERROR' && field === 'url') return { field: 'accept-offer', message: "The organisation's service could not be reached: check you are online and try again" };
  if (code === 'ERR_WALLET_ISSUER_ERROR') return { field: 'accept-offer', message: 'The organisation could not give you the credential: try again later, or ask for a new offer' };
  return { field: 'accept-offer', message: 'The credential could not be added to your wallet: try again, or ask for a new offer' };
}

/** Why a request link could not be read. */
export function requestLinkError(err: unknown): string {
  const { code, field } = codeOf(err);
  if (code === 'ERR_WALLET_REQUEST_SIGNATURE_INVALID') return 'The request could not be checked: it may not be from who it says. Do not share anything, and ask them to send it again';
  if (code === 'ERR_WALLET_REQUEST_INVALID') return 'The request link is not right: copy the whole link again, or scan the QR code';
  if (code === 'ERR_WALLET_VERIFIER_ERROR' && field === 'url') return "The organisation's service could not be reached: check you are online and try again";
  if (code === 'ERR_WALLET_VERIFIER_ERROR') return 'The request could not be opened: it may have expired or been answered. Ask them for a new request';
  return 'The request could not be read: try again, or ask them for a new request';
}

/** Why sharing failed. */
export function shareError(err: unknown): string {
  const { code, field } = codeOf(err);
  if (code === 'ERR_WALLET_NO_MATCH') return 'You do not have the credentials this request needs, so you cannot share';
  if (code === 'ERR_WALLET_REQUEST_INVALID') return 'Your choice does not answer the request: share the details marked required';
  if (code === 'ERR_WALLET_KEY_NOT_FOUND') return 'The key for this credential is not on this device, so it cannot be shared from here';
  if (code === 'ERR_WALLET_VERIFIER_ERROR' && field === 'url') return "The organisation's service could not be reached: check you are online and try again";
  if (code === 'ERR_WALLET_VERIFIER_ERROR') return 'The organisation did not accept your answer: the request may have expired. Ask them for a new request';
  return 'Your credentials could not be shared: try again';
}

/**
 * Why collecting by signing in could not start or finish.
 *
 * @example
 * collectError(err); // "The organisation's service could not be reached: check you are online and try again"
 */
export function collectError(err: unknown): string {
  const { code, field } = codeOf(err);
  if ((code === 'ERR_WALLET_ISSUER_ERROR' || code === 'ERR_WALLET_OFFER_INVALID') && field === 'url') return "The organisation's service could not be reached: check you are online and try again";
  if (code === 'ERR_WALLET_OFFER_INVALID' && (field === 'state' || field === 'iss')) return 'The answer from the sign-in was not for this wallet: start again from this wallet';
  if (code === 'ERR_WALLET_OFFER_INVALID') return 'This organisation does not let you collect credentials by signing in here. Ask HR how to get them';
  if (code === 'ERR_WALLET_ISSUER_ERROR') return 'The organisation could not give you your credentials: try again later';
  return 'Your credentials could not be collected: try again';
}
