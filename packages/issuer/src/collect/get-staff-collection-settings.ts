import type { IssuerContext } from '../issuer-context.js';
import { createStaffCollectionStore } from '../store/staff-collection-store.js';
import type { StaffCollectionSettings } from './set-person-claim.js';

/**
 * The organisation's staff collection settings, or undefined when staff cannot collect by signing in.
 *
 * @example
 * const settings = await getStaffCollectionSettings(ctx, org.id);
 */
export async function getStaffCollectionSettings(ctx: Pick<IssuerContext, 'db'>, orgId: string): Promise<StaffCollectionSettings | undefined> {
  const store = createStaffCollectionStore(ctx.db);
  const personClaim = await store.findPersonClaim(orgId);
  if (personClaim === undefined) return undefined;
  const uris = await store.findWalletRedirectUris(orgId);
  return { personClaim, ...(uris ? { walletRedirectUris: uris } : {}) };
}
