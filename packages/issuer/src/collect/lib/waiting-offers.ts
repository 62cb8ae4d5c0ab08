import type { IssuerContext } from '../../issuer-context.js';
import { createStaffCollectionStore, type HeldOfferRow } from '../../store/staff-collection-store.js';

/** One credential a person may collect: a held offer and one of its configurations the wallet asked for. */
export interface WaitingCredential {
  offerId: string;
  configurationId: string;
}

/**
 * The credentials waiting for a person that a wallet asked for (by configuration id), oldest offer
 * first; only the held offer `issuer_state` named when it did.
 */
export async function findWaitingCredentials(
  ctx: Pick<IssuerContext, 'db' | 'now'>,
  orgId: string,
  personNumber: string,
  configurationIds: readonly string[],
  heldOfferId?: string,
): Promise<WaitingCredential[]> {
  const held: HeldOfferRow[] = await createStaffCollectionStore(ctx.db).listWaiting(orgId, personNumber, ctx.now().toISOString());
  return held
    .filter((row) => heldOfferId === undefined || row.offer_id === heldOfferId)
    .flatMap((row) => row.configuration_ids.split(' ').filter((id) => configurationIds.includes(id)).map((configurationId) => ({ offerId: row.offer_id, configurationId })));
}
