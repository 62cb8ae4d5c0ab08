import type { TrustRegistryEntry } from '@staff-passport/core';
import { deriveRegisteredAsks, listProfiles, verifierDid, type ProfileAsksSource } from '@staff-passport/verifier';

/**
 * The trust registry entry of a test verifier (its did:web for its URL): registered to ask, for
 * every kind of move, what the shipped check profiles ask for (as the demo's verifier is), and
 * what the test's own profiles ask for.
 */
export function registeredVerifierEntry(verifierUrl: string, ownProfiles: readonly ProfileAsksSource[] = []): TrustRegistryEntry {
  return {
    did: verifierDid(verifierUrl),
    odsCode: 'RYV',
    name: 'Test Verifier NHS Trust',
    credentialTypes: [],
    asks: deriveRegisteredAsks([...listProfiles(), ...ownProfiles]),
    validFrom: '2020-01-01T00:00:00Z',
  };
}
