import { signCompactJws } from './compact-jws.js';
import type { JwsSigner } from './jws-signer.js';
import { VC_JWT_MEDIA_TYPE } from './vc-jwt-media-type.js';

export { VC_JWT_MEDIA_TYPE };

/**
 * Secures a VC Data Model 2.0 credential as a VC-JOSE JWT (`typ: vc+jwt`; the payload is the
 * credential itself, VC-JOSE-COSE section 3.1.1).
 *
 * @example
 * const jwt = await signVcJose({ credential, signer });
 */
export async function signVcJose(args: { credential: Record<string, unknown>; signer: JwsSigner }): Promise<string> {
  return signCompactJws({ typ: 'vc+jwt', cty: 'vc' }, args.credential, args.signer);
}

/** An `EnvelopedVerifiableCredential` (VC Data Model 2.0, section 4.13) carrying a VC-JOSE JWT. */
export interface EnvelopedCredential {
  '@context': string | string[];
  type: 'EnvelopedVerifiableCredential';
  id: string;
}

/** Wraps a VC-JOSE JWT in an `EnvelopedVerifiableCredential` with a `data:` URL. */
export function envelopeCredential(jwt: string): EnvelopedCredential {
  return { '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiableCredential', id: `data:${VC_JWT_MEDIA_TYPE},${jwt}` };
}
