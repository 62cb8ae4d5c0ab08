import type { WalletParts } from '../wallet-parts.js';
import { logOfferOutcome } from './lib/log-received.js';
import type { OfferPreview } from './offer-preview.js';

/**
 * Rejects a credential offer: nothing is stored and nothing is sent (OpenID4VCI has no way to
 * decline a pre-authorised offer; the code simply goes unused and expires). Logs `rejected`.
 *
 * @example
 * await rejectCredentialOffer(parts, preview);
 */
export async function rejectCredentialOffer(parts: WalletParts, preview: OfferPreview): Promise<void> {
  const types = preview.credentials.map((c) => c.catalogueType ?? c.vct ?? c.configurationId);
  await logOfferOutcome(parts, 'rejected', { id: preview.credentialIssuer, name: preview.issuerName, organisation: preview.organisation }, types, []);
}
