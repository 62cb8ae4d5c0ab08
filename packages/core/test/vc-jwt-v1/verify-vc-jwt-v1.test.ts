/**
 * VC Data Model 1.1 JWTs (`jwt_vc_json`, VC Data Model 1.1 section 6.3.1 "JSON Web Token") for
 * older wallets: our 2.0 credentials converted to 1.1, signed with the registered claims in place
 * of their properties, verified with the same checks as VC-JOSE, and presentations (`vp`, `nonce`,
 * `aud`). Issuers and holders are did:key (Ed25519), resolved offline by the default resolver.
 */
import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { STAFF_PASSPORT_CONTEXT_V1, VC_CONTEXT_V1, getCredentialType } from '@staff-passport/schemas';
import { encodeEd25519Multikey } from '../../src/data-integrity/index.js';
import { createDidResolver } from '../../src/did/create-did-resolver.js';
import { base64url, signCompactJws } from '../../src/jose/compact-jws.js';
import type { JwsSigner } from '../../src/jose/jws-signer.js';
import { signVcJose } from '../../src/jose/sign-vc-jose.js';
import { VC_JWT_V1_FORMAT, signVcJwtV1, signVpJwtV1, toVcDm11, verifyVcJwtV1, verifyVpJwtV1 } from '../../src/vc-jwt-v1/index.js';

interface DidKey {
  did: string;
  signer: JwsSigner;
  privateKey: KeyObject;
}

function didKey(): DidKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const multikey = encodeEd25519Multikey(publicKey);
  const did = `did:key:${multikey}`;
  return { did, privateKey, signer: { alg: 'EdDSA', kid: `${did}#${multikey}`, sign: async (input) => sign(null, Buffer.from(input), privateKey).toString('base64url') } };
}

const resolver = createDidResolver();
const issuer = didKey();
const holder = didKey();
const NOW = new Date('2026-10-01T12:00:00Z');
const trainingRecord = getCredentialType('TrainingRecord')!;

/** One of our VC Data Model 2.0 credentials, as the issuer builds it. */
function credentialV2(): Record<string, unknown> {
  const body = JSON.parse(JSON.stringify(trainingRecord.example).replaceAll('{holderDid}', holder.did)) as Record<string, unknown>;
  return {
    ...body,
    id: 'urn:uuid:0b7c3f4e-51a3-4c2e-9d4f-2f4b8a1e6c11',
    issuer: issuer.did,
    validFrom: '2026-09-14T09:00:00Z',
    validUntil: '2028-09-14T23:59:59Z',
    credentialSchema: { id: trainingRecord.schemaId, type: 'JsonSchema' },
    credentialStatus: { id: 'https://issuer.example/status/1#94567', type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '94567', statusListCredential: 'https://issuer.example/status/1' },
  };
}

function decode(jwt: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [h, p] = jwt.split('.');
  return { header: JSON.parse(Buffer.from(h!, 'base64url').toString()) as Record<string, unknown>, payload: JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown> };
}

function failed(checks: { outcome: string; check: string; code?: string }[]): string[] {
  return checks.filter((c) => c.outcome === 'failed').map((c) => `${c.check}:${c.code}`);
}

describe('toVcDm11', () => {
  it('rewrites a 2.0 credential in 1.1 form: 1.1 context, issuanceDate, expirationDate', () => {
    const v1 = toVcDm11(credentialV2());
    expect(v1['@context']).toEqual([VC_CONTEXT_V1, STAFF_PASSPORT_CONTEXT_V1, 'https://www.w3.org/ns/credentials/status/v1']);
    expect(v1).toMatchObject({ issuanceDate: '2026-09-14T09:00:00Z', expirationDate: '2028-09-14T23:59:59Z', issuer: issuer.did });
    expect(v1).not.toHaveProperty('validFrom');
    expect(v1).not.toHaveProperty('validUntil');
    expect(Object.keys(v1).indexOf('issuanceDate')).toBe(Object.keys(credentialV2()).indexOf('validFrom'));
  });

  it('takes the issuance date from the options when there is no validFrom, and refuses a 1.1 input', () => {
    const { validFrom: _from, ...noFrom } = credentialV2();
    expect(toVcDm11(noFrom, { issuanceDate: new Date('2026-09-15T10:11:12.345Z') })['issuanceDate']).toBe('2026-09-15T10:11:12Z');
    expect(() => toVcDm11(noFrom)).toThrow(expect.objectContaining({ code: 'ERR_VC_MALFORMED' }));
    expect(() => toVcDm11(toVcDm11(credentialV2()))).toThrow(expect.objectContaining({ code: 'ERR_VC_MALFORMED' }));
  });
});

