import type { IssuerContext } from '../issuer-context.js';
import { findOffer, hashSecret } from '../oid4vci/lib/offer-store.js';
import { credentialIssuerIdFor } from '../oid4vci/oid4vci-settings.js';
import { getOrganisation } from '../organisations/get-organisation.js';
import type { Organisation } from '../organisations/organisation.js';
import { createStaffCollectionStore } from '../store/staff-collection-store.js';
import { ISSUER_STATE_PATTERN, heldOfferLinks, type HeldOfferLinks } from './lib/held-offer-link.js';

/** What the collect page shows: the offer's links while it waits, or that it no longer does. */
export type CollectPage =
  | ({ state: 'waiting'; org: Organisation; credentialIssuer: string; expiresAt: string } & HeldOfferLinks)
  | { state: 'gone'; org: Organisation };

/**
 * The https page an email sends a person to (`GET /orgs/{orgId}/collect/{issuerState}`): the
 * held offer named by its `issuer_state`, rebuilt as the same link the wallet opens, while it
 * waits; `gone` once it was collected, withdrawn by a renewal, or expired, or when no offer of
 * this organisation has that state. Nothing of the credential is read: the page carries only
 * what the offer link does.
 *
 * @example
 * const page = await openCollectPage(ctx, org.id, issuerState);
 * @throws PassportError `ERR_ORG_NOT_FOUND`.
 */
export async function openCollectPage(ctx: IssuerContext, orgId: string, issuerState: string): Promise<CollectPage> {
  const org = await getOrganisation(ctx, orgId);
  if (!ISSUER_STATE_PATTERN.test(issuerState)) return { state: 'gone', org };
  const held = await createStaffCollectionStore(ctx.db).findHeldOfferByIssuerState(orgId, hashSecret(issuerState));
  const offer = held ? await findOffer(ctx, orgId, held.offer_id) : undefined;
  if (!held || !offer || offer.status !== 'offered' || held.expires_at <= ctx.now().toISOString()) return { state: 'gone', org };
  return {
    state: 'waiting',
    org,
    credentialIssuer: credentialIssuerIdFor(ctx.publicUrl, orgId),
    expiresAt: held.expires_at,
    ...heldOfferLinks(ctx.publicUrl, orgId, held.configuration_ids.split(' '), issuerState),
  };
}
