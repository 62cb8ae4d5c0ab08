import { PassportError } from '@staff-passport/core';
import type { Principal } from '../api-keys/authenticate-api-key.js';
import type { IssuerContext } from '../issuer-context.js';
import type { Organisation } from '../organisations/organisation.js';
import { createOfferDeliveryStore } from '../store/offer-delivery-store.js';
import { createOfferStore } from '../store/offer-store.js';
import { createOfferTokenStore } from '../store/offer-token-store.js';
import { offerLinkFor, offerUriFor, validateOfferedCredentials } from './create-offer.js';
import { findOffer, listOfferRecords, withAudit, type OfferRecord, type OfferStatus, type OfferedCredential } from './lib/offer-store.js';
import { listOfferableTypes, type OfferFormat } from './oid4vci-settings.js';

/** What became of one offered type. */
export interface OfferDelivery {
  type: string;
  configurationId: string;
  state: 'issuing' | 'deferred' | 'issued';
  credentialIds: string[];
  updatedAt: string;
}

/** A notification the wallet sent (OpenID4VCI 1.0, section 11). */
export interface OfferEvent {
  event: string;
  description: string | null;
  type: string | null;
  time: string;
}

/** An offer as HR sees it: never the codes, and the claims only as types. */
export interface OfferView {
  id: string;
  status: Exclude<OfferStatus, 'withdrawn'>;
  types: string[];
  formats: OfferFormat[];
  byReference: boolean;
  pending: boolean;
  txCode: boolean;
  /** The offer link, while the wallet can still fetch the offer. */
  link?: string;
  /** HR's own label for whom the offer is for, when one was given (never in a credential). */
  personReference?: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  updatedAt: string;
  deliveries: OfferDelivery[];
  events: OfferEvent[];
}

const LIVE: readonly OfferStatus[] = ['offered', 'token_issued', 'pending'];

function statusAt(offer: OfferRecord, now: Date): Exclude<OfferStatus, 'withdrawn'> {
  if (LIVE.includes(offer.status) && offer.expiresAt <= now.toISOString()) return 'expired';
  return offer.status as Exclude<OfferStatus, 'withdrawn'>;
}

/**
 * An offer of the organisation that has not been withdrawn.
 *
 * @throws PassportError `ERR_OFFER_NOT_FOUND`
 */
export async function requireOffer(ctx: IssuerContext, orgId: string, offerId: string): Promise<OfferRecord> {
  const offer = await findOffer(ctx, orgId, offerId);
  if (!offer || offer.status === 'withdrawn') throw new PassportError('ERR_OFFER_NOT_FOUND', 'no credential offer with that id', { field: 'offerId' });
  return offer;
}

async function viewOf(ctx: IssuerContext, offer: OfferRecord, now: Date): Promise<OfferView> {
  const store = createOfferDeliveryStore(ctx.db);
  const deliveries = await store.list(offer.id);
  const events = await store.listEvents(offer.id);
  const status = statusAt(offer, now);
  const link = status === 'offered' && offer.offerJson ? offerLinkFor({ byReference: offer.byReference, uri: offerUriFor(ctx.publicUrl, offer.orgId, offer.id), json: offer.offerJson }) : undefined;
  return {
    id: offer.id,
    status,
    types: offer.credentials.map((c) => c.type),
    formats: offer.formats,
    byReference: offer.byReference,
    pending: offer.pending,
    txCode: offer.txCodeHash !== null,
    ...(link ? { link } : {}),
    ...(offer.personReference === null ? {} : { personReference: offer.personReference }),
    createdBy: offer.createdBy,
    createdAt: offer.createdAt,
    expiresAt: offer.expiresAt,
    updatedAt: offer.updatedAt,
    deliveries: deliveries.map((d) => ({
      type: d.type,
      configurationId: d.configuration_id,
      state: d.state,
      credentialIds: d.credential_ids ? (JSON.parse(d.credential_ids) as string[]) : [],
      updatedAt: d.updated_at,
    })),
    events: events.map((e) => ({ event: e.event, description: e.description, type: e.type, time: e.at })),
  };
}

/**
 * One offer with its status, what was delivered and what the wallet reported.
 *
 * @throws PassportError `ERR_OFFER_NOT_FOUND`
 */
export async function getOffer(ctx: IssuerContext, orgId: string, offerId: string): Promise<OfferView> {
  return viewOf(ctx, await requireOffer(ctx, orgId, offerId), ctx.now());
}

/** The organisation's offers, newest first (withdrawn ones left out). */
export async function listOffers(ctx: IssuerContext, orgId: string, options: { limit?: number } = {}): Promise<OfferView[]> {
  const now = ctx.now();
  const records = await listOfferRecords(ctx, orgId, options.limit ?? 100);
  return Promise.all(records.filter((o) => o.status !== 'withdrawn').map((o) => viewOf(ctx, o, now)));
}

/**
 * The link of an offer the wallet can still fetch, for its QR code.
 *
 * @throws PassportError `ERR_OFFER_NOT_FOUND`, `ERR_OFFER_EXPIRED`, `ERR_OFFER_USED`.
 */
