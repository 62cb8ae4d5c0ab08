import type { IssuerContext } from '../issuer-context.js';
import { PRE_AUTHORIZED_CODE_GRANT, oid4vciEndpointFor } from '../oid4vci/oid4vci-settings.js';
import { createStaffCollectionStore } from '../store/staff-collection-store.js';
import { AUTHORIZATION_CODE_GRANT, OPENID_CREDENTIAL } from './lib/collection-settings.js';

/**
 * What an organisation's authorization server metadata (RFC 8414, section 2) adds when its staff
 * may collect their credentials by signing in: the authorization endpoint, the code grant and
 * response type, PKCE S256 only, `iss` in authorization responses (RFC 9207), and
 * `authorization_details` of type `openid_credential` (OpenID4VCI 1.0, 5.1.1). Nothing otherwise.
 *
 * @example
 * res.json({ ...buildAuthorizationServerMetadata(ctx.publicUrl, org), ...(await buildCollectionMetadata(ctx, org.id)) });
 */
export async function buildCollectionMetadata(ctx: Pick<IssuerContext, 'db' | 'publicUrl'>, orgId: string): Promise<Record<string, unknown>> {
  if (!(await createStaffCollectionStore(ctx.db).findPersonClaim(orgId))) return {};
  return {
    authorization_endpoint: oid4vciEndpointFor(ctx.publicUrl, orgId, 'authorize'),
    grant_types_supported: [PRE_AUTHORIZED_CODE_GRANT, AUTHORIZATION_CODE_GRANT],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    authorization_response_iss_parameter_supported: true,
    authorization_details_types_supported: [OPENID_CREDENTIAL],
  };
}
