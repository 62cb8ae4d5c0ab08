// The defaults every SD-JWT operation falls back to: WebCrypto, present in browsers and in Node 20+,
// so the same code runs in the web wallet unchanged. On a server pass the node:crypto ones from
// default-crypto.ts instead: there WebCrypto digests and verifies go through a thread pool, and
// cost many times more.
import { importJWK, type CryptoKey, type JWK } from 'jose';
import { TtlCache } from '../lib/ttl-cache.js';
import { decodeBase64url, encodeBase64url, textEncoder } from './lib/base64url.js';
import { jwkCacheKey, jwkFitsAlg } from './lib/public-jwk.js';
import type { Hasher, SaltGenerator, SignatureVerifier } from './types.js';

/** SHA-256 with WebCrypto (`crypto.subtle.digest`). */
export const webCryptoSha256: Hasher = async (data) => new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));

/** 128-bit salts from `crypto.getRandomValues` (RFC 9901, section 9.3). */
export const webCryptoSaltGenerator: SaltGenerator = () => encodeBase64url(globalThis.crypto.getRandomValues(new Uint8Array(16)));

// Imported holder and issuer JWKs, by key: importing costs more than the plumbing around a verify.
const imported = new TtlCache<CryptoKey>(10_000, 60 * 60_000);

const PARAMS = { EdDSA: { name: 'Ed25519' }, ES256: { name: 'ECDSA', hash: 'SHA-256' } } as const;

/**
 * The default {@link SignatureVerifier}: WebCrypto (`crypto.subtle.verify`), with JWKs imported
 * once by jose's `importJWK`, so it runs in browsers and in Node. It checks the signature only, as
 * `nodeVerifySignature` does; the header is the caller's business. A key that does not fit the
 * algorithm (or is not a public key) does not verify.
 */
export const webCryptoVerifySignature: SignatureVerifier = async (alg, key, signingInput, signature) => {
  let cryptoKey: CryptoKey;
  if (isJwk(key)) {
    if (!jwkFitsAlg(key, alg)) return false;
    const cacheKey = jwkCacheKey(key);
    const hit = imported.get(cacheKey);
    if (hit) {
      cryptoKey = hit;
    } else {
      cryptoKey = (await importJWK({ kty: key.kty, crv: key.crv, x: key.x, ...(key.y ? { y: key.y } : {}) }, alg)) as CryptoKey;
      imported.set(cacheKey, cryptoKey);
    }
  } else {
    cryptoKey = key;
  }
  try {
    const bytes = decodeBase64url(signature) as Uint8Array<ArrayBuffer>;
    return await globalThis.crypto.subtle.verify(PARAMS[alg], cryptoKey, bytes, textEncoder.encode(signingInput));
  } catch {
    // WebCrypto throws for a key of another algorithm or a malformed signature: it does not verify.
    return false;
  }
};

function isJwk(key: CryptoKey | JWK): key is JWK {
  return typeof (key as JWK).kty === 'string';
}
