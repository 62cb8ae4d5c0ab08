// The one SD-JWT file that needs Node: node:crypto hashing, salts and signature checks, faster on
// a server than the WebCrypto defaults (synchronous, no thread pool round trip per digest). The
// rest of the SD-JWT code runs in browsers and takes these as injected options.
import { createPrivateKey, createPublicKey, hash, KeyObject, randomFillSync, sign, verify, type JsonWebKey } from 'node:crypto';
import type { JWK } from 'jose';
import type { JwsSigner, SupportedAlg } from '../jose/jws-signer.js';
import { PassportError } from '../errors/passport-error.js';
import { TtlCache } from '../lib/ttl-cache.js';
import { jwkCacheKey, jwkFitsAlg } from './lib/public-jwk.js';
import type { Hasher, PublicKeyInput, SaltGenerator, SignatureVerifier } from './types.js';

/** SHA-256 with node:crypto (the one-shot `hash`, cheaper than a `Hash` object for short inputs). */
export const nodeSha256: Hasher = (data) => hash('sha256', data, 'buffer');

// Salts are drawn from a pool refilled 256 at a time: one system call per 256 salts.
const SALT_BYTES = 16;
const pool = Buffer.alloc(SALT_BYTES * 256);
let poolOffset = pool.length;

/** 128-bit salts (RFC 9901, section 9.3) from node:crypto's CSPRNG, base64url. */
export const nodeSaltGenerator: SaltGenerator = () => {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const salt = pool.toString('base64url', poolOffset, poolOffset + SALT_BYTES);
  poolOffset += SALT_BYTES;
  return salt;
};

const byJwk = new TtlCache<KeyObject>(10_000, 60 * 60_000);
const byCryptoKey = new WeakMap<object, KeyObject>();

function keyObjectOf(alg: SupportedAlg, key: PublicKeyInput): KeyObject | undefined {
  if (!('kty' in key) || typeof key.kty !== 'string') {
    // A WebCrypto key (findVerificationKey's, already cached there): converted once.
    const cryptoKey = key as CryptoKey;
    let keyObject = byCryptoKey.get(cryptoKey);
    if (!keyObject) {
      keyObject = KeyObject.from(cryptoKey);
      byCryptoKey.set(cryptoKey, keyObject);
    }
    return keyObject;
  }
  if (!jwkFitsAlg(key, alg)) return undefined;
  const cacheKey = jwkCacheKey(key);
  let keyObject = byJwk.get(cacheKey);
  if (!keyObject) {
    const { kty, crv, x, y } = key;
    keyObject = createPublicKey({ key: { kty, crv, x, ...(y ? { y } : {}) } as JsonWebKey, format: 'jwk' });
    byJwk.set(cacheKey, keyObject);
  }
  return keyObject;
}

/**
 * A {@link SignatureVerifier} with node:crypto: keys are imported once as `KeyObject`s and cached,
 * so a verification costs the signature check.
 */
export const nodeVerifySignature: SignatureVerifier = (alg, key, signingInput, signature) => {
  const keyObject = keyObjectOf(alg, key);
  if (!keyObject) return false;
  const fits = alg === 'EdDSA' ? keyObject.asymmetricKeyType === 'ed25519' : keyObject.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  if (!fits) return false;
  try {
    return verify(alg === 'EdDSA' ? null : 'sha256', Buffer.from(signingInput), { key: keyObject, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  } catch {
    // A signature of the wrong length for the curve: it does not verify.
    return false;
  }
};

/** The node:crypto hasher, salt generator and signature verifier, to spread into SD-JWT options on a server. */
export const nodeSdJwtCrypto: { hasher: Hasher; saltGenerator: SaltGenerator; verifySignature: SignatureVerifier } = {
  hasher: nodeSha256,
  saltGenerator: nodeSaltGenerator,
  verifySignature: nodeVerifySignature,
};

/** Options for {@link createNodeJwsSigner}. */
export interface NodeJwsSignerOptions {
  /** The private key: a `KeyObject` or a private JWK (Ed25519 or P-256). */
  privateKey: KeyObject | JWK;
  /** The DID URL of the verification method, for the JWS header `kid`. */
  kid: string;
}

/**
 * A {@link JwsSigner} over a node:crypto private key, imported once: EdDSA for Ed25519 keys,
 * ES256 for P-256 keys.
 *
 * @example
 * const signer = createNodeJwsSigner({ privateKey: issuerPrivateJwk, kid: `${did}#key-1` });
 * @throws PassportError `ERR_REQUEST_INVALID` for a key that is not a private Ed25519 or P-256 key.
 */
export function createNodeJwsSigner(options: NodeJwsSignerOptions): JwsSigner {
  let key: KeyObject;
  try {
    key = options.privateKey instanceof KeyObject ? options.privateKey : createPrivateKey({ key: options.privateKey as JsonWebKey, format: 'jwk' });
  } catch (cause: unknown) {
    throw new PassportError('ERR_REQUEST_INVALID', 'the private key could not be imported', { cause });
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  let alg: SupportedAlg;
  if (key.type === 'private' && key.asymmetricKeyType === 'ed25519') alg = 'EdDSA';
  else if (key.type === 'private' && key.asymmetricKeyType === 'ec' && curve === 'prime256v1') alg = 'ES256';
  else throw new PassportError('ERR_REQUEST_INVALID', 'only private Ed25519 and P-256 keys sign');
  const digest = alg === 'EdDSA' ? null : 'sha256';
  return {
    alg,
    kid: options.kid,
    sign: async (signingInput) => sign(digest, Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url'),
  };
}
