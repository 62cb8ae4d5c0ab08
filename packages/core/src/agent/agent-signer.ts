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
    const uncompressed = bytes.length === 65 ? bytes : decompressP256(bytes);
    return { kty: 'EC', crv: 'P-256', x: uncompressed.subarray(1, 33).toString('base64url'), y: uncompressed.subarray(33, 65).toString('base64url') };
  }
  throw new PassportError('ERR_REQUEST_INVALID', `keys of type ${key.type} are not published`);
}

function decompressP256(compressed: Buffer): Buffer {
  // y^2 = x^3 - 3x + b over p (SEC 1, section 2.3.4).
  const p = BigInt('0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff');
  const b = BigInt('0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b');
  const x = BigInt(`0x${compressed.subarray(1).toString('hex')}`);
  const mod = (n: bigint): bigint => ((n % p) + p) % p;
  const pow = (base: bigint, exp: bigint): bigint => {
    let result = 1n;
    let acc = mod(base);
    for (let e = exp; e > 0n; e >>= 1n) {
      if (e & 1n) result = mod(result * acc);
      acc = mod(acc * acc);
    }
    return result;
  };
  let y = pow(mod(x * x * x - 3n * x + b), (p + 1n) / 4n);
  if ((y & 1n) !== BigInt(compressed[0]! & 1)) y = p - y;
  const hex = (n: bigint): string => n.toString(16).padStart(64, '0');
  return Buffer.from(`04${hex(x)}${hex(y)}`, 'hex');
}
