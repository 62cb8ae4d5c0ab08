/**
 * A JWS without `kid` (RFC 7515, section 4.1.4: `kid` is OPTIONAL) verifies when the signer's DID
 * document lists exactly one key for the purpose: VC Data Model 1.1 JWTs and presentations as
 * `did-jwt-vc` (and so Veramo) sign them by default, by a did:key, and a VC-JOSE JWT with a header
 * of `alg` and `typ` only. With two keys and no `kid`, which one signed is ambiguous: refused.
 */
import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, sign } from 'node:crypto';
import { EdDSASigner } from 'did-jwt';
import { createVerifiableCredentialJwt, createVerifiablePresentationJwt, type Issuer } from 'did-jwt-vc';
import type { DIDDocument, Resolvable } from 'did-resolver';
import { encodeEd25519Multikey } from '../../src/data-integrity/index.js';
import { createDidResolver } from '../../src/did/create-did-resolver.js';
import { base64url } from '../../src/jose/compact-jws.js';
import { findVerificationKey } from '../../src/jose/find-verification-key.js';
import { verifyVcJose } from '../../src/jose/verify-vc-jose.js';
import { verifyVcJwtV1, verifyVpJwtV1 } from '../../src/vc-jwt-v1/index.js';

const resolver = createDidResolver();
const NOW = new Date('2026-10-01T12:00:00Z');

function didKeyIssuer(): Issuer & { privateKey: ReturnType<typeof generateKeyPairSync>['privateKey'] } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  return { did: `did:key:${encodeEd25519Multikey(publicKey)}`, signer: EdDSASigner(new Uint8Array(seed)), alg: 'EdDSA', privateKey };
}

function headerOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

function failed(checks: { outcome: string; check: string; code?: string }[]): string[] {
  return checks.filter((c) => c.outcome === 'failed').map((c) => `${c.check}:${c.code}`);
}

const issuer = didKeyIssuer();
const holder = didKeyIssuer();

/** A VC Data Model 1.1 credential of no catalogue type, as any other issuer writes one. */
const credentialPayload = {
  sub: holder.did,
  nbf: Math.floor(Date.parse('2026-09-01T00:00:00Z') / 1000),
  vc: {
    '@context': ['https://www.w3.org/2018/credentials/v1'],
    type: ['VerifiableCredential', 'ExampleMembershipCredential'],
    credentialSubject: { memberOf: 'Example Society' },
  },
};

describe('a JWS without kid, from did-jwt-vc (VC Data Model 1.1 JWT, did:key issuer)', () => {
  it('did-jwt-vc signs without kid, and verifyVcJwtV1 finds the only assertion key of the did:key', async () => {
    const jwt = await createVerifiableCredentialJwt(credentialPayload, issuer);
    expect(headerOf(jwt)).toEqual({ alg: 'EdDSA', typ: 'JWT' });
    const result = await verifyVcJwtV1({ jwt, resolver, now: NOW });
    expect(failed(result.checks)).toEqual([]);
    expect(result.checks.find((c) => c.check === 'signature')?.outcome).toBe('passed');
    expect(result.verified).toBe(true);
    expect(result.issuer).toBe(issuer.did);
  });

  it('a tampered payload still fails the signature check', async () => {
    const jwt = await createVerifiableCredentialJwt(credentialPayload, issuer);
    const [h, , s] = jwt.split('.');
    const forged = `${h}.${base64url(JSON.stringify({ ...credentialPayload, iss: issuer.did, sub: 'did:example:someone-else' }))}.${s}`;
    expect(failed((await verifyVcJwtV1({ jwt: forged, resolver, now: NOW })).checks)).toEqual(['signature:ERR_VC_SIGNATURE_INVALID']);
  });

  it("a presentation did-jwt-vc signs without kid verifies with the holder's only authentication key", async () => {
    const vcJwt = await createVerifiableCredentialJwt(credentialPayload, issuer);
    const vpJwt = await createVerifiablePresentationJwt(
      { vp: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiablePresentation'], verifiableCredential: [vcJwt] } },
      holder,
      { challenge: 'nonce-123', domain: 'https://verifier.example' },
    );
    expect(headerOf(vpJwt)['kid']).toBeUndefined();
    const result = await verifyVpJwtV1({ jwt: vpJwt, challenge: 'nonce-123', domain: 'https://verifier.example', resolver, now: NOW });
    expect(failed(result.checks)).toEqual([]);
    expect(result.credentials.map((c) => c.verified)).toEqual([true]);
    expect(result.verified).toBe(true);
  });
});

describe('a VC-JOSE JWT without kid (header {alg, typ} only, made with node:crypto)', () => {
  it('verifies with the did:key issuer\'s only assertion key', async () => {
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential', 'ExampleMembershipCredential'],
      issuer: issuer.did,
      validFrom: '2026-09-01T00:00:00Z',
      credentialSubject: { id: holder.did, memberOf: 'Example Society' },
    };
    const input = `${base64url(JSON.stringify({ alg: 'EdDSA', typ: 'vc+jwt' }))}.${base64url(JSON.stringify(credential))}`;
    const jwt = `${input}.${sign(null, Buffer.from(input), issuer.privateKey).toString('base64url')}`;
    const result = await verifyVcJose({ jwt, resolver, now: NOW });
    expect(failed(result.checks)).toEqual([]);
    expect(result.verified).toBe(true);
  });
});

describe('findVerificationKey without kid', () => {
  function documentWith(keys: number): { did: string; resolver: Resolvable } {
    const did = 'did:web:two-keys.example';
    const methods = Array.from({ length: keys }, (_, i) => ({
      id: `${did}#key-${i + 1}`,
      type: 'JsonWebKey2020',
      controller: did,
      publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x! },
    }));
    const document: DIDDocument = { id: did, verificationMethod: methods, assertionMethod: methods.map((m) => m.id), authentication: [] };
    return { did, resolver: { resolve: async () => ({ didDocument: document, didResolutionMetadata: {}, didDocumentMetadata: {} }) } };
  }

  it('takes the only key listed for the purpose', async () => {
    const { did, resolver: one } = documentWith(1);
    await expect(findVerificationKey(one, did, undefined, 'EdDSA', 'assertionMethod', 'ERR_VC_KEY_NOT_FOUND')).resolves.toMatchObject({ alg: 'EdDSA' });
  });

  it('refuses when the purpose lists two keys, or none: ERR_VC_KEY_NOT_FOUND', async () => {
    const { did, resolver: two } = documentWith(2);
    await expect(findVerificationKey(two, did, undefined, 'EdDSA', 'assertionMethod', 'ERR_VC_KEY_NOT_FOUND')).rejects.toMatchObject({ code: 'ERR_VC_KEY_NOT_FOUND' });
    await expect(findVerificationKey(two, did, undefined, 'EdDSA', 'authentication', 'ERR_VP_KEY_NOT_FOUND')).rejects.toMatchObject({ code: 'ERR_VP_KEY_NOT_FOUND' });
  });

  it('refuses the only key when it is not of the JWS algorithm', async () => {
    const { did, resolver: one } = documentWith(1);
    await expect(findVerificationKey(one, did, undefined, 'ES256', 'assertionMethod', 'ERR_VC_KEY_NOT_FOUND')).rejects.toMatchObject({ code: 'ERR_VC_KEY_NOT_FOUND' });
  });
});
