import type { RegisteredAsk } from '@staff-passport/core';
import { MOVE_KIND_CODES } from '@staff-passport/schemas';
import { listProfileAsks, type ProfileAsksSource } from './list-profile-asks.js';

/**
 * The `asks` of a trust registry entry that covers what some check profiles ask for, for every
 * purpose (kind of move) or those given: the credential types and claims of their requirements,
 * merged. Registry operators (and the demo) derive a verifier's entry from its profiles this way
 * rather than copying the lists.
 *
 * @example
 * addTrustRegistryEntry(draft, { did: verifierDid(url), odsCode: 'RZZ', name, credentialTypes: [], asks: deriveRegisteredAsks(listProfiles()), validFrom });
 */
export function deriveRegisteredAsks(profiles: readonly ProfileAsksSource[], purposes: readonly string[] = MOVE_KIND_CODES): RegisteredAsk[] {
  const merged = listProfileAsks({ requirements: profiles.flatMap((p) => p.requirements) });
  return [{ purposes: [...purposes], credentials: merged.map((a) => ({ type: a.type, claims: [...a.claims] })) }];
}
