/** A did:jwk issuer with an Ed25519 key held in memory, for status list tests (not a test file). */
import { generateKeyPairSync, sign } from 'node:crypto';
import type { JwsSigner } from '../../src/jose/jws-signer.js';

export interface TestIssuer {
  did: string;
  signer: JwsSigner;
}

export function makeTestIssuer(): TestIssuer {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  const did = `did:jwk:${Buffer.from(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })).toString('base64url')}`;
  return {
    did,
    signer: { alg: 'EdDSA', kid: `${did}#0`, sign: async (input) => sign(null, Buffer.from(input), privateKey).toString('base64url') },
  };
}

/** The PassportError code a function throws, or what went wrong instead. */
export function codeOfThrown(fn: () => unknown): string {
  try {
    fn();
    return 'did not throw';
  } catch (err: unknown) {
    const code = (err as { code?: unknown } | null)?.code;
    return typeof code === 'string' ? code : `no code: ${String(err)}`;
  }
}
