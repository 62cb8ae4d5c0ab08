import { PassportError } from '@staff-passport/core';
import type { IssuerContext } from '../../issuer-context.js';
import { oid4vciEndpointFor } from '../../oid4vci/oid4vci-settings.js';
import { createStaffCollectionStore } from '../../store/staff-collection-store.js';

/** The authorization code grant (RFC 6749, section 4.1; OpenID4VCI 1.0, section 3.4). */
export const AUTHORIZATION_CODE_GRANT = 'authorization_code';

/** The type of an `authorization_details` entry asking for credentials (OpenID4VCI 1.0, section 5.1.1). */
export const OPENID_CREDENTIAL = 'openid_credential' as const;

/** How long each step of the authorization code flow may take. */
export const COLLECTION_LIMITS = {
  /** From the wallet's authorization request to the person's return from the provider. */
  requestSeconds: 10 * 60,
  /** The authorization code's life (RFC 6749, 4.1.2: short, at most ten minutes advised). */
  codeSeconds: 60,
  accessTokenSeconds: 10 * 60,
} as const;

/** Where the organisation's provider sends the person back: registered as a redirect URI of the console's client. */
export function collectionCallbackFor(publicUrl: string, orgId: string): string {
  return oid4vciEndpointFor(publicUrl, orgId, 'authorize/callback');
}

/**
 * The claim of the organisation's ID tokens that names the person (set by `setPersonClaim`).
 *
 * @throws PassportError `ERR_OIDC_NOT_CONFIGURED` when the organisation has not set one: staff cannot collect by signing in.
 */
export async function requirePersonClaim(ctx: Pick<IssuerContext, 'db'>, orgId: string): Promise<string> {
  const claim = await createStaffCollectionStore(ctx.db).findPersonClaim(orgId);
  if (!claim) throw new PassportError('ERR_OIDC_NOT_CONFIGURED', 'this organisation does not let staff collect credentials by signing in', { field: 'org' });
  return claim;
}
