import { ECDH } from 'node:crypto';
import type { IKey, IKeyManager, TAgent } from '@veramo/core';
import { PassportError } from '../errors/passport-error.js';
import type { JwsSigner, SupportedAlg } from '../jose/jws-signer.js';

const ALG_FOR_KEY_TYPE: Partial<Record<IKey['type'], SupportedAlg>> = { Ed25519: 'EdDSA', Secp256r1: 'ES256' };

/**
 * A {@link JwsSigner} that signs with a key held by Veramo's key manager.
 *
 * @example
 * const signer = createAgentSigner(agent, identifier.keys[0], `${identifier.did}#${identifier.keys[0].kid}`);
 * @throws PassportError `ERR_REQUEST_INVALID` for a key type we do not sign with.
 */
export function createAgentSigner(agent: TAgent<IKeyManager>, key: Pick<IKey, 'kid' | 'type'>, verificationMethodId: string): JwsSigner {
  const alg = ALG_FOR_KEY_TYPE[key.type];
  if (!alg) throw new PassportError('ERR_REQUEST_INVALID', `keys of type ${key.type} do not sign VC-JOSE credentials`);
  return {
    alg,
    kid: verificationMethodId,
    sign: (signingInput) => agent.keyManagerSign({ keyRef: key.kid, algorithm: alg, data: signingInput, encoding: 'utf-8' }),
  };
}

/** The public key of a Veramo key as a JWK (for DID documents). */
export function publicJwkOf(key: Pick<IKey, 'type' | 'publicKeyHex'>): Record<string, string> {
  const bytes = Buffer.from(key.publicKeyHex, 'hex');
  if (key.type === 'Ed25519') return { kty: 'OKP', crv: 'Ed25519', x: bytes.toString('base64url') };
  if (key.type === 'Secp256r1') {
    // Veramo keeps P-256 public keys compressed or uncompressed; a JWK needs both coordinates.
    const uncompressed = bytes.length === 65 ? bytes : (ECDH.convertKey(bytes, 'prime256v1', undefined, undefined, 'uncompressed') as Buffer);
    return { kty: 'EC', crv: 'P-256', x: uncompressed.subarray(1, 33).toString('base64url'), y: uncompressed.subarray(33, 65).toString('base64url') };
  }
  throw new PassportError('ERR_REQUEST_INVALID', `keys of type ${key.type} are not published`);
}
