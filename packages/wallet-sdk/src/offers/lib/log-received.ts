import type { StoredCredential } from '../../stores/credential-store.js';
import type { WalletOrganisation, WalletParts } from '../../wallet-parts.js';

/** Appends a `received` (or `rejected`) line to the sharing log. */
export async function logOfferOutcome(
  parts: WalletParts,
  action: 'received' | 'rejected',
  issuer: { id: string; name?: string | undefined; organisation?: WalletOrganisation | undefined },
  credentialTypes: string[],
  stored: readonly StoredCredential[],
): Promise<void> {
  await parts.log.append({
    id: globalThis.crypto.randomUUID(),
    action,
    at: parts.now().toISOString(),
    counterparty: {
      id: issuer.id,
      ...(issuer.name ? { name: issuer.name } : {}),
      ...(issuer.organisation ? { organisation: { name: issuer.organisation.name, ...(issuer.organisation.odsCode ? { odsCode: issuer.organisation.odsCode } : {}) } } : {}),
    },
    credentialTypes: [...new Set(credentialTypes)],
    credentialIds: stored.map((c) => c.id),
    claimsDisclosed: [],
  });
}
