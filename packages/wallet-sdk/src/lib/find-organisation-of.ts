import { didWebFromUrl } from '@staff-passport/core/browser';
import type { WalletOrganisation, WalletParts } from '../wallet-parts.js';

/**
 * The organisation behind an issuer or verifier in the trust registry: looked up by its DID or
 * identifier, then (for an https identifier) by the did:web its URL names. Undefined when not
 * listed or when the wallet has no registry.
 */
export async function findOrganisationOf(parts: WalletParts, identifier: string): Promise<WalletOrganisation | undefined> {
  if (!parts.findOrganisation) return undefined;
  const direct = await parts.findOrganisation(identifier);
  if (direct || identifier.startsWith('did:')) return direct;
  let did: string;
  try {
    did = didWebFromUrl(identifier);
  } catch {
    // Not an http(s) URL: it names no did:web.
    return undefined;
  }
  return parts.findOrganisation(did);
}
