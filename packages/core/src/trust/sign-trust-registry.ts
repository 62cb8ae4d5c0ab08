import { signCompactJws } from '../jose/compact-jws.js';
import type { JwsSigner } from '../jose/jws-signer.js';
import { parseTrustRegistry } from './parse-trust-registry.js';
import { TRUST_REGISTRY_JWT_TYP, type TrustRegistry } from './trust-registry-model.js';

/** Options for {@link signTrustRegistry}. */
export interface SignTrustRegistryOptions {
  /** A complete registry (see {@link renewTrustRegistry} to set its version and dates). */
  registry: TrustRegistry;
  /** The registry operator's key; its `kid` is what verifiers look their trusted key up by. */
  signer: JwsSigner;
}

/**
 * Signs a trust registry as a compact JWS (`typ: trust-registry+jwt`, payload the document).
 *
 * @throws PassportError `ERR_TRUST_REGISTRY_INVALID` when the document is not a valid registry.
 * @example
 * const signer = await createJwkSigner(privateJwk);
 * const jws = await signTrustRegistry({ registry: renewTrustRegistry(draft), signer });
 */
export async function signTrustRegistry(options: SignTrustRegistryOptions): Promise<string> {
  const registry = parseTrustRegistry(options.registry);
  return signCompactJws({ typ: TRUST_REGISTRY_JWT_TYP }, registry, options.signer);
}
