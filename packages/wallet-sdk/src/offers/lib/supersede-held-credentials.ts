import { recordKeyOf } from '@staff-passport/schemas';
import type { StoredCredential } from '../../stores/credential-store.js';
import type { WalletParts } from '../../wallet-parts.js';

/** The record a stored credential is of (the same function the issuer renews by), if any. */
function recordOf(c: StoredCredential): string | undefined {
  const type = c.types[0];
  return type === undefined ? undefined : recordKeyOf(type, c.claims);
}

/** When the credential was issued, as well as the wallet can tell. */
function issuedAt(c: StoredCredential): string {
  return c.validFrom ?? c.storedAt;
}

/**
 * Renewal, wallet side (issue 19 item 3): each credential just received that renews one the wallet
 * holds (same issuer, same type, same record by `recordKeyOf`: the competence and level of a
 * training record, the register and number of a registration; and not newer than the renewal)
 * replaces it. The earlier one is kept, marked `supersededBy`, so lists of what the holder has now
 * leave it out and the history still shows it; a `replaced` line goes in the log. The issuer has
 * meanwhile revoked it as superseded through its status list, so a verifier would refuse it anyway.
 *
 * @example
 * const replaced = await supersedeHeldCredentials(parts, stored, { id: credentialIssuer });
 */
export async function supersedeHeldCredentials(parts: WalletParts, received: readonly StoredCredential[], counterparty: { id: string; name?: string; organisation?: { name: string; odsCode?: string } }): Promise<StoredCredential[]> {
  const replaced: StoredCredential[] = [];
  const receivedIds = new Set(received.map((c) => c.id));
  const held = await parts.credentials.list({ superseded: false });
  for (const renewal of received) {
    const record = recordOf(renewal);
    if (record === undefined) continue;
    for (const earlier of held) {
      if (receivedIds.has(earlier.id) || earlier.supersededBy || earlier.issuer !== renewal.issuer || earlier.types[0] !== renewal.types[0]) continue;
      if (recordOf(earlier) !== record || issuedAt(earlier) > issuedAt(renewal)) continue;
      const at = parts.now().toISOString();
      earlier.supersededBy = { id: renewal.id, at };
      await parts.credentials.put(earlier);
      await parts.log.append({
        id: globalThis.crypto.randomUUID(),
        action: 'replaced',
        at,
        counterparty,
        credentialTypes: earlier.types,
        credentialIds: [earlier.id],
        replacedBy: renewal.id,
        claimsDisclosed: [],
      });
      replaced.push(earlier);
    }
  }
  return replaced;
}
