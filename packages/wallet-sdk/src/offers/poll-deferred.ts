import { PassportError, isObject } from '@staff-passport/core/browser';
import { httpRequest } from '../lib/http-request.js';
import type { HolderKey } from '../keys/key-store.js';
import type { WalletParts } from '../wallet-parts.js';
import { recordReceived } from './lib/log-received.js';
import { receiveCredentials } from './lib/receive-credentials.js';
import type { AcceptOfferResult, PendingCredential } from './offer-preview.js';

/**
 * Asks the deferred credential endpoint (OpenID4VCI 1.0, section 9) once for a pending credential.
 * When it is ready it is stored, acknowledged and logged as `received`; when not, the pending
 * state comes back (with the issuer's new interval) for the app to keep and try again later.
 *
 * @example
 * let { pending } = await acceptCredentialOffer(parts, preview, { txCode });
 * // later, after pending[0].interval seconds:
 * const result = await pollDeferred(parts, pending[0]);
 * @throws PassportError `ERR_WALLET_ISSUER_ERROR` for the issuer's errors (e.g. `invalid_transaction_id`);
 *   `ERR_WALLET_KEY_NOT_FOUND` when the holder key was deleted meanwhile.
 */
export async function pollDeferred(parts: WalletParts, pending: PendingCredential): Promise<AcceptOfferResult> {
  const holders: HolderKey[] = [];
  for (const did of pending.holders) {
    const key = await parts.keys.getKey(did);
    if (!key) throw new PassportError('ERR_WALLET_KEY_NOT_FOUND', `this wallet no longer holds the key ${did}`, { field: 'holders' });
    holders.push(key);
  }
  const answer = await httpRequest(parts.fetch, pending.deferredCredentialEndpoint, {
    json: { transaction_id: pending.transactionId },
    headers: { authorization: `${pending.tokenType} ${pending.accessToken}` },
    errorCode: 'ERR_WALLET_ISSUER_ERROR',
    what: 'the deferred credential endpoint',
  });
  const body = isObject(answer.body) ? answer.body : {};
  // Drafts before 1.0 answered 400 issuance_pending instead of 202.
  if (answer.status === 400 && body['error'] === 'issuance_pending') {
    return { credentials: [], pending: [{ ...pending, ...(typeof body['interval'] === 'number' ? { interval: body['interval'] } : {}) }] };
  }
  const result = await receiveCredentials(parts, answer, { ...pending, holders }, 'the deferred credential endpoint');
  if (!('stored' in result)) return { credentials: [], pending: [{ ...pending, transactionId: result.transactionId, interval: result.interval }] };
  await recordReceived(parts, { id: pending.credentialIssuer, name: pending.issuerName, organisation: pending.organisation }, result.stored);
  return { credentials: result.stored, pending: [] };
}
