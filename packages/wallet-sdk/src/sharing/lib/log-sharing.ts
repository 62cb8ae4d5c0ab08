import type { WalletParts } from '../../wallet-parts.js';
import type { SharePreview } from '../share-preview.js';
import type { PlannedShare } from './plan-share.js';

/** Appends a `shared` or `refused` line to the sharing log: each claim with the credential it came from. */
export async function logSharing(parts: WalletParts, action: 'shared' | 'refused', preview: SharePreview, shared: readonly PlannedShare[]): Promise<void> {
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
    credentialTypes: [...new Set(shared.flatMap((p) => p.credential.types))],
    credentialIds: shared.map((p) => p.credential.id),
    claimsDisclosed: [...new Set(shared.flatMap((p) => p.logPaths))],
    disclosures: shared.map((p) => ({ credentialId: p.credential.id, credentialTypes: [...p.credential.types], claims: [...p.logPaths] })),
  });
}
