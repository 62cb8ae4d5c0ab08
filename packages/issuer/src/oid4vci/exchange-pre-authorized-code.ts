import { PassportError } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import { hashTxCode } from './create-offer.js';
import { createOfferStore } from '../store/offer-store.js';
import { createOfferTokenStore } from '../store/offer-token-store.js';
import { assertNotExpired, findOfferByCode, hashSecret, offerActor, randomSecret, withAudit } from './lib/offer-store.js';
import { OID4VCI_LIMITS, PRE_AUTHORIZED_CODE_GRANT } from './oid4vci-settings.js';

/** A successful token response (RFC 6749, section 5.1; OpenID4VCI 1.0, section 6.2). */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

function text(form: Record<string, unknown>, field: string): string | undefined {
  const value = form[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 512) throw new PassportError('ERR_REQUEST_INVALID', `${field} must be given once, as text`, { field });
  return value;
}

/**
 * The token endpoint of the pre-authorised code flow (OpenID4VCI 1.0, section 6): exchanges an
 * offer's pre-authorised code (once) and its transaction code for an opaque access token, bound
 * to the offer, stored hashed, valid ten minutes. Five wrong transaction codes lock the offer
 * (status `failed`, audited as `offer.lock`). Unknown parameters are ignored (RFC 6749, 3.2).
 *
 * @throws PassportError `ERR_REQUEST_INVALID` (`grant_type` wrong: unsupported_grant_type; a parameter missing or
 *   unexpected: invalid_request), `ERR_GRANT_INVALID`, `ERR_OFFER_EXPIRED`, `ERR_OFFER_USED`, `ERR_TX_CODE_INVALID`,
 *   `ERR_TX_CODE_LOCKED` (all invalid_grant).
 */
export async function exchangePreAuthorizedCode(ctx: IssuerContext, orgId: string, form: Record<string, unknown>): Promise<TokenResponse> {
  const now = ctx.now();
  const grantType = text(form, 'grant_type');
  if (grantType !== PRE_AUTHORIZED_CODE_GRANT) {
    throw new PassportError('ERR_REQUEST_INVALID', `grant_type must be ${PRE_AUTHORIZED_CODE_GRANT}`, { field: 'grant_type' });
  }
  const code = text(form, 'pre-authorized_code');
  if (code === undefined) throw new PassportError('ERR_REQUEST_INVALID', 'pre-authorized_code is missing', { field: 'pre-authorized_code' });
  const txCode = text(form, 'tx_code');
  const offers = createOfferStore(ctx.db);
  const offer = await findOfferByCode(ctx, orgId, code);
  if (!offer || offer.status === 'withdrawn') throw new PassportError('ERR_GRANT_INVALID', 'the pre-authorized code is not valid', { field: 'pre-authorized_code' });
  if (offer.status === 'failed' && offer.txCodeFailures >= OID4VCI_LIMITS.txCodeTries) {
    throw new PassportError('ERR_TX_CODE_LOCKED', 'too many wrong transaction codes: ask HR for a new offer', { field: 'tx_code' });
  }
  await assertNotExpired(ctx, offer, now);
  if (offer.status !== 'offered') throw new PassportError('ERR_OFFER_USED', 'the pre-authorized code has been used', { field: 'pre-authorized_code' });

  // Section 6.3: a missing expected transaction code, or one not expected, is invalid_request.
  if (offer.txCodeHash === null && txCode !== undefined) throw new PassportError('ERR_REQUEST_INVALID', 'this offer has no transaction code', { field: 'tx_code' });
  if (offer.txCodeHash !== null) {
    if (txCode === undefined) throw new PassportError('ERR_REQUEST_INVALID', 'tx_code is missing', { field: 'tx_code' });
    // Each try takes one of the offer's tries in one conditional statement before the code is
    // compared, so guesses sent at once (or through several instances) get five between them.
    const tried = await offers.takeTxCodeTry(offer.id, OID4VCI_LIMITS.txCodeTries, now.toISOString());
    if (!tried) {
      const current = await findOfferByCode(ctx, orgId, code);
      if (current?.status === 'offered' || current?.status === 'failed') throw new PassportError('ERR_TX_CODE_LOCKED', 'too many wrong transaction codes: ask HR for a new offer', { field: 'tx_code' });
      throw new PassportError('ERR_OFFER_USED', 'the pre-authorized code has been used', { field: 'pre-authorized_code' });
    }
    if (hashTxCode(offer.id, txCode) !== offer.txCodeHash) {
      const locked = await offers.lockAfterTries(offer.id, OID4VCI_LIMITS.txCodeTries, now.toISOString());
      if (locked) {
        await withAudit(ctx, [{ orgId, actor: offerActor(offer.id), action: 'offer.lock', subject: offer.id, detail: { reason: 'tx_code', failures: OID4VCI_LIMITS.txCodeTries }, at: now }]);
        throw new PassportError('ERR_TX_CODE_LOCKED', 'too many wrong transaction codes: ask HR for a new offer', { field: 'tx_code' });
      }
      throw new PassportError('ERR_TX_CODE_INVALID', 'the transaction code is wrong', { field: 'tx_code' });
    }
  }

  // The code works once: only the request that moves the offer on gets a token.
  // (A right transaction code gives its try back: the failures count wrong codes only.)
  const moved = await offers.redeemCode(offer.id, now.toISOString(), offer.txCodeHash !== null);
  if (!moved) throw new PassportError('ERR_OFFER_USED', 'the pre-authorized code has been used', { field: 'pre-authorized_code' });
  const accessToken = randomSecret();
  const expiresAt = new Date(now.getTime() + OID4VCI_LIMITS.accessTokenSeconds * 1000).toISOString();
  await withAudit(ctx, [{ orgId, actor: offerActor(offer.id), action: 'offer.token', subject: offer.id, detail: {}, at: now }], async (tx) => {
    await createOfferTokenStore(tx).insertToken({ token_hash: hashSecret(accessToken), offer_id: offer.id, created_at: now.toISOString(), expires_at: expiresAt });
  });
  return { access_token: accessToken, token_type: 'Bearer', expires_in: OID4VCI_LIMITS.accessTokenSeconds };
}
