import { appendAuditEvent } from '../audit/append-audit-event.js';
import { createOidcConfigStore } from '../store/oidc-config-store.js';
import type { AuthContext } from './auth-context.js';
import { requireOrganisation } from './lib/require-organisation.js';
import { forgetJwks } from './lib/resolve-jwks.js';

/**
 * Turns OIDC sign-in off for an organisation (API keys keep working). Audited as `oidc.remove`
 * when there was a configuration.
 *
 * @returns whether there was a configuration to remove.
 * @throws PassportError `ERR_ORG_NOT_FOUND`
 */
export async function deleteOidcConfig(ctx: AuthContext, orgId: string, actor: string): Promise<boolean> {
  const removed = await ctx.db.transaction(async (tx) => {
    await requireOrganisation(tx, orgId);
    const configs = createOidcConfigStore(tx);
    const row = await configs.find(orgId);
    if (!row) return false;
    await configs.delete(orgId);
    await appendAuditEvent(tx, { orgId, actor, action: 'oidc.remove', subject: row.issuer, at: ctx.now() });
    return true;
  });
  forgetJwks(ctx, orgId);
  return removed;
}
