import type { VerifierCredentialAsk } from '@staff-passport/core';

/** What asks are read from: a check profile's requirements, or any object shaped like them. */
export interface ProfileAsksSource {
  requirements: readonly { accepts: readonly { type: string; claims: readonly string[] }[] }[];
}

/**
 * What a check profile asks a wallet for: each credential type its requirements accept, with the
 * claims asked of it (merged when several requirements accept the same type), in order of first
 * appearance. The presentation request asks for these and no others, so these are what the
 * verifier must be registered to ask for.
 *
 * @example
 * listProfileAsks(getProfile('registered-nurse-band-5-acute')).map((a) => a.type) // ['IdentityVerification', ...]
 */
export function listProfileAsks(profile: ProfileAsksSource): VerifierCredentialAsk[] {
  const byType = new Map<string, Set<string>>();
  for (const requirement of profile.requirements) {
    for (const accept of requirement.accepts) {
      const claims = byType.get(accept.type) ?? new Set<string>();
      for (const claim of accept.claims) claims.add(claim);
      byType.set(accept.type, claims);
    }
  }
  return [...byType].map(([type, claims]) => ({ type, claims: [...claims] }));
}
