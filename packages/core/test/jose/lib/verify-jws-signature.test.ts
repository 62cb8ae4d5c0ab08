/**
 * The JWS signature check of VC-JOSE credentials and VP JWTs (issue 9 fast path): a synchronous
 * node:crypto verify for the common header, jose for anything unusual (RFC 7515, section 4.1.11:
 * a `crit` header the verifier does not understand must be rejected). A VP is verified the same
 * whether or not its caller hands over the JWS already decoded.
 */
import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { importJWK, type CryptoKey, type JWK } from 'jose';
import { createDidResolver } from '../../../src/did/create-did-resolver.js';
import { decodeCompactJws, signCompactJws } from '../../../src/jose/compact-jws.js';
import { verifyJwsSignature } from '../../../src/jose/lib/verify-jws-signature.js';
import { signVpJose } from '../../../src/jose/sign-vp-jose.js';
import { verifyVpJose } from '../../../src/jose/verify-vp-jose.js';
import { createNodeJwsSigner } from '../../../src/sd-jwt/default-crypto.js';

async function keyPair(alg: 'EdDSA' | 'ES256'): Promise<{ signer: ReturnType<typeof createNodeJwsSigner>; publicKey: CryptoKey; publicJwk: JWK }> {
  const pair = alg === 'EdDSA' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicJwk = pair.publicKey.export({ format: 'jwk' }) as JWK;
  return { signer: createNodeJwsSigner({ privateKey: pair.privateKey, kid: 'did:example:issuer#key-1' }), publicKey: (await importJWK(publicJwk, alg)) as CryptoKey, publicJwk };
}

function tamper(jwt: string): string {
  const [header, payload, signature] = jwt.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
  return [header, Buffer.from(JSON.stringify({ ...claims, name: 'Mallory' })).toString('base64url'), signature].join('.');
}

describe.each(['EdDSA', 'ES256'] as const)('%s', (alg) => {
  it('accepts its own signature and refuses a changed payload, a cut signature and another key', async () => {
    const { signer, publicKey } = await keyPair(alg);
    const other = await keyPair(alg);
    const jwt = await signCompactJws({ typ: 'vc+jwt' }, { name: 'Alice' }, signer);
    const { header } = decodeCompactJws(jwt, 'ERR_VC_MALFORMED');
    await expect(verifyJwsSignature(jwt, header, publicKey, alg)).resolves.toBeUndefined();
    await expect(verifyJwsSignature(tamper(jwt), header, publicKey, alg)).rejects.toThrow();
    await expect(verifyJwsSignature(jwt.slice(0, -4), header, publicKey, alg)).rejects.toThrow();
    await expect(verifyJwsSignature(jwt, header, other.publicKey, alg)).rejects.toThrow();
    // A key of the other algorithm's type never verifies.
    const wrongType = await keyPair(alg === 'EdDSA' ? 'ES256' : 'EdDSA');
    await expect(verifyJwsSignature(jwt, header, wrongType.publicKey, alg)).rejects.toThrow();
  });
});

it('leaves a header with crit to jose, which refuses an extension it does not know (RFC 7515, section 4.1.11)', async () => {
  const { signer, publicKey } = await keyPair('EdDSA');
  const jwt = await signCompactJws({ typ: 'vc+jwt', crit: ['urn:example:unknown'], 'urn:example:unknown': true }, { name: 'Alice' }, signer);
  const { header } = decodeCompactJws(jwt, 'ERR_VC_MALFORMED');
  await expect(verifyJwsSignature(jwt, header, publicKey, 'EdDSA')).rejects.toThrow(/not recognized|crit/i);
});

it('verifies a VP JWT the same with the JWS decoded by the caller, and refuses a forged holder signature', async () => {
  const pair = generateKeyPairSync('ed25519');
  const jwk = pair.publicKey.export({ format: 'jwk' }) as JWK;
  const holder = `did:jwk:${Buffer.from(JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x })).toString('base64url')}`;
  const signer = createNodeJwsSigner({ privateKey: pair.privateKey, kid: `${holder}#0` });
  const resolver = createDidResolver();
  const now = new Date();
  const options = { challenge: 'nonce-1', domain: 'https://verifier.example', resolver, now };
  const vp = await signVpJose({ holder, signer, credentials: [], nonce: 'nonce-1', audience: 'https://verifier.example', now });

  const plain = await verifyVpJose({ jwt: vp, ...options });
  const predecoded = await verifyVpJose({ jwt: vp, decoded: decodeCompactJws(vp, 'ERR_VP_MALFORMED'), ...options });
  expect(predecoded).toEqual(plain);
  expect(plain.checks.find((c) => c.check === 'presentation.signature')?.outcome).toBe('passed');

  const forged = await verifyVpJose({ jwt: tamper(vp), ...options });
  expect(forged.checks.find((c) => c.check === 'presentation.signature')).toMatchObject({ outcome: 'failed', code: 'ERR_VP_SIGNATURE_INVALID' });
});
