import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { SupportedAlg } from '../jose/jws-signer.js';

/** A registry operator's key pair as JWKs, both with the same `kid`. */
export interface RegistryKeyPair {
  /** Keep secret: signs registry editions. */
  privateJwk: JWK;
  /** Give to verifiers and wallets: the key they trust registries from. */
  publicJwk: JWK;
}

/**
 * Generates a registry operator's signing key. The `kid` is the key's RFC 7638 thumbprint, so it
 * names the key without a registry of key names; `alg` and `use` pin what the key is for.
 *
 * @example
 * const { privateJwk, publicJwk } = await generateRegistryKey('EdDSA');
 */
export async function generateRegistryKey(alg: SupportedAlg = 'EdDSA'): Promise<RegistryKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  const pin = { kid, alg, use: 'sig' };
  return { privateJwk: { ...(await exportJWK(privateKey)), ...pin }, publicJwk: { ...publicJwk, ...pin } };
}
