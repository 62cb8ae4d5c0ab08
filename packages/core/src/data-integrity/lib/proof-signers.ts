/** The DIDs whose verification methods made the given proofs (the DID URL before its fragment). */
export function proofSigners(proofs: Record<string, unknown>[]): string[] {
  return proofs.flatMap((p) => (typeof p['verificationMethod'] === 'string' ? [p['verificationMethod'].split('#')[0]!] : []));
}
