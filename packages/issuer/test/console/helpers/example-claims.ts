import { getCredentialType } from '@staff-passport/schemas';

/**
 * A catalogue type's example claims without the holder's `id`: what HR types into the issue form,
 * or sends as an offer's `credentialSubject`.
 *
 * @example
 * const claims = exampleClaims('DbsCheck');
 */
export function exampleClaims(type: string): Record<string, unknown> {
  const definition = getCredentialType(type);
  if (!definition) throw new Error(`no catalogue type ${type}`);
  const { id: _id, ...claims } = definition.example['credentialSubject'] as Record<string, unknown>;
  return claims;
}
