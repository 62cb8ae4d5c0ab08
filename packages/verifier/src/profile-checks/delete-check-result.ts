import { PassportError } from '@staff-passport/core';
import { recordVerifierEvent } from '../audit/record-verifier-event.js';
import { createVerifierStores } from '../store/verifier-stores.js';
import type { VerifierContext } from '../verifier-context.js';

/**
 * Deletes a check result at once (the person asked, or it is no longer needed), before its
 * retention period ends; audited (`result.delete`) in the organisation's log.
 *
 * @example
 * await deleteCheckResult(orgCtx, 'res_0a1b2c3d4e5f6a7b8c9d', 'key:vk_0a1b2c3d4e5f');
 * @throws PassportError `ERR_RESULT_NOT_FOUND` (none with that id in the organisation, or deleted already).
 */
export async function deleteCheckResult(ctx: VerifierContext, id: string, actor: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const stores = createVerifierStores(tx, ctx.org.id);
    if (!(await stores.results.delete(id))) throw new PassportError('ERR_RESULT_NOT_FOUND', 'no result with that id (it may have passed its retention period)', { field: 'resultId' });
    await recordVerifierEvent({ ...ctx, stores }, actor, 'result.delete', id);
  });
}
