import type { WalletOrganisation, WalletParts } from '../wallet-parts.js';
import { didWebFromUrl } from './resolve-did.js';

/**
 * The organisation behind an issuer or verifier in the trust registry: looked up by its DID or
 * identifier, then (for an https identifier) by the did:web its URL names. Undefined when not
 * listed or when the wallet has no registry.
 */
export async function findOrganisationOf(parts: WalletParts, identifier: string): Promise<WalletOrganisation | undefined> {
  if (!parts.findOrganisation) return undefined;
  const direct = await parts.findOrganisation(identifier);
  if (direct || identifier.startsWith('did:')) return direct;
  const did = didWebFromUrl(identifier);
  return did ? parts.findOrganisation(did) : undefined;
}
