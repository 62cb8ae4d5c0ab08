import { PassportError } from '@staff-passport/core';
import { recordVerifierEvent } from '../audit/record-verifier-event.js';
import { createVerifierStores } from '../store/verifier-stores.js';
import type { VerifierContext } from '../verifier-context.js';
import { checkRetentionDays } from './create-verifier-organisation.js';
import { getVerifierOrganisation } from './get-verifier-organisation.js';
import type { VerifierOrganisation } from './verifier-organisation.js';

/**
 * Sets how long an organisation keeps check results (1 to 365 days); audited. A shorter period
 * applies to the results kept already, at the retention timer's next round.
 *
 * @example
 * const org = await setRetentionDays(ctx, orgId, 14, 'platform:vpk_0a1b2c3d4e5f');
 * @throws PassportError `ERR_ORG_NOT_FOUND`, `ERR_REQUEST_INVALID` (field `retentionDays`).
 */
export async function setRetentionDays(ctx: VerifierContext, orgId: string, days: unknown, actor: string): Promise<VerifierOrganisation> {
  const org = await getVerifierOrganisation(ctx, orgId);
  const retentionDays = checkRetentionDays(days);
  await ctx.db.transaction(async (tx) => {
    const stores = createVerifierStores(tx, org.id);
    if (!(await stores.organisations.setRetentionDays(org.id, retentionDays))) throw new PassportError('ERR_ORG_NOT_FOUND', 'no organisation with that id', { field: 'orgId' });
    await recordVerifierEvent({ stores, org, now: ctx.now }, actor, 'organisation.retention', org.id, { from: org.retentionDays, to: retentionDays });
  });
  return { ...org, retentionDays };
}
