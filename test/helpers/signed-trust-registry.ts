import {
  addTrustRegistryEntry,
  createJwkSigner,
  createTrustRegistryDraft,
  generateRegistryKey,
  renewTrustRegistry,
  signTrustRegistry,
  type RegistryKeyPair,
  type TrustRegistry,
  type TrustRegistryEntry,
} from '@staff-passport/core';

/** A trust registry edition, signed: the document (for the verifier), the JWS and the operator's public key (for wallets). */
export interface SignedTrustRegistry {
  registry: TrustRegistry;
  jws: string;
  publicJwk: RegistryKeyPair['publicJwk'];
}

/**
 * Builds and signs a trust registry with core's own functions, as a registry operator would:
 * a fresh operator key (EdDSA), a draft, the entries, an edition valid 30 days from `now`.
 */
export async function buildSignedTrustRegistry(entries: readonly TrustRegistryEntry[], options: { now?: Date; name?: string } = {}): Promise<SignedTrustRegistry> {
  const { privateJwk, publicJwk } = await generateRegistryKey('EdDSA');
  let draft = createTrustRegistryDraft({ name: options.name ?? 'Test staff passport trust registry' });
  for (const entry of entries) draft = addTrustRegistryEntry(draft, entry);
  const registry = renewTrustRegistry(draft, { ...(options.now ? { now: options.now } : {}) });
  const jws = await signTrustRegistry({ registry, signer: await createJwkSigner(privateJwk) });
  return { registry, jws, publicJwk };
}
