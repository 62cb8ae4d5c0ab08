import { PassportError } from '@staff-passport/core';
import type { Principal } from '../api-keys/authenticate-api-key.js';
import type { IssuerContext } from '../issuer-context.js';
import { withdrawOffer } from '../oid4vci/manage-offers.js';
import type { Organisation } from '../organisations/organisation.js';
import { changeCredentialStatus } from '../status/change-credential-status.js';
import { createMailOutboxStore } from '../store/mail-outbox-store.js';
import { createStaffCollectionStore } from '../store/staff-collection-store.js';

/** What a renewal did to the person's earlier offers of the same record. */
export interface Supersession {
  /** Offers not yet collected, withdrawn (the person collects only the new one). */
  withdrawn: string[];
  /** Credentials collected from earlier offers, revoked with reason `superseded` in their status lists. */
  superseded: string[];
}

/**
 * Renewal (issue 19 item 3): when a new offer is held for a person for a record they already had
 * an offer of (same type and same competence or registration), the earlier one gives way: not
 * yet collected, it is withdrawn (and an email about it not yet sent is cancelled); collected, its credentials are revoked with reason
 * `superseded` through their status lists (audited as `credential.revoke`).
 *
 * @example
 * await supersedeEarlierOffers(ctx, org, { offerId, personNumber, recordKey }, principal);
 */
export async function supersedeEarlierOffers(
  ctx: IssuerContext,
  org: Organisation,
  held: { offerId: string; personNumber: string; recordKey: string },
  principal: Pick<Principal, 'keyId'>,
): Promise<Supersession> {
  const store = createStaffCollectionStore(ctx.db);
  const result: Supersession = { withdrawn: [], superseded: [] };
  for (const earlier of await store.listSameRecord(org.id, held.personNumber, held.recordKey, held.offerId)) {
    if (earlier.status === 'offered' || earlier.status === 'token_issued') {
      await withdrawOffer(ctx, org, earlier.offerId, principal);
      // An email about it not yet sent would send the person to an offer that is gone.
      await createMailOutboxStore(ctx.db).cancelForOffer(earlier.offerId, ctx.now().toISOString());
      result.withdrawn.push(earlier.offerId);
      continue;
    }
    const ids = await store.listDeliveredCredentialIds(earlier.offerId);
    for (const id of ids) {
      try {
        await changeCredentialStatus(ctx, org, { credentialIds: [id], action: 'revoke', reason: 'superseded', note: `renewed by offer ${held.offerId}` }, principal.keyId);
        result.superseded.push(id);
      } catch (err: unknown) {
        // Revoked already (superseded by an earlier renewal, or by HR): nothing more to do.
        if (!(err instanceof PassportError && err.code === 'ERR_STATUS_TRANSITION_INVALID')) throw err;
      }
    }
  }
  return result;
}
