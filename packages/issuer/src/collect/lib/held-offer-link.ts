import { credentialIssuerIdFor } from '../../oid4vci/oid4vci-settings.js';
import { AUTHORIZATION_CODE_GRANT } from './collection-settings.js';

/** The ways to a held offer: the wallet's link and the https page the email links to. */
export interface HeldOfferLinks {
  /** `openid-credential-offer://?credential_offer=...` with the authorization code grant and its `issuer_state`: no PIN, no claims. */
  link: string;
  /** The issuer's https page for it (`/orgs/{orgId}/collect/{issuerState}`): open in the wallet, a QR code, the sign-in. */
  collectUrl: string;
}

/** The form of an `issuer_state` (32 random bytes, base64url) as the collect page's address carries it. */
export const ISSUER_STATE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The credential offer of an offer held for a person (OpenID4VCI 1.0, 4.1.1: the
 * `authorization_code` grant with `issuer_state`, nothing else), as a link and as the https page
 * the email sends them to; the page rebuilds the same link from what is stored.
 *
 * @example
 * const { link, collectUrl } = heldOfferLinks(ctx.publicUrl, org.id, ['TrainingRecord_dc_sd_jwt'], issuerState);
 */
export function heldOfferLinks(publicUrl: string, orgId: string, configurationIds: readonly string[], issuerState: string): HeldOfferLinks {
  const offer = {
    credential_issuer: credentialIssuerIdFor(publicUrl, orgId),
    credential_configuration_ids: configurationIds,
    grants: { [AUTHORIZATION_CODE_GRANT]: { issuer_state: issuerState } },
  };
  return {
    link: `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`,
    collectUrl: `${publicUrl}/orgs/${orgId}/collect/${issuerState}`,
  };
}
