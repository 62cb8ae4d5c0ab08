import type { StoredCredential } from '../../stores/credential-store.js';
import type { WalletParts } from '../../wallet-parts.js';
import type { SharePreview } from '../share-preview.js';

/** Appends a `shared` or `refused` line to the sharing log. */
export async function logSharing(parts: WalletParts, action: 'shared' | 'refused', preview: SharePreview, shared: readonly StoredCredential[], claims: readonly string[]): Promise<void> {
  await parts.log.append({
    id: globalThis.crypto.randomUUID(),
    action,
    at: parts.now().toISOString(),
    counterparty: {
      id: preview.clientId,
      ...(preview.clientName ? { name: preview.clientName } : {}),
      ...(preview.organisation ? { organisation: { name: preview.organisation.name, ...(preview.organisation.odsCode ? { odsCode: preview.organisation.odsCode } : {}) } } : {}),
    },
    ...(preview.purpose ? { purpose: preview.purpose } : {}),
    credentialTypes: [...new Set(shared.flatMap((c) => c.types))],
    credentialIds: shared.map((c) => c.id),
    claimsDisclosed: [...new Set(claims)],
  });
}