describe('signVcJwtV1 and verifyVcJwtV1 (VC Data Model 1.1, 6.3.1)', () => {
  it('uses typ JWT and the registered claims instead of the duplicated properties', async () => {
    const v1 = toVcDm11(credentialV2());
    const jwt = await signVcJwtV1({ credential: v1, signer: issuer.signer, now: NOW });
    const { header, payload } = decode(jwt);
    expect(header).toEqual({ typ: 'JWT', alg: 'EdDSA', kid: issuer.signer.kid });
    expect(payload).toMatchObject({
      iss: issuer.did,
      sub: holder.did,
      jti: 'urn:uuid:0b7c3f4e-51a3-4c2e-9d4f-2f4b8a1e6c11',
      nbf: Date.parse('2026-09-14T09:00:00Z') / 1000,
      exp: Date.parse('2028-09-14T23:59:59Z') / 1000,
      iat: NOW.getTime() / 1000,
    });
    const vc = payload['vc'] as Record<string, unknown>;
    for (const moved of ['id', 'issuer', 'issuanceDate', 'expirationDate']) expect(vc).not.toHaveProperty(moved);
    expect(vc['credentialSubject']).not.toHaveProperty('id');
    expect(vc).toMatchObject({ '@context': v1['@context'], type: v1['type'], credentialSchema: v1['credentialSchema'], credentialStatus: v1['credentialStatus'] });
    expect(VC_JWT_V1_FORMAT).toBe('jwt_vc_json');
  });

  it('verifies with the same checks as VC-JOSE and gives back the 1.1 credential as signed', async () => {
    const v1 = toVcDm11(credentialV2());
    const jwt = await signVcJwtV1({ credential: v1, signer: issuer.signer, now: NOW });
    const result = await verifyVcJwtV1({ jwt, resolver, now: NOW });
    expect(result.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(result.checks.map((c) => c.check)).toEqual(['format', 'issuer', 'signature', 'validity', 'schema']);
    expect(result).toMatchObject({ verified: true, issuer: issuer.did, types: ['TrainingRecord'] });
    expect(result.credential).toEqual(v1);
  });

  it('keeps an issuer object: its id travels as iss, the rest stays in vc', async () => {
    const v1 = { ...toVcDm11(credentialV2()), issuer: { id: issuer.did, name: 'Example NHS Trust' } };
    const jwt = await signVcJwtV1({ credential: v1, signer: issuer.signer, now: NOW });
    expect((decode(jwt).payload['vc'] as Record<string, unknown>)['issuer']).toEqual({ name: 'Example NHS Trust' });
    const result = await verifyVcJwtV1({ jwt, resolver, now: NOW });
    expect(failed(result.checks)).toEqual([]);
    expect(result.credential?.['issuer']).toEqual({ id: issuer.did, name: 'Example NHS Trust' });
  });

  it('accepts the claims "in addition to" the properties when both agree (another issuer\'s style)', async () => {
    const v1 = toVcDm11(credentialV2());
    const payload = { iss: issuer.did, sub: holder.did, jti: v1['id'], nbf: Date.parse('2026-09-14T09:00:00Z') / 1000, exp: Date.parse('2028-09-14T23:59:59Z') / 1000, vc: v1 };
    const jwt = await signCompactJws({ typ: 'JWT' }, payload, issuer.signer);
    const result = await verifyVcJwtV1({ jwt, resolver, now: NOW });
    expect(failed(result.checks)).toEqual([]);
    expect(result.credential).toEqual(v1);
  });

  it('rebuilds the credential of the spec example payload (jti, iss, nbf, exp, sub)', async () => {
    // VC Data Model 1.1, section 6.3.1, example "JWT payload of a JWT-based verifiable credential".
    const payload = {
      sub: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
      jti: 'http://example.edu/credentials/3732',
      iss: 'https://example.com/keys/foo.jwk',
      nbf: 1541493724,
      iat: 1541493724,
      exp: 1573029723,
      nonce: '660!6345FSer',
      vc: {
        '@context': ['https://www.w3.org/2018/credentials/v1', 'https://www.w3.org/2018/credentials/examples/v1'],
        type: ['VerifiableCredential', 'UniversityDegreeCredential'],
        credentialSubject: { degree: { type: 'BachelorDegree', name: "<span lang='fr-CA'>Baccalauréat en musiques numériques</span>" } },
      },
    };
    const jwt = `${base64url(JSON.stringify({ alg: 'EdDSA', typ: 'JWT' }))}.${base64url(JSON.stringify(payload))}.${base64url(new Uint8Array(64))}`;
    const result = await verifyVcJwtV1({ jwt, resolver, now: new Date('2019-01-01T00:00:00Z') });
    expect(result.credential).toEqual({
      '@context': payload.vc['@context'],
      id: 'http://example.edu/credentials/3732',
      type: ['VerifiableCredential', 'UniversityDegreeCredential'],
      issuer: 'https://example.com/keys/foo.jwk',
      issuanceDate: '2018-11-06T08:42:04Z',
      expirationDate: '2019-11-06T08:42:03Z',
      credentialSubject: { id: 'did:example:ebfeb1f712ebc6f1c276e12ec21', ...payload.vc.credentialSubject },
    });
    // The format and the window are fine; the issuer is not a DID. It names no schema and is of no
    // catalogue type: the schema check is skipped, not failed (issue 18).
    expect(failed(result.checks)).toEqual(['issuer:ERR_VC_ISSUER_INVALID']);
    expect(result.checks.find((c) => c.check === 'schema')?.outcome).toBe('skipped');
  });

  it('refuses to sign a credential that is not in 1.1 form', async () => {
    await expect(signVcJwtV1({ credential: credentialV2(), signer: issuer.signer })).rejects.toMatchObject({ code: 'ERR_VC_MALFORMED' });
    const { issuanceDate: _d, ...noDate } = toVcDm11(credentialV2());
    await expect(signVcJwtV1({ credential: noDate, signer: issuer.signer })).rejects.toMatchObject({ code: 'ERR_VC_MALFORMED' });
    await expect(signVcJwtV1({ credential: { ...toVcDm11(credentialV2()), issuer: 'https://not-a-did.example' }, signer: issuer.signer })).rejects.toMatchObject({ code: 'ERR_VC_MALFORMED' });
  });
});

describe('verifyVcJwtV1 failures (reported, never thrown)', () => {
  async function signedV1(overrides: Record<string, unknown> = {}, signer = issuer.signer): Promise<string> {
    return signVcJwtV1({ credential: { ...toVcDm11(credentialV2()), ...overrides }, signer, now: NOW });
  }

  it('expired (ERR_VC_EXPIRED) and not yet valid (ERR_VC_NOT_YET_VALID), with the clock skew', async () => {
    const jwt = await signedV1();
    expect(failed((await verifyVcJwtV1({ jwt, resolver, now: new Date('2028-09-15T00:01:00Z') })).checks)).toEqual(['validity:ERR_VC_EXPIRED']);
    expect(failed((await verifyVcJwtV1({ jwt, resolver, now: new Date('2026-09-14T08:58:00Z') })).checks)).toEqual(['validity:ERR_VC_NOT_YET_VALID']);
    expect(failed((await verifyVcJwtV1({ jwt, resolver, now: new Date('2026-09-14T08:59:30Z') })).checks)).toEqual([]);
    expect(failed((await verifyVcJwtV1({ jwt, resolver, now: new Date('2026-09-14T08:59:30Z'), clockSkewSeconds: 0 })).checks)).toEqual(['validity:ERR_VC_NOT_YET_VALID']);
  });

  it('a tampered payload fails the signature (ERR_VC_SIGNATURE_INVALID)', async () => {
    const [h, p, s] = (await signedV1()).split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${h}.${base64url(JSON.stringify({ ...payload, exp: payload['exp'] as number + 3600 }))}.${s}`;
    expect(failed((await verifyVcJwtV1({ jwt: tampered, resolver, now: NOW })).checks)).toEqual(['signature:ERR_VC_SIGNATURE_INVALID']);
  });

  it('a key of another DID fails (ERR_VC_KEY_NOT_FOUND)', async () => {
    const other = didKey();
    const jwt = await signedV1({}, other.signer);
    expect(failed((await verifyVcJwtV1({ jwt, resolver, now: NOW })).checks)).toEqual(['signature:ERR_VC_KEY_NOT_FOUND']);
  });

  it('claims that contradict the vc properties, a VC-JOSE JWT, alg none or no JWT at all fail the format', async () => {
    const v1 = toVcDm11(credentialV2());
    const contradicting = await signCompactJws({ typ: 'JWT' }, { iss: issuer.did, jti: 'urn:uuid:another', nbf: 1789376400, vc: v1 }, issuer.signer);
    const r1 = await verifyVcJwtV1({ jwt: contradicting, resolver, now: NOW });
    expect(failed(r1.checks)).toEqual(['format:ERR_VC_MALFORMED']);
    expect(r1.checks[0]?.message).toContain('jti');

    const joseJwt = await signVcJose({ credential: credentialV2(), signer: issuer.signer });
    expect(failed((await verifyVcJwtV1({ jwt: joseJwt, resolver, now: NOW })).checks)).toContain('format:ERR_VC_MALFORMED');

    const none = `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify({ iss: issuer.did, vc: v1 }))}.`;
    expect(failed((await verifyVcJwtV1({ jwt: none, resolver, now: NOW })).checks)).toEqual(['format:ERR_VC_ALG_UNSUPPORTED']);
    expect(failed((await verifyVcJwtV1({ jwt: 'not.a.jwt!', resolver, now: NOW })).checks)).toEqual(['format:ERR_VC_MALFORMED']);
  });

  it('claims that break the schema fail it (ERR_VC_SCHEMA_INVALID)', async () => {
    const v1 = toVcDm11(credentialV2());
    const subject = v1['credentialSubject'] as { training: Record<string, unknown> };
    const jwt = await signedV1({ credentialSubject: { ...subject, training: { ...subject.training, level: 'expert' } } });
    const result = await verifyVcJwtV1({ jwt, resolver, now: NOW });
    expect(failed(result.checks)).toEqual(['schema:ERR_VC_SCHEMA_INVALID']);
    expect(result.checks.find((c) => c.check === 'schema')?.issues?.map((i) => i.path)).toContain('credentialSubject.training.level');
  });
});

describe('VC Data Model 1.1 presentation JWTs (vp, nonce, aud)', () => {
  const nonce = 'n-0S6_WzA2Mj';
  const audience = 'https://verifier.nhs-trust.example';

  async function vpJwt(options: { credentials?: string[]; by?: DidKey; now?: Date } = {}): Promise<string> {
    const credentials = options.credentials ?? [await signVcJwtV1({ credential: toVcDm11(credentialV2()), signer: issuer.signer, now: NOW })];
    const by = options.by ?? holder;
    return signVpJwtV1({ holder: by.did, signer: by.signer, credentials, nonce, audience, id: 'urn:uuid:7d1b1a4e-8c55-4b8e-a3a9-2d9f6f1c0a77', now: options.now ?? NOW });
  }

  it('signs with iss, aud, nonce, jti and the vp claim holding the credential JWTs', async () => {
    const jwt = await vpJwt();
    const { header, payload } = decode(jwt);
    expect(header).toEqual({ typ: 'JWT', alg: 'EdDSA', kid: holder.signer.kid });
    expect(payload).toMatchObject({ iss: holder.did, aud: audience, nonce, jti: 'urn:uuid:7d1b1a4e-8c55-4b8e-a3a9-2d9f6f1c0a77', iat: NOW.getTime() / 1000, exp: NOW.getTime() / 1000 + 300 });
    expect(payload['vp']).toEqual({ '@context': [VC_CONTEXT_V1], type: ['VerifiablePresentation'], verifiableCredential: [expect.stringMatching(/^eyJ/)] });
  });

  it('verifies the holder, nonce, audience, freshness and every credential bound to the holder', async () => {
    const result = await verifyVpJwtV1({ jwt: await vpJwt(), challenge: nonce, domain: audience, resolver, now: NOW });
    expect(failed(result.checks)).toEqual([]);
    expect(result.checks.map((c) => c.check)).toEqual(['presentation.format', 'presentation.signature', 'presentation.nonce', 'presentation.audience', 'presentation.validity']);
    expect(result.credentials.map((c) => c.checks.map((x) => x.check))).toEqual([['format', 'issuer', 'signature', 'validity', 'schema', 'holder-binding']]);
    expect(result).toMatchObject({ verified: true, holder: holder.did });
  });

  it('accepts VC-JOSE credentials in a 1.1 presentation too', async () => {
    const joseJwt = await signVcJose({ credential: credentialV2(), signer: issuer.signer });
    const result = await verifyVpJwtV1({ jwt: await vpJwt({ credentials: [joseJwt] }), challenge: nonce, domain: audience, resolver, now: NOW });
    expect(failed([...result.checks, ...result.credentials.flatMap((c) => c.checks)])).toEqual([]);
    expect(result.verified).toBe(true);
  });

  it('refuses another nonce, another audience, an expired presentation, another holder\'s credential and an empty one', async () => {
    const jwt = await vpJwt();
    expect(failed((await verifyVpJwtV1({ jwt, challenge: 'other', domain: audience, resolver, now: NOW })).checks)).toEqual(['presentation.nonce:ERR_VP_NONCE_MISMATCH']);
    expect(failed((await verifyVpJwtV1({ jwt, challenge: nonce, domain: 'https://other.example', resolver, now: NOW })).checks)).toEqual(['presentation.audience:ERR_VP_AUDIENCE_MISMATCH']);
    expect(failed((await verifyVpJwtV1({ jwt, challenge: nonce, domain: audience, resolver, now: new Date(NOW.getTime() + 3600_000) })).checks)).toEqual(['presentation.validity:ERR_VP_EXPIRED']);

    const stranger = didKey();
    const notTheirs = await verifyVpJwtV1({ jwt: await vpJwt({ by: stranger }), challenge: nonce, domain: audience, resolver, now: NOW });
    expect(failed(notTheirs.credentials[0]!.checks)).toEqual(['holder-binding:ERR_VP_HOLDER_MISMATCH']);
    expect(notTheirs.verified).toBe(false);

    const empty = await verifyVpJwtV1({ jwt: await vpJwt({ credentials: [] }), challenge: nonce, domain: audience, resolver, now: NOW });
    expect(failed(empty.checks)).toEqual(['presentation.credentials:ERR_VP_EMPTY']);
  });

  it('refuses a presentation signed with a key the holder DID does not list (ERR_VP_KEY_NOT_FOUND)', async () => {
    const stranger = didKey();
    const signer: JwsSigner = { ...stranger.signer, kid: holder.signer.kid.replace(/#.*/, `#${stranger.did.slice('did:key:'.length)}`) };
    const jwt = await signVpJwtV1({ holder: holder.did, signer, credentials: [], nonce, audience, now: NOW });
    expect(failed((await verifyVpJwtV1({ jwt, challenge: nonce, domain: audience, resolver, now: NOW })).checks)).toContain('presentation.signature:ERR_VP_KEY_NOT_FOUND');
  });
});
