import { signCompactJws } from './compact-jws.js';
import type { JwsSigner } from './jws-signer.js';
import { envelopeCredential } from './sign-vc-jose.js';

/** The media type of a VP secured with JOSE (VC-JOSE-COSE, section 3.2). */
export const VP_JWT_MEDIA_TYPE = 'application/vp+jwt';

/** Options for {@link signVpJose}. */
export interface SignVpJoseOptions {
  /** The holder's DID; its key signs. */
  holder: string;
  signer: JwsSigner;
  /** VC-JOSE JWTs to present. */
  credentials: string[];
  /** The verifier's challenge. */
  nonce: string;
  /** The verifier (its domain or client id). */
  audience: string;
  now?: Date;
  /** How long the presentation is good for, seconds. */
  lifetimeSeconds?: number;
}

/**
 * Builds a VC Data Model 2.0 presentation of enveloped VC-JOSE credentials, secured as a VP JWT
 * (`typ: vp+jwt`, VC-JOSE-COSE section 3.2) and bound to the verifier's nonce and audience with
 * the JWT `nonce` and `aud` claims.
 *
 * @example
 * const vpJwt = await signVpJose({ holder, signer, credentials: [vcJwt], nonce, audience: 'https://verifier.example' });
 */
export async function signVpJose(options: SignVpJoseOptions): Promise<string> {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const presentation = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiablePresentation'],
    holder: options.holder,
    verifiableCredential: options.credentials.map(envelopeCredential),
    iss: options.holder,
    aud: options.audience,
    nonce: options.nonce,
    iat,
    exp: iat + (options.lifetimeSeconds ?? 300),
  };
  return signCompactJws({ typ: 'vp+jwt', cty: 'vp' }, presentation, options.signer);
}

/** An `EnvelopedVerifiablePresentation` carrying a VP JWT. */
export function envelopePresentation(jwt: string): { '@context': string; type: 'EnvelopedVerifiablePresentation'; id: string } {
  return { '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiablePresentation', id: `data:${VP_JWT_MEDIA_TYPE},${jwt}` };
}
