import { PassportError, checkVerifierAsks, toUnregisteredAskIssues } from '@staff-passport/core';
import type { CheckProfile } from '../profiles/check-profile.js';
import { listProfileAsks } from '../profiles/list-profile-asks.js';
import type { VerifierContext } from '../verifier-context.js';

/** What {@link checkRegisteredAsks} checks: who asks, why, and with which profile. */
export interface RegisteredAsksInput {
  /** The DID the request is made and signed as (each verifier organisation's own, with tenancy). */
  verifierDid: string;
  /** The purpose: the kind of move the check is for (`new_employer`...). */
  purpose: string;
  profile: Pick<CheckProfile, 'id' | 'requirements'>;
}

/**
 * Refuses a presentation request beyond the verifier's trust registry entry: every credential type
 * and claim the profile asks for must be registered for the purpose, under the DID the request is
 * made as. Without a trust registry configured nothing is checked (as issuers are then not
 * checked either).
 *
 * @throws PassportError `ERR_VERIFIER_NOT_REGISTERED` (no entry with asks in force for the DID) or
 *   `ERR_ASK_NOT_REGISTERED`, field `profileId`, with one issue per purpose, type or claim not
 *   registered (`asks.<purpose>.<type>.<claim>`).
 * @example
 * checkRegisteredAsks(ctx, { verifierDid: key.did, purpose: 'new_employer', profile });
 */
export function checkRegisteredAsks(ctx: VerifierContext, input: RegisteredAsksInput): void {
  const registry = ctx.trustRegistry();
  if (!registry) return;
  const result = checkVerifierAsks(registry, { verifierDid: input.verifierDid, purpose: input.purpose, asks: listProfileAsks(input.profile), at: ctx.now() });
  if (result.allowed) return;
  throw new PassportError(result.code, `the check profile ${input.profile.id} asks for more than this verifier is registered to ask: ${result.message}`, {
    field: 'profileId',
    issues: toUnregisteredAskIssues(result.notRegistered),
  });
}
