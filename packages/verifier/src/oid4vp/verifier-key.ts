import type { KeyObject } from 'node:crypto';
import type { JwsSigner } from '@staff-passport/core';

/** The verifier's OpenID4VP signing key: it signs request objects as `decentralized_identifier:<did>`. */
export interface VerifierKey {
  /** The verifier's did:web, from the origin of its public URL. */
  did: string;
  /** The verification method (DID URL) named in the request object's `kid` header. */
  kid: string;
  /** The public key as a JWK (OKP, Ed25519). */
  publicJwk: { kty: string; crv: string; x: string };
  privateKey: KeyObject;
  signer: JwsSigner;
}
