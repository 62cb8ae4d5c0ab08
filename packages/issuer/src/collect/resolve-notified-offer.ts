import { PassportError, isObject } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import { authenticateAccessToken } from '../oid4vci/lib/authenticate-access-token.js';
import { findOffer, hashSecret, type OfferRecord } from '../oid4vci/lib/offer-store.js';
import { createStaffCollectionStore } from '../store/staff-collection-store.js';

/**
 * The offer a notification (OpenID4VCI 1.0, section 11) is about. An access token of the
 * pre-authorised code flow names its offer; one of the authorization code flow names the
 * person's held offers, and the `notification_id` picks the one it was answered for. As for the
 * pre-authorised flow, an expired token may still notify.
 *
 * @throws PassportError `ERR_ACCESS_TOKEN_INVALID`, `ERR_NOTIFICATION_INVALID` (field `notification_id`).
 */
export async function resolveNotifiedOffer(ctx: IssuerContext, orgId: string, authorization: string | undefined, body: unknown): Promise<OfferRecord> {
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '');
  const store = createStaffCollectionStore(ctx.db);
  const token = match ? await store.findToken(hashSecret(match[1]!)) : undefined;
  if (!token || token.org_id !== orgId) return authenticateAccessToken(ctx, orgId, authorization, { allowExpired: true });
  const grants = Object.values(JSON.parse(token.grants) as Record<string, { offerId: string }>);
  const notificationId = isObject(body) ? body['notification_id'] : undefined;
  const offerId = typeof notificationId === 'string' ? await store.findOfferByNotification([...new Set(grants.map((g) => g.offerId))], notificationId) : undefined;
  const offer = offerId === undefined ? undefined : await findOffer(ctx, orgId, offerId);
  if (!offer) throw new PassportError('ERR_NOTIFICATION_INVALID', 'the notification_id is not valid', { field: 'notification_id' });
  return offer;
}
