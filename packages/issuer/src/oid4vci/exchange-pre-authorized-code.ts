import { PassportError } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import { hashTxCode } from './create-offer.js';
import { assertNotExpired, findOfferByCode, hashSecret, offerActor, randomSecret, runCounted, withAudit } from './lib/offer-store.js';
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
    const tried = await runCounted(ctx, "UPDATE sp_offers SET tx_code_failures = tx_code_failures + 1, updated_at = ? WHERE id = ? AND status = 'offered' AND tx_code_failures < ?", [
      now.toISOString(),
      offer.id,
      OID4VCI_LIMITS.txCodeTries,
    ]);
    if (tried === 0) {
      const current = await findOfferByCode(ctx, orgId, code);
      if (current?.status === 'offered' || current?.status === 'failed') throw new PassportError('ERR_TX_CODE_LOCKED', 'too many wrong transaction codes: ask HR for a new offer', { field: 'tx_code' });
      throw new PassportError('ERR_OFFER_USED', 'the pre-authorized code has been used', { field: 'pre-authorized_code' });
    }
    if (hashTxCode(offer.id, txCode) !== offer.txCodeHash) {
      const locked = await runCounted(ctx, "UPDATE sp_offers SET status = 'failed', offer_json = NULL, updated_at = ? WHERE id = ? AND status = 'offered' AND tx_code_failures >= ?", [
        now.toISOString(),
        offer.id,
        OID4VCI_LIMITS.txCodeTries,
      ]);
      if (locked > 0) {
        await withAudit(ctx, [{ orgId, actor: offerActor(offer.id), action: 'offer.lock', subject: offer.id, detail: { reason: 'tx_code', failures: OID4VCI_LIMITS.txCodeTries }, at: now }]);
        throw new PassportError('ERR_TX_CODE_LOCKED', 'too many wrong transaction codes: ask HR for a new offer', { field: 'tx_code' });
      }
      throw new PassportError('ERR_TX_CODE_INVALID', 'the transaction code is wrong', { field: 'tx_code' });
    }
  }

  // The code works once: only the request that moves the offer on gets a token.
  // (A right transaction code gives its try back: the failures count wrong codes only.)
  const moved = await runCounted(
    ctx,
    `UPDATE sp_offers SET status = 'token_issued', offer_json = NULL, updated_at = ?${offer.txCodeHash !== null ? ', tx_code_failures = tx_code_failures - 1' : ''} WHERE id = ? AND status = 'offered'`,
    [now.toISOString(), offer.id],
  );
  if (moved === 0) throw new PassportError('ERR_OFFER_USED', 'the pre-authorized code has been used', { field: 'pre-authorized_code' });
  const accessToken = randomSecret();
  const expiresAt = new Date(now.getTime() + OID4VCI_LIMITS.accessTokenSeconds * 1000).toISOString();
  await withAudit(ctx, [{ orgId, actor: offerActor(offer.id), action: 'offer.token', subject: offer.id, detail: {}, at: now }], async (tx) => {
    await tx.query('INSERT INTO sp_offer_tokens (token_hash, offer_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [hashSecret(accessToken), offer.id, now.toISOString(), expiresAt]);
  });
  return { access_token: accessToken, token_type: 'Bearer', expires_in: OID4VCI_LIMITS.accessTokenSeconds };
}
