import type { JwsSigner } from '@staff-passport/core/browser';
import { base64url } from 'jose';

const encoder = new TextEncoder();

/**
 * Signs a compact JWT (RFC 7519) with a holder signer, in Node and browsers: `alg` from the signer,
 * and `kid` (the signer's DID URL) unless `withKid` is false.
 *
 * @example
 * const proof = await signJwt(signer, { typ: 'openid4vci-proof+jwt' }, { aud, nonce, iat });
 */
export async function signJwt(signer: JwsSigner, header: Record<string, unknown>, payload: Record<string, unknown>, withKid = true): Promise<string> {
  const fullHeader = withKid ? { ...header, alg: signer.alg, kid: signer.kid } : { ...header, alg: signer.alg };
  const signingInput = `${base64url.encode(encoder.encode(JSON.stringify(fullHeader)))}.${base64url.encode(encoder.encode(JSON.stringify(payload)))}`;
  return `${signingInput}.${await signer.sign(signingInput)}`;
}
