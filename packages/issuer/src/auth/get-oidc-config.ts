import { createOidcConfigStore } from '../store/oidc-config-store.js';
import type { AuthContext } from './auth-context.js';
import { oidcConfigFromRow, type OidcConfig } from './oidc-config.js';

/**
 * An organisation's OIDC configuration, or `null` when it has none (it then accepts API keys only).
 *
 * @example
 * const config = await getOidcConfig(ctx, orgId);
 */
export async function getOidcConfig(ctx: AuthContext, orgId: string): Promise<OidcConfig | null> {
  const row = await createOidcConfigStore(ctx.db).find(orgId);
  return row ? oidcConfigFromRow(row) : null;
}
