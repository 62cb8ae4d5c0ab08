// WebCrypto holder keys, shared by the memory and IndexedDB key stores (and so by browsers and
// Node 20, which both do Ed25519 and P-256 in `crypto.subtle`).
import { PassportError, type JwsSigner } from '@staff-passport/core/browser';
import { base64url, type JWK } from 'jose';
import type { CreateKeyOptions, HolderKey, HolderKeyAlg } from '../key-store.js';
import { holderDidFor, publicJwkOf } from './holder-did.js';

const GENERATE = { EdDSA: { name: 'Ed25519' }, ES256: { name: 'ECDSA', namedCurve: 'P-256' } } as const;
// ECDSA in WebCrypto signs as raw r||s, which is the JOSE form (RFC 7518, section 3.4).
const SIGN = { EdDSA: { name: 'Ed25519' }, ES256: { name: 'ECDSA', hash: 'SHA-256' } } as const;

const encoder = new TextEncoder();

/** A new key pair; `extractable` says whether the private key may ever be exported. */
export async function generateKeyPair(alg: HolderKeyAlg, extractable: boolean): Promise<{ privateKey: CryptoKey; publicJwk: JWK }> {
  const pair = (await globalThis.crypto.subtle.generateKey(GENERATE[alg], extractable, ['sign', 'verify'])) as CryptoKeyPair;
  const publicJwk = (await globalThis.crypto.subtle.exportKey('jwk', pair.publicKey)) as JWK;
  return { privateKey: pair.privateKey, publicJwk };
}

/** Imports a private JWK as a signing CryptoKey. */
/**
 * A new holder key pair named as a DID (default Ed25519 did:key): what every key store's
 * `createKey` makes before keeping it its own way.
 */
export async function generateHolderKey(options: CreateKeyOptions, createdAt: Date, extractable: boolean): Promise<{ key: HolderKey; privateKey: CryptoKey }> {
  const alg = options.alg ?? 'EdDSA';
  const { privateKey, publicJwk } = await generateKeyPair(alg, extractable);
  const pub = publicJwkOf(publicJwk);
  const { did, kid } = holderDidFor(pub, options.method ?? 'did:key');
  return { key: { did, kid, alg, publicJwk: pub, createdAt: createdAt.toISOString() }, privateKey };
}

export async function importPrivateJwk(jwk: JWK, alg: HolderKeyAlg, extractable: boolean): Promise<CryptoKey> {
  try {
    const { kty, crv, x, y, d } = jwk;
    return await globalThis.crypto.subtle.importKey('jwk', { kty, crv, x, ...(y ? { y } : {}), d } as JsonWebKey, GENERATE[alg], extractable, ['sign']);
  } catch (cause: unknown) {
    throw new PassportError('ERR_WALLET_EXPORT_INVALID', 'a holder private key could not be imported', { field: 'keys', cause });
  }
}

/** Exports an extractable private key as a JWK. */
export async function exportPrivateJwk(privateKey: CryptoKey): Promise<JWK> {
  return (await globalThis.crypto.subtle.exportKey('jwk', privateKey)) as JWK;
}

/** A {@link JwsSigner} over a WebCrypto private key. */
export function createWebCryptoSigner(privateKey: CryptoKey, alg: HolderKeyAlg, kid: string): JwsSigner {
  return {
    alg,
    kid,
    async sign(signingInput: string): Promise<string> {
      const signature = await globalThis.crypto.subtle.sign(SIGN[alg], privateKey, encoder.encode(signingInput));
      return base64url.encode(new Uint8Array(signature));
    },
  };
}
