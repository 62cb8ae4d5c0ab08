import type { JWK } from 'jose';
import { isObject } from '../../lib/is-object.js';
import type { SupportedAlg } from '../../jose/jws-signer.js';

const CURVE_FOR_ALG: Record<SupportedAlg, { kty: string; crv: string }> = {
  EdDSA: { kty: 'OKP', crv: 'Ed25519' },
  ES256: { kty: 'EC', crv: 'P-256' },
};

/** Whether a value is a public JWK of a curve we verify with (no private part). */
export function isPublicSigningJwk(value: unknown): value is JWK {
  if (!isObject(value) || 'd' in value) return false;
  if (value['kty'] === 'OKP') return value['crv'] === 'Ed25519' && typeof value['x'] === 'string';
  return value['kty'] === 'EC' && value['crv'] === 'P-256' && typeof value['x'] === 'string' && typeof value['y'] === 'string';
}

/** Whether a public JWK is a key for the algorithm (EdDSA: Ed25519; ES256: P-256). */
export function jwkFitsAlg(jwk: unknown, alg: SupportedAlg): jwk is JWK {
  const want = CURVE_FOR_ALG[alg];
  return isPublicSigningJwk(jwk) && jwk.kty === want.kty && jwk.crv === want.crv;
}

/** The algorithm a public JWK signs with, or undefined for a key we do not verify with. */
export function algForJwk(jwk: unknown): SupportedAlg | undefined {
  if (!isPublicSigningJwk(jwk)) return undefined;
  return jwk.crv === 'Ed25519' ? 'EdDSA' : 'ES256';
}

/** A cache key naming a public key by its coordinates. */
export function jwkCacheKey(jwk: JWK): string {
  return `${jwk.crv}:${jwk.x}:${jwk.y ?? ''}`;
}
