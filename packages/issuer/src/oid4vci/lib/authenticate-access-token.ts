import { PassportError } from '@staff-passport/core';
import type { IssuerContext } from '../../issuer-context.js';
import { createOfferTokenStore } from '../../store/offer-token-store.js';
import { findOffer, hashSecret, type OfferRecord } from './offer-store.js';

/**
 * The offer an access token (`Authorization: Bearer`) was issued for. An expired token is
 * accepted only where `allowExpired` says so (the deferred credential and notification
 * endpoints, which act on ids the offer already owns), and then only while the offer is in date.
 *
 * @throws PassportError `ERR_ACCESS_TOKEN_INVALID`
 */
export async function authenticateAccessToken(ctx: IssuerContext, orgId: string, authorization: string | undefined, options: { allowExpired?: boolean } = {}): Promise<OfferRecord> {
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '');
  if (!match) throw new PassportError('ERR_ACCESS_TOKEN_INVALID', 'send the access token as Authorization: Bearer <token>', { field: 'authorization' });
  const row = await createOfferTokenStore(ctx.db).findToken(hashSecret(match[1]!));
  const now = ctx.now().toISOString();
  const offer = row ? await findOffer(ctx, orgId, row.offer_id) : undefined;
  if (!row || !offer || offer.status === 'withdrawn') throw new PassportError('ERR_ACCESS_TOKEN_INVALID', 'the access token is not valid', { field: 'authorization' });
  const live = row.expires_at > now || (options.allowExpired === true && offer.expiresAt > now);
  if (!live) throw new PassportError('ERR_ACCESS_TOKEN_INVALID', 'the access token has expired', { field: 'authorization' });
  return offer;
}