export async function getOfferLink(ctx: IssuerContext, orgId: string, offerId: string): Promise<string> {
  const offer = await requireOffer(ctx, orgId, offerId);
  const status = statusAt(offer, ctx.now());
  if (status === 'expired') throw new PassportError('ERR_OFFER_EXPIRED', 'the credential offer has expired', { field: 'offerId' });
  if (status !== 'offered' || !offer.offerJson) throw new PassportError('ERR_OFFER_USED', 'the credential offer has been used', { field: 'offerId' });
  return offerLinkFor({ byReference: offer.byReference, uri: offerUriFor(ctx.publicUrl, orgId, offerId), json: offer.offerJson });
}

/**
 * The credential offer JSON a wallet fetches from `credential_offer_uri` (OpenID4VCI 1.0,
 * section 4.1.3), while the offer is unused and in date.
 *
 * @throws PassportError `ERR_OFFER_NOT_FOUND`, `ERR_OFFER_EXPIRED`, `ERR_OFFER_USED`.
 */
export async function getCredentialOfferJson(ctx: IssuerContext, orgId: string, offerId: string): Promise<string> {
  const offer = await requireOffer(ctx, orgId, offerId);
  if (!offer.byReference) throw new PassportError('ERR_OFFER_NOT_FOUND', 'this offer was given by value', { field: 'offerId' });
  await getOfferLink(ctx, orgId, offerId);
  return offer.offerJson!;
}

/**
 * Withdraws an offer the wallet has not used: it is gone for the wallet (the code no longer
 * works) and for HR; its claims and person reference are erased. Audited as `offer.withdraw`.
 *
 * @throws PassportError `ERR_OFFER_NOT_FOUND`, `ERR_OFFER_STATE_INVALID` (credentials were already issued from it).
 */
export async function withdrawOffer(ctx: IssuerContext, org: Organisation, offerId: string, principal: Pick<Principal, 'keyId'>): Promise<void> {
  const offer = await requireOffer(ctx, org.id, offerId);
  const now = ctx.now();
  await withAudit(ctx, [{ orgId: org.id, actor: principal.keyId, action: 'offer.withdraw', subject: offerId, detail: { status: offer.status }, at: now }], async (tx) => {
    const delivered = await createOfferDeliveryStore(tx).typesIn(offerId, ['issued']);
    if (delivered.length > 0) throw new PassportError('ERR_OFFER_STATE_INVALID', 'credentials were issued from this offer: revoke them instead', { field: 'offerId' });
    // Nothing was issued from it: its claims and HR's label for the person go with it.
    await createOfferStore(tx).withdraw(offerId, now.toISOString());
    await createOfferTokenStore(tx).deleteTokensOf(offerId);
  });
}

/**
 * Supplies the claims of a deferred offer whose check has finished: validated like an offer's,
 * then the wallet's next deferred credential request (or first credential request) gets them.
 * Audited as `offer.complete`.
 *
 * @throws PassportError `ERR_OFFER_NOT_FOUND`, `ERR_OFFER_EXPIRED`, `ERR_OFFER_STATE_INVALID` (not a pending offer, or a type
 *   not offered or already issued), `ERR_REQUEST_INVALID`, `ERR_TYPE_UNKNOWN`, `ERR_SCHEMA_INVALID`.
 */
export async function completeOffer(ctx: IssuerContext, org: Organisation, offerId: string, body: unknown, principal: Pick<Principal, 'keyId'>): Promise<OfferView> {
  const now = ctx.now();
  const offer = await requireOffer(ctx, org.id, offerId);
  const status = statusAt(offer, now);
  if (status === 'expired') throw new PassportError('ERR_OFFER_EXPIRED', 'the credential offer has expired', { field: 'offerId' });
  if (!offer.pending || !LIVE.includes(offer.status)) throw new PassportError('ERR_OFFER_STATE_INVALID', 'only a pending offer that is still open can be completed', { field: 'offerId' });
  const input = body as Record<string, unknown> | undefined;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new PassportError('ERR_REQUEST_INVALID', 'the body must be {credentials: [{type, credentialSubject}]}', { field: 'body' });
  for (const key of Object.keys(input)) if (key !== 'credentials') throw new PassportError('ERR_REQUEST_INVALID', `${key} is not a field of this request`, { field: key });
  const completed = validateOfferedCredentials(org, input['credentials'], now, { subjectRequired: true, registry: { types: await listOfferableTypes(ctx), validators: ctx.typeValidators } });
  const merged: OfferedCredential[] = offer.credentials.map((c) => ({ ...c }));
  completed.forEach((c, i) => {
    const slot = merged.find((m) => m.type === c.type);
    if (!slot) throw new PassportError('ERR_OFFER_STATE_INVALID', `${c.type} is not in this offer`, { field: `credentials[${i}].type` });
    slot.credentialSubject = c.credentialSubject!;
  });
  await withAudit(ctx, [{ orgId: org.id, actor: principal.keyId, action: 'offer.complete', subject: offerId, detail: { types: completed.map((c) => c.type) }, at: now }], async (tx) => {
    const issued = await createOfferDeliveryStore(tx).typesIn(offerId, ['issued', 'issuing']);
    const clash = completed.find((c) => issued.includes(c.type));
    if (clash) throw new PassportError('ERR_OFFER_STATE_INVALID', `${clash.type} was already issued from this offer`, { field: 'credentials' });
    await createOfferStore(tx).setCredentials(offerId, JSON.stringify(merged), now.toISOString());
  });
  return getOffer(ctx, org.id, offerId);
}

