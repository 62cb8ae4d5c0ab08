import type { AuthContext } from './auth-context.js';
import { oidcConfigFromRow, type OidcConfig, type OidcConfigRow } from './oidc-config.js';

/**
 * An organisation's OIDC configuration, or `null` when it has none (it then accepts API keys only).
 *
 * @example
 * const config = await getOidcConfig(ctx, orgId);
 */
export async function getOidcConfig(ctx: AuthContext, orgId: string): Promise<OidcConfig | null> {
  const rows = (await ctx.db.query('SELECT * FROM sp_oidc_configs WHERE org_id = ?', [orgId])) as OidcConfigRow[];
  const row = rows[0];
  return row ? oidcConfigFromRow(row) : null;
}
