import { PassportError, enqueueWebhookEvent, isObject } from '@staff-passport/core';
import { resolveNotifiedOffer } from '../collect/resolve-notified-offer.js';
import type { IssuerContext } from '../issuer-context.js';
import type { Organisation } from '../organisations/organisation.js';
import { createOfferDeliveryStore } from '../store/offer-delivery-store.js';
import { createOfferStore } from '../store/offer-store.js';
import { offerActor, withAudit } from './lib/offer-store.js';

/** The notification events of OpenID4VCI 1.0, section 11.1, and the offer status each leads to. */
export const NOTIFICATION_EVENTS = { credential_accepted: 'accepted', credential_failure: 'failed', credential_deleted: 'deleted' } as const;
export type NotificationEvent = keyof typeof NOTIFICATION_EVENTS;

/**
 * The notification endpoint (OpenID4VCI 1.0, section 11): the wallet reports what became of the
 * credentials of a credential response (`notification_id`): accepted, failed or deleted. The
 * event is kept for HR (with its description), sets the offer's status, is audited as
 * `offer.notification` and sent to webhooks as `offer.accepted` (or `offer.rejected` for a
 * deleted or failed credential).
 *
 * @throws PassportError `ERR_ACCESS_TOKEN_INVALID`, `ERR_NOTIFICATION_INVALID` (field `notification_id`:
 *   invalid_notification_id; otherwise invalid_notification_request).
 */
export async function receiveNotification(ctx: IssuerContext, org: Organisation, authorization: string | undefined, body: unknown): Promise<void> {
  // An access token of the authorization code flow names the person's held offers: the notification_id picks one.
  const offer = await resolveNotifiedOffer(ctx, org.id, authorization, body);
  if (!isObject(body)) throw new PassportError('ERR_NOTIFICATION_INVALID', 'the notification must be a JSON object', { field: 'body' });
  const notificationId = body['notification_id'];
  const event = body['event'];
  const description = body['event_description'];
  if (typeof notificationId !== 'string' || notificationId.length === 0) throw new PassportError('ERR_NOTIFICATION_INVALID', 'notification_id is missing', { field: 'notification_id' });
  if (typeof event !== 'string' || !Object.hasOwn(NOTIFICATION_EVENTS, event)) {
    throw new PassportError('ERR_NOTIFICATION_INVALID', `event must be one of ${Object.keys(NOTIFICATION_EVENTS).join(', ')}`, { field: 'event' });
  }
  // Section 11.1: event_description is human-readable ASCII (%x20-21 / %x23-5B / %x5D-7E).
  if (description !== undefined && (typeof description !== 'string' || description.length > 1000 || !/^[\x20\x21\x23-\x5b\x5d-\x7e]*$/.test(description))) {
    throw new PassportError('ERR_NOTIFICATION_INVALID', 'event_description must be printable ASCII without quotes or backslashes, at most 1000 characters', { field: 'event_description' });
  }
  const delivery = await createOfferDeliveryStore(ctx.db).findByNotification(offer.id, notificationId);
  if (!delivery) throw new PassportError('ERR_NOTIFICATION_INVALID', 'the notification_id is not valid', { field: 'notification_id' });
  const now = ctx.now();
  const status = NOTIFICATION_EVENTS[event as NotificationEvent];
  await withAudit(ctx, [{ orgId: org.id, actor: offerActor(offer.id), action: 'offer.notification', subject: offer.id, detail: { event, type: delivery.type }, at: now }], async (tx) => {
    await createOfferDeliveryStore(tx).insertEvent({ offer_id: offer.id, event, description: description ?? null, type: delivery.type, at: now.toISOString() });
    await createOfferStore(tx).setStatus(offer.id, status, now.toISOString());
    // The wallet accepted, or did not keep (deleted by the holder, or failed to store) what was issued.
    const type = event === 'credential_accepted' ? 'offer.accepted' : 'offer.rejected';
    await enqueueWebhookEvent(ctx.webhooks, { orgId: org.id, type, data: { offerId: offer.id, credentialType: delivery.type, event, ...(description === undefined ? {} : { description }) }, at: now });
  });
}
