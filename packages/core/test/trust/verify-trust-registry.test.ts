/**
 * Signing and verifying a trust registry. Verification is against the keys the verifier is
 * configured with, never against anything the registry says about itself: the header's `alg`
 * cannot choose `none` or HMAC (RFC 8725, sections 2.1 and 3.1), `typ` is explicit (RFC 8725,
 * section 3.11), and an unknown `kid` or another key fails the signature check.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { base64url, signCompactJws } from '../../src/jose/compact-jws.js';
import {
  createJwkSigner,
  generateRegistryKey,
  signTrustRegistry,
  verifyTrustRegistry,
  type RegistryKeyPair,
  type TrustRegistryVerification,
} from '../../src/trust/index.js';
import { NOW, sampleRegistry } from './registry-fixture.js';

function failedCodes(r: TrustRegistryVerification): Record<string, string | undefined> {
  return Object.fromEntries(r.checks.filter((c) => c.outcome === 'failed').map((c) => [c.check, c.code]));
}

let ed: RegistryKeyPair;
let es: RegistryKeyPair;
let other: RegistryKeyPair;
let jws: string;

beforeAll(async () => {
  [ed, es, other] = await Promise.all([generateRegistryKey('EdDSA'), generateRegistryKey('ES256'), generateRegistryKey('EdDSA')]);
  jws = await signTrustRegistry({ registry: sampleRegistry(), signer: await createJwkSigner(ed.privateJwk) });
});

describe('generateRegistryKey and createJwkSigner', () => {
  it('make pinned key pairs whose kid is the thumbprint, and signers that use it', async () => {
    expect(ed.publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', kid: ed.privateJwk.kid });
    expect(ed.publicJwk).not.toHaveProperty('d');
    expect(es.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    const signer = await createJwkSigner(es.privateJwk);
    expect(signer).toMatchObject({ alg: 'ES256', kid: es.publicJwk.kid });
    const { kid: _kid, ...noKid } = es.privateJwk;
    expect((await createJwkSigner(noKid)).kid).toBe(es.publicJwk.kid);
  });

  it('refuse public, symmetric and mislabelled keys', async () => {
    await expect(createJwkSigner(ed.publicJwk)).rejects.toMatchObject({ code: 'ERR_CONFIG_INVALID' });
    await expect(createJwkSigner({ kty: 'oct', k: 'c2VjcmV0' })).rejects.toMatchObject({ code: 'ERR_CONFIG_INVALID' });
    await expect(createJwkSigner({ ...ed.privateJwk, alg: 'ES256' })).rejects.toMatchObject({ code: 'ERR_CONFIG_INVALID', field: 'alg' });
  });
});

describe('signTrustRegistry and verifyTrustRegistry', () => {
  it('round-trips with EdDSA: every check passes and the registry comes back', async () => {
    const header = JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;
    expect(header).toEqual({ typ: 'trust-registry+jwt', alg: 'EdDSA', kid: ed.publicJwk.kid });
    const r = await verifyTrustRegistry({ jws, trustedKeys: [other.publicJwk, ed.publicJwk], now: NOW });
    expect(r.checks.map((c) => [c.check, c.outcome])).toEqual([
      ['trustRegistry.format', 'passed'],
      ['trustRegistry.signature', 'passed'],
      ['trustRegistry.document', 'passed'],
      ['trustRegistry.validity', 'passed'],
    ]);
    expect(r).toMatchObject({ verified: true, kid: ed.publicJwk.kid, registry: sampleRegistry() });
  });

  it('round-trips with ES256', async () => {
    const signed = await signTrustRegistry({ registry: sampleRegistry(), signer: await createJwkSigner(es.privateJwk) });
    const r = await verifyTrustRegistry({ jws: signed, trustedKeys: [es.publicJwk], now: NOW });
    expect(r.verified).toBe(true);
  });

  it('refuses to sign an invalid registry', async () => {
    const registry = { ...sampleRegistry(), version: 'seven' } as unknown as ReturnType<typeof sampleRegistry>;
    await expect(signTrustRegistry({ registry, signer: await createJwkSigner(ed.privateJwk) })).rejects.toMatchObject({
      code: 'ERR_TRUST_REGISTRY_INVALID',
      field: 'version',
    });
  });
});

describe('verifyTrustRegistry failures', () => {
  it('a tampered payload: ERR_TRUST_REGISTRY_SIGNATURE_INVALID', async () => {
    const [h, , s] = jws.split('.');
    const forged = { ...sampleRegistry(), entries: [...sampleRegistry().entries, { ...sampleRegistry().entries[0]!, did: 'did:web:evil.example', odsCode: 'RXX' }] };
    const r = await verifyTrustRegistry({ jws: `${h}.${base64url(JSON.stringify(forged))}.${s}`, trustedKeys: [ed.publicJwk], now: NOW });
    expect(r.verified).toBe(false);
    expect(r.registry).toBeUndefined();
    expect(failedCodes(r)).toEqual({ 'trustRegistry.signature': 'ERR_TRUST_REGISTRY_SIGNATURE_INVALID' });
  });

  it('signed by another key: unknown kid, or a trusted kid claimed by the wrong key', async () => {
    const byOther = await signTrustRegistry({ registry: sampleRegistry(), signer: await createJwkSigner(other.privateJwk) });
    const r1 = await verifyTrustRegistry({ jws: byOther, trustedKeys: [ed.publicJwk], now: NOW });
    expect(failedCodes(r1)).toEqual({ 'trustRegistry.signature': 'ERR_TRUST_REGISTRY_SIGNATURE_INVALID' });
    expect(r1.checks[1]!.message).toMatch(/no trusted key/);

    const impostor = await signTrustRegistry({ registry: sampleRegistry(), signer: await createJwkSigner({ ...other.privateJwk, kid: ed.publicJwk.kid! }) });
    const r2 = await verifyTrustRegistry({ jws: impostor, trustedKeys: [ed.publicJwk], now: NOW });
    expect(failedCodes(r2)).toEqual({ 'trustRegistry.signature': 'ERR_TRUST_REGISTRY_SIGNATURE_INVALID' });
  });

  it('alg none: ERR_TRUST_REGISTRY_SIGNATURE_INVALID', async () => {
    const unsigned = `${base64url(JSON.stringify({ typ: 'trust-registry+jwt', alg: 'none', kid: ed.publicJwk.kid }))}.${base64url(JSON.stringify(sampleRegistry()))}.`;
    const r = await verifyTrustRegistry({ jws: unsigned, trustedKeys: [ed.publicJwk], now: NOW });
    expect(r.verified).toBe(false);
    expect(failedCodes(r)).toEqual({ 'trustRegistry.signature': 'ERR_TRUST_REGISTRY_SIGNATURE_INVALID' });
  });

  it('HS256 keyed with the trusted public key as the secret: ERR_TRUST_REGISTRY_SIGNATURE_INVALID', async () => {
    const input = `${base64url(JSON.stringify({ typ: 'trust-registry+jwt', alg: 'HS256', kid: ed.publicJwk.kid }))}.${base64url(JSON.stringify(sampleRegistry()))}`;
    for (const secret of [JSON.stringify(ed.publicJwk), Buffer.from(ed.publicJwk.x!, 'base64url')]) {
      const forged = `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
      const r = await verifyTrustRegistry({ jws: forged, trustedKeys: [ed.publicJwk], now: NOW });
      expect(failedCodes(r)).toEqual({ 'trustRegistry.signature': 'ERR_TRUST_REGISTRY_SIGNATURE_INVALID' });
    }
  });

  it('an algorithm the trusted key does not sign: ERR_TRUST_REGISTRY_SIGNATURE_INVALID', async () => {
    const signer = await createJwkSigner(ed.privateJwk);
    const lying = await signCompactJws({ typ: 'trust-registry+jwt' }, sampleRegistry(), { ...signer, alg: 'ES256' });
    const r = await verifyTrustRegistry({ jws: lying, trustedKeys: [ed.publicJwk], now: NOW });
    expect(failedCodes(r)).toEqual({ 'trustRegistry.signature': 'ERR_TRUST_REGISTRY_SIGNATURE_INVALID' });
  });

  it('expired: ERR_TRUST_REGISTRY_EXPIRED', async () => {
    const r = await verifyTrustRegistry({ jws, trustedKeys: [ed.publicJwk], now: new Date('2025-06-29T00:01:01Z') });
    expect(r.verified).toBe(false);
    expect(failedCodes(r)).toEqual({ 'trustRegistry.validity': 'ERR_TRUST_REGISTRY_EXPIRED' });
  });

  it('issued in the future, or older than a version already seen: ERR_TRUST_REGISTRY_INVALID', async () => {
    const early = await verifyTrustRegistry({ jws, trustedKeys: [ed.publicJwk], now: new Date('2025-05-29T00:00:00Z') });
    expect(failedCodes(early)).toEqual({ 'trustRegistry.validity': 'ERR_TRUST_REGISTRY_INVALID' });
    const rollback = await verifyTrustRegistry({ jws, trustedKeys: [ed.publicJwk], now: NOW, minVersion: 8 });
    expect(failedCodes(rollback)).toEqual({ 'trustRegistry.version': 'ERR_TRUST_REGISTRY_INVALID' });
    expect((await verifyTrustRegistry({ jws, trustedKeys: [ed.publicJwk], now: NOW, minVersion: 7 })).verified).toBe(true);
  });

  it('malformed: not a JWS, not JSON, the wrong typ, or a signed document with bad fields: ERR_TRUST_REGISTRY_INVALID', async () => {
    for (const bad of ['', 'a.b', 'a.b.c.d', 'a!.b.c', `${base64url('not json')}.${base64url('{}')}.`]) {
      const r = await verifyTrustRegistry({ jws: bad, trustedKeys: [ed.publicJwk], now: NOW });
      expect(failedCodes(r)).toEqual({ 'trustRegistry.format': 'ERR_TRUST_REGISTRY_INVALID' });
    }
    const signer = await createJwkSigner(ed.privateJwk);
    const wrongTyp = await signCompactJws({ typ: 'JWT' }, sampleRegistry(), signer);
    expect(failedCodes(await verifyTrustRegistry({ jws: wrongTyp, trustedKeys: [ed.publicJwk], now: NOW }))).toEqual({
      'trustRegistry.format': 'ERR_TRUST_REGISTRY_INVALID',
    });
    const badDoc = await signCompactJws({ typ: 'trust-registry+jwt' }, { ...sampleRegistry(), entries: [{ did: 'x' }] }, signer);
    const r = await verifyTrustRegistry({ jws: badDoc, trustedKeys: [ed.publicJwk], now: NOW });
    expect(failedCodes(r)).toEqual({ 'trustRegistry.document': 'ERR_TRUST_REGISTRY_INVALID' });
    const document = r.checks.find((c) => c.check === 'trustRegistry.document')!;
    expect(document.issues!.map((i) => i.path)).toEqual(expect.arrayContaining(['entries.0.did', 'entries.0.odsCode']));
  });

  it('bad configuration throws ERR_CONFIG_INVALID: a trusted key without kid, or a symmetric key', async () => {
    const { kid: _kid, ...noKid } = ed.publicJwk;
    await expect(verifyTrustRegistry({ jws, trustedKeys: [noKid], now: NOW })).rejects.toMatchObject({ code: 'ERR_CONFIG_INVALID', field: 'trustedKeys.0.kid' });
    await expect(verifyTrustRegistry({ jws, trustedKeys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 'hmac' }], now: NOW })).rejects.toMatchObject({
      code: 'ERR_CONFIG_INVALID',
    });
  });
});
