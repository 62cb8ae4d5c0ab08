import { base64url, calculateJwkThumbprint, importJWK, type JWK } from 'jose';
import { PassportError } from '../errors/passport-error.js';
import type { JwsSigner } from '../jose/jws-signer.js';
import { algForJwk } from './lib/registry-key-alg.js';

const encoder = new TextEncoder();

/**
 * A {@link JwsSigner} over a private JWK (Ed25519 or P-256), signing with WebCrypto so it runs in
 * Node and browsers alike. The `kid` is the JWK's own, or its RFC 7638 thumbprint.
 *
 * @throws PassportError `ERR_CONFIG_INVALID` when the JWK is not an Ed25519 or P-256 private key,
 *   or its `alg` does not fit its key type.
 * @example
 * const signer = await createJwkSigner(JSON.parse(readFileSync('registry-key.json', 'utf8')));
 */
export async function createJwkSigner(privateJwk: JWK): Promise<JwsSigner> {
  const alg = algForJwk(privateJwk);
  if (!alg || typeof privateJwk.d !== 'string') {
    throw new PassportError('ERR_CONFIG_INVALID', 'the signing key must be an Ed25519 (OKP) or P-256 (EC) private JWK', { field: 'kty' });
  }
  if (privateJwk.alg !== undefined && privateJwk.alg !== alg) {
    throw new PassportError('ERR_CONFIG_INVALID', `the key says alg ${privateJwk.alg}, but a ${privateJwk.kty} key signs ${alg}`, { field: 'alg' });
  }
  let key: CryptoKey;
  try {
    key = (await importJWK({ ...privateJwk, alg }, alg)) as CryptoKey;
  } catch (cause: unknown) {
    throw new PassportError('ERR_CONFIG_INVALID', 'the signing key could not be imported', { cause });
  }
  const { d: _d, ...publicPart } = privateJwk;
  const kid = privateJwk.kid ?? (await calculateJwkThumbprint(publicPart, 'sha256'));
  const params = alg === 'EdDSA' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
  return {
    alg,
    kid,
    // WebCrypto ECDSA signatures are r || s, the JWS form (RFC 7518, section 3.4).
    sign: async (signingInput) => base64url.encode(new Uint8Array(await globalThis.crypto.subtle.sign(params, key, encoder.encode(signingInput)))),
  };
}
