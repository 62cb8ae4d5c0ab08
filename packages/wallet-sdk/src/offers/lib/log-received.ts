import type { SharingLogEntry } from '../../log/sharing-log.js';
import type { StoredCredential } from '../../stores/credential-store.js';
import type { WalletOrganisation, WalletParts } from '../../wallet-parts.js';
import { supersedeHeldCredentials } from './supersede-held-credentials.js';

/** A credential issuer as the log names it. */
export interface LoggedIssuer {
  id: string;
  name?: string | undefined;
  organisation?: WalletOrganisation | undefined;
}

function counterpartyOf(issuer: LoggedIssuer): SharingLogEntry['counterparty'] {
  return {
    id: issuer.id,
    ...(issuer.name ? { name: issuer.name } : {}),
    ...(issuer.organisation ? { organisation: { name: issuer.organisation.name, ...(issuer.organisation.odsCode ? { odsCode: issuer.organisation.odsCode } : {}) } } : {}),
  };
}

/** Appends a `received` (or `rejected`) line to the sharing log. */
export async function logOfferOutcome(parts: WalletParts, action: 'received' | 'rejected', issuer: LoggedIssuer, credentialTypes: string[], stored: readonly StoredCredential[]): Promise<void> {
  await parts.log.append({
    id: globalThis.crypto.randomUUID(),
    action,
    at: parts.now().toISOString(),
    counterparty: counterpartyOf(issuer),
    credentialTypes: [...new Set(credentialTypes)],
    credentialIds: stored.map((c) => c.id),
    claimsDisclosed: [],
  });
}

/**
 * What follows credentials stored from an issuer: a `received` line in the log, then each
 * renewal replaces the credential it renews (`supersedeHeldCredentials`, a `replaced` line each).
 */
export async function recordReceived(parts: WalletParts, issuer: LoggedIssuer, stored: readonly StoredCredential[]): Promise<void> {
  if (stored.length === 0) return;
  await logOfferOutcome(parts, 'received', issuer, stored.flatMap((c) => c.types), stored);
  await supersedeHeldCredentials(parts, stored, counterpartyOf(issuer));
}
