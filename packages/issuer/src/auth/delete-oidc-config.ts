import { appendAuditEvent } from '../audit/append-audit-event.js';
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
    const rows = (await tx.query('SELECT issuer FROM sp_oidc_configs WHERE org_id = ?', [orgId])) as { issuer: string }[];
    const row = rows[0];
    if (!row) return false;
    await tx.query('DELETE FROM sp_oidc_configs WHERE org_id = ?', [orgId]);
    await appendAuditEvent(tx, { orgId, actor, action: 'oidc.remove', subject: row.issuer, at: ctx.now() });
    return true;
  });
  forgetJwks(ctx, orgId);
  return removed;
}
