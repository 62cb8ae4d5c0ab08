import { PassportError, encodeMultibaseBase58btc } from '@staff-passport/core/browser';
import { base64url, type JWK } from 'jose';
import type { HolderDidMethod, HolderKeyAlg } from '../key-store.js';

// Multicodec prefixes (unsigned varints) of the did:key public key types we create
// (did:key method, section 3.1.2 "Multicodec"): ed25519-pub 0xed, p256-pub 0x1200 (compressed).
const ED25519_PUB = [0xed, 0x01];
const P256_PUB = [0x80, 0x24];

/** The public members of a holder JWK: what DIDs, `cnf` and proofs carry (never `d`). */
export function publicJwkOf(jwk: JWK): JWK {
  if (jwk.kty === 'OKP') return { kty: 'OKP', crv: jwk.crv, x: jwk.x };
  return { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y };
}

/** The algorithm a holder public key signs with; undefined for a key type we do not hold. */
export function algOfJwk(jwk: JWK): HolderKeyAlg | undefined {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string') return 'EdDSA';
  if (jwk.kty === 'EC' && jwk.crv === 'P-256' && typeof jwk.x === 'string' && typeof jwk.y === 'string') return 'ES256';
  return undefined;
}

/**
 * The holder DID and its verification method id (the JWS `kid`) for a public key:
 * did:key (`did:key:z...#z...`) or did:jwk (`did:jwk:<base64url JWK>#0`, did:jwk spec section 2).
 *
 * @throws PassportError `ERR_REQUEST_INVALID` for a key that is neither Ed25519 nor P-256.
 */
export function holderDidFor(publicJwk: JWK, method: HolderDidMethod): { did: string; kid: string } {
  const alg = algOfJwk(publicJwk);
  if (!alg) throw new PassportError('ERR_REQUEST_INVALID', 'holder keys are Ed25519 or P-256', { field: 'jwk' });
  const pub = publicJwkOf(publicJwk);
  if (method === 'did:jwk') {
    const did = `did:jwk:${base64url.encode(JSON.stringify(pub))}`;
    return { did, kid: `${did}#0` };
  }
  const x = base64url.decode(pub.x!);
  const bytes =
    alg === 'EdDSA'
      ? new Uint8Array([...ED25519_PUB, ...x])
      : new Uint8Array([...P256_PUB, (base64url.decode(pub.y!).at(-1)! & 1) === 1 ? 0x03 : 0x02, ...x]);
  const multibase = encodeMultibaseBase58btc(bytes);
  return { did: `did:key:${multibase}`, kid: `did:key:${multibase}#${multibase}` };
}
