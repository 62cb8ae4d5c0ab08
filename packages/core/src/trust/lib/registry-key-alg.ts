import type { JWK } from 'jose';
import type { SupportedAlg } from '../../jose/jws-signer.js';

/** The one algorithm a JWK of this key type signs with here (no RSA, no symmetric keys). */
export function algForJwk(jwk: JWK): SupportedAlg | undefined {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA';
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
  return undefined;
}
