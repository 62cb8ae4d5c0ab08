import type { JwsSigner } from '../../jose/jws-signer.js';
import { encodeBase64urlText } from './base64url.js';

/**
 * Signs a compact JWS (RFC 7515, section 7.1) with `alg` from the signer; the same as
 * `signCompactJws` but without Buffer, so it runs in browsers. `kid` goes in the header only when
 * asked (a KB-JWT names its key by `cnf`, not by `kid`).
 */
export async function signJwt(header: Record<string, unknown>, payload: object, signer: JwsSigner, withKid: boolean): Promise<string> {
  const protectedHeader = encodeBase64urlText(JSON.stringify(withKid ? { alg: signer.alg, ...header, kid: signer.kid } : { alg: signer.alg, ...header }));
  const signingInput = `${protectedHeader}.${encodeBase64urlText(JSON.stringify(payload))}`;
  return `${signingInput}.${await signer.sign(signingInput)}`;
}
