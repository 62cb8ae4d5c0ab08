import type { DIDDocument, VerificationMethod } from 'did-resolver';

/** Which verification relationship a key must be listed under. */
export type Purpose = 'assertionMethod' | 'authentication';

/** A method id made absolute against its document (`#key-1` -> `did:...#key-1`). */
export function absoluteMethodId(id: string, did: string): string {
  return id.startsWith('#') ? `${did}${id}` : id;
}

/**
 * The verification method `id` when the document lists it for the purpose (embedded there, or by
 * reference to `verificationMethod`): the one rule for every format's issuer and holder keys.
 */
export function findListedMethod(doc: DIDDocument, id: string, purpose: Purpose): VerificationMethod | undefined {
  const entries = doc[purpose] ?? [];
  const listed = entries.some((entry) => absoluteMethodId(typeof entry === 'string' ? entry : entry.id, doc.id) === id);
  if (!listed) return undefined;
  const embedded = entries.find((e): e is VerificationMethod => typeof e !== 'string' && absoluteMethodId(e.id, doc.id) === id);
  return embedded ?? (doc.verificationMethod ?? []).find((vm) => absoluteMethodId(vm.id, doc.id) === id);
}
