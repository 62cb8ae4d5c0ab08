import { compactVerify, type CryptoKey } from 'jose';
import { nodeVerifySignature } from '../../sd-jwt/default-crypto.js';
import type { SupportedAlg } from '../jws-signer.js';

/**
 * Checks a compact JWS signature; rejects when it does not verify. The common case (no `crit`, no
 * `b64`, a public key) is a synchronous node:crypto verify with the key's cached `KeyObject`:
 * jose's `compactVerify` goes through WebCrypto, whose asynchronous jobs run on the thread pool
 * and cost about as much again as the Ed25519 verify itself, with the main thread idle meanwhile
 * (measured with `pnpm bench`, paths verify-jose and verify-passport). Anything unusual goes to
 * jose, which knows it.
 */
export async function verifyJwsSignature(jwt: string, header: Record<string, unknown>, key: CryptoKey | Uint8Array, alg: SupportedAlg): Promise<void> {
  if (!(key instanceof Uint8Array) && header['crit'] === undefined && header['b64'] === undefined) {
    const dot = jwt.lastIndexOf('.');
    if (!(await nodeVerifySignature(alg, key, jwt.slice(0, dot), jwt.slice(dot + 1)))) throw new Error('signature verification failed');
    return;
  }
  await compactVerify(jwt, key, { algorithms: [alg] });
}
