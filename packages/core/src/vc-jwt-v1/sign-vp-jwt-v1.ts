import { VC_CONTEXT_V1 } from '@staff-passport/schemas';
import { signCompactJws } from '../jose/compact-jws.js';
import type { JwsSigner } from '../jose/jws-signer.js';

/** Options for {@link signVpJwtV1}. */
export interface SignVpJwtV1Options {
  /** The holder's DID; its key signs. */
  holder: string;
  signer: JwsSigner;
  /** VC Data Model 1.1 JWTs to present. */
  credentials: string[];
  /** The verifier's challenge. */
  nonce: string;
  /** The verifier (its domain or client id). */
  audience: string;
  /** The presentation's id, carried as `jti`. */
  id?: string;
  now?: Date;
  /** How long the presentation is good for, seconds. */
  lifetimeSeconds?: number;
}

/**
 * Builds a VC Data Model 1.1 presentation of VC 1.1 JWTs, secured as a JWT (section 6.3.1):
 * header `typ: JWT`; `iss` the holder (instead of `vp.holder`), `aud` the verifier, `nonce` its
 * challenge, `jti` the id, `nbf`/`iat`/`exp`; the `vp` claim lists the credential JWTs as they are.
 * For older wallets and verifiers that take `jwt_vp_json`.
 *
 * @example
 * const vpJwt = await signVpJwtV1({ holder, signer, credentials: [vcJwt], nonce, audience: 'https://verifier.example' });
 */
export async function signVpJwtV1(options: SignVpJwtV1Options): Promise<string> {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const payload = {
    iss: options.holder,
    aud: options.audience,
    nonce: options.nonce,
    ...(options.id === undefined ? {} : { jti: options.id }),
    nbf: iat,
    iat,
    exp: iat + (options.lifetimeSeconds ?? 300),
    vp: {
      '@context': [VC_CONTEXT_V1],
      type: ['VerifiablePresentation'],
      verifiableCredential: options.credentials,
    },
  };
  return signCompactJws({ typ: 'JWT' }, payload, options.signer);
}
