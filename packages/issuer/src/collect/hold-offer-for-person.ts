import { PassportError } from '@staff-passport/core';
import type { Principal } from '../api-keys/authenticate-api-key.js';
import type { IssuerContext } from '../issuer-context.js';
import { createOffer, type CreateOfferInput } from '../oid4vci/create-offer.js';
import { hashSecret, randomSecret } from '../oid4vci/lib/offer-store.js';
import { OFFER_FORMATS, configurationIdFor } from '../oid4vci/oid4vci-settings.js';
import { enqueueOfferMail } from '../mail/enqueue-offer-mail.js';
import { isMailAddress } from '../mail/send-smtp-mail.js';
import type { Organisation } from '../organisations/organisation.js';
import { createStaffCollectionStore } from '../store/staff-collection-store.js';
import { heldOfferLinks } from './lib/held-offer-link.js';
import { recordKeyOf } from '@staff-passport/schemas';
import { supersedeEarlierOffers } from './supersede-earlier-offers.js';

/** Whom held credentials are for: the person number the organisation's ID tokens carry. */
export interface DeliverTo {
  personNumber: string;
  email?: string;
}

/** An offer held for a person: collected by signing in, never by a pre-authorised code given out. */
export interface HeldOffer {
  offerId: string;
  /** `openid-credential-offer://?credential_offer=...` with the authorization code grant and its `issuer_state`: no PIN, no claims. */
  link: string;
  /** The issuer's https page the email links to: open in the wallet (the link, a QR code) and how the sign-in goes. */
  collectUrl: string;
  expiresAt: string;
}

const PERSON_NUMBER = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

/**
 * Reads a person number (ESR person number, employee number): 1 to 64 letters, digits and `._/-`.
 *
 * @throws PassportError `ERR_REQUEST_INVALID` (field `field`).
 */
export function parsePersonNumber(value: unknown, field: string): string {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !PERSON_NUMBER.test(text.trim())) throw new PassportError('ERR_REQUEST_INVALID', `${field} must be a person number (letters, digits, . _ / -)`, { field });
  return text.trim();
}

/**
 * Holds an offer for a named person (OpenID4VCI 1.0, section 4.1.1): the offer is created as HR's
 * offers are (claims checked, audited as `offer.create`, its pre-authorised code protected by a
 * transaction code nobody is given) and kept for the person number; the person collects it with
 * the authorization code flow after signing in at the organisation's provider. The link returned
 * carries the `authorization_code` grant with an `issuer_state` naming this offer, and nothing else;
 * with an email address, an email with the link waits in the outbox.
 *
 * @example
 * const held = await holdOfferForPerson(ctx, org, { credentials, formats: ['dc+sd-jwt'] }, { personNumber: '12345678' }, principal);
 * @throws PassportError as `createOffer`, and `ERR_REQUEST_INVALID` (field `deliverTo.personNumber`).
 */
export async function holdOfferForPerson(
  ctx: IssuerContext,
  org: Organisation,
  input: Pick<CreateOfferInput, 'credentials' | 'formats' | 'expiresInSeconds'>,
  deliverTo: DeliverTo,
  principal: Pick<Principal, 'keyId'>,
  origin: { requestKey: string; jobId: string; row: number } | undefined = undefined,
): Promise<HeldOffer> {
  const personNumber = parsePersonNumber(deliverTo.personNumber, 'deliverTo.personNumber');
  if (deliverTo.email !== undefined && !isMailAddress(deliverTo.email)) throw new PassportError('ERR_REQUEST_INVALID', 'deliverTo.email must be an email address', { field: 'deliverTo.email' });
  const formats = input.formats ?? [...OFFER_FORMATS];
  const created = await createOffer(ctx, org, { ...input, formats, txCode: true, byReference: true }, principal);
  const configurationIds = input.credentials.flatMap((c) => formats.map((f) => configurationIdFor(c.type, f)));
  const issuerState = randomSecret();
  // One record per offer for renewal: the first credential's (offers held for a person carry one in practice).
  const first = input.credentials[0]!;
  const recordKey = input.credentials.length === 1 && first.credentialSubject ? recordKeyOf(first.type, first.credentialSubject) : undefined;
  await createStaffCollectionStore(ctx.db).holdOffer({
    offer_id: created.id,
    org_id: org.id,
    person_number: personNumber,
    configuration_ids: configurationIds.join(' '),
    issuer_state_hash: hashSecret(issuerState),
    request_key: origin?.requestKey ?? null,
    job_id: origin?.jobId ?? null,
    job_row: origin?.row ?? null,
    record_key: recordKey ?? null,
    created_at: ctx.now().toISOString(),
    expires_at: created.expiresAt,
  });
  // Renewal: the person's earlier offer of the same record gives way (withdrawn, or its credential superseded).
  if (recordKey !== undefined) await supersedeEarlierOffers(ctx, org, { offerId: created.id, personNumber, recordKey }, principal);
  const { link, collectUrl } = heldOfferLinks(ctx.publicUrl, org.id, configurationIds, issuerState);
  // The person is told by email (the outbox sends it, retried): the links only, no PIN, no claims.
  if (deliverTo.email !== undefined) await enqueueOfferMail(ctx.db, org, { offerId: created.id, to: deliverTo.email, link, collectUrl, at: ctx.now() });
  return { offerId: created.id, link, collectUrl, expiresAt: created.expiresAt };
}
