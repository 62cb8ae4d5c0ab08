/**
 * Data Integrity (eddsa-rdfc-2022) credentials and presentations of our catalogue: signed and
 * verified with issuer keys as JsonWebKey2020 (our did:web issuers today) and as Multikey, then
 * the negative cases as a block of their own (VC Data Integrity 1.0, section 4.3 "Verify Proof";
 * Data Integrity EdDSA Cryptosuites v1.0, section 3.2.2).
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CATALOGUE, STAFF_PASSPORT_CONTEXT_V1, getCredentialType, type CredentialTypeDefinition } from '@staff-passport/schemas';
import { PassportError } from '../../src/errors/passport-error.js';
import { signVcJose } from '../../src/jose/sign-vc-jose.js';
import type { JwsSigner } from '../../src/jose/jws-signer.js';
import { sign as cryptoSign } from 'node:crypto';
import {
  createEd25519Signer,
  findUndefinedTerms,
  signDataIntegrity,
  verifyDataIntegrity,
  verifyDataIntegrityCredential,
  verifyDataIntegrityPresentation,
  type DataIntegrityProof,
} from '../../src/data-integrity/index.js';
import { toVcDm11 } from '../../src/vc-jwt-v1/index.js';
import { createIdentity, staticResolver, type TestIdentity } from './helpers/issuer-keys.js';

const VALID_FROM = '2026-09-14T09:00:00Z';
const NOW = new Date('2026-10-01T12:00:00Z');
const CREATED = new Date('2026-09-14T09:00:00Z');

const issuer = createIdentity('nhs-trust.example');
const multikeyIssuer = createIdentity('other-trust.example', 'Multikey');
const holder = createIdentity('holder.example');
const stranger = createIdentity('stranger.example');
const resolver = staticResolver(issuer, multikeyIssuer, holder, stranger);

function credentialOf(d: CredentialTypeDefinition, by: TestIdentity = issuer): Record<string, unknown> {
  const body = JSON.parse(JSON.stringify(d.example).replaceAll('{holderDid}', holder.did)) as Record<string, unknown>;
  return { ...body, issuer: by.did, validFrom: VALID_FROM, credentialSchema: { id: d.schemaId, type: 'JsonSchema' } };
}

const trainingRecord = getCredentialType('TrainingRecord')!;

async function signedTrainingRecord(by: TestIdentity = issuer): Promise<Record<string, unknown> & { proof: DataIntegrityProof }> {
  return signDataIntegrity({ document: credentialOf(trainingRecord, by), signer: createEd25519Signer(by.privateKey, by.verificationMethod), created: CREATED });
}

function failed(checks: { outcome: string; check: string; code?: string }[]): string[] {
  return checks.filter((c) => c.outcome === 'failed').map((c) => `${c.check}:${c.code}`);
}

describe('signing and verifying credentials of the catalogue', () => {
  // The newest version of each type, as the issuer issues them.
  const newest = CATALOGUE.filter((d, i) => CATALOGUE.findIndex((x) => x.type === d.type) === i);

  it.each(newest.map((d) => [d.type, d] as const))('%s: every term is defined, and it signs and verifies', async (_type, d) => {
    const credential = credentialOf(d);
    // No term silently dropped: expansion reports none, and signing runs in JSON-LD safe mode.
    expect(await findUndefinedTerms(credential)).toEqual([]);
    const signed = await signDataIntegrity({ document: credential, signer: createEd25519Signer(issuer.privateKey, issuer.verificationMethod), created: CREATED });
    expect(signed.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: '2026-09-14T09:00:00Z', verificationMethod: issuer.verificationMethod, proofPurpose: 'assertionMethod' });
    expect(signed.proof.proofValue).toMatch(/^z[1-9A-HJ-NP-Za-km-z]{80,90}$/);

    const result = await verifyDataIntegrityCredential({ credential: signed, resolver, now: NOW });
    expect(result.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(result.checks.map((c) => c.check)).toEqual(['format', 'proof', 'contexts', 'jsonld', 'key', 'signature', 'issuer', 'validity', 'schema']);
    expect(result).toMatchObject({ verified: true, issuer: issuer.did, types: [d.type] });
  });

  it('signs and verifies a language value with a direction (VC Data Model 2.0, 11.1), canonicalized as an i18n datatype as other implementations do', async () => {
    const credential = { ...credentialOf(trainingRecord), name: { '@value': 'Formation incendie', '@language': 'fr', '@direction': 'ltr' } };
    const signed = await signDataIntegrity({ document: credential, signer: createEd25519Signer(issuer.privateKey, issuer.verificationMethod), created: CREATED });
    expect(failed((await verifyDataIntegrityCredential({ credential: signed, resolver, now: NOW })).checks)).toEqual([]);
    const other = await verifyDataIntegrityCredential({ credential: { ...signed, name: { ...credential.name, '@direction': 'rtl' } }, resolver, now: NOW });
    expect(failed(other.checks)).toContain('signature:ERR_DI_PROOF_INVALID');
  });

  it('verifies with a Multikey verification method too', async () => {
    const signed = await signedTrainingRecord(multikeyIssuer);
    const result = await verifyDataIntegrityCredential({ credential: signed, resolver, now: NOW });
    expect(failed(result.checks)).toEqual([]);
    expect(result.verified).toBe(true);
  });

  it('signs a VC Data Model 1.1 credential once the Data Integrity context is added (1.1 does not define the proof terms)', async () => {
    // Nor does 1.1 define the `JsonSchema` type (VC 2.0 does): the 1.1 form is for JWTs, which
    // are not processed as JSON-LD. Safe mode refuses the undefined type rather than drop it.
    const v1 = toVcDm11(credentialOf(trainingRecord));
    const signer = createEd25519Signer(issuer.privateKey, issuer.verificationMethod);
    const contexts = v1['@context'] as string[];
    const withDiContext: Record<string, unknown> = { ...v1, '@context': [contexts[0], 'https://w3id.org/security/data-integrity/v2', ...contexts.slice(1)] };
    const refused = await signDataIntegrity({ document: withDiContext, signer }).catch((err: unknown) => err);
    expect(refused).toMatchObject({ code: 'ERR_JSONLD_INVALID', issues: [expect.objectContaining({ path: 'JsonSchema' })] });

    const { credentialSchema: _schema, ...document } = withDiContext;
    await expect(signDataIntegrity({ document: { ...document, '@context': contexts }, signer })).rejects.toMatchObject({ code: 'ERR_JSONLD_INVALID' });
    const signed = await signDataIntegrity({ document, signer, created: CREATED });
    const result = await verifyDataIntegrityCredential({ credential: signed, resolver, now: NOW });
    expect(failed(result.checks)).toEqual(['schema:ERR_VC_SCHEMA_INVALID']);
    // The 1.1 window is issuanceDate to expirationDate.
    const early = await verifyDataIntegrityCredential({ credential: signed, resolver, now: new Date('2026-09-01T00:00:00Z') });
    expect(failed(early.checks)).toContain('validity:ERR_VC_NOT_YET_VALID');
  });

  it('is deterministic: the same credential, key and time give the same proof', async () => {
    expect((await signedTrainingRecord()).proof.proofValue).toBe((await signedTrainingRecord()).proof.proofValue);
  });

  it('names every undefined term of a credential before signing, and signing refuses the first (ERR_JSONLD_INVALID)', async () => {
    const credential = credentialOf(trainingRecord);
    const tampered = { ...credential, nickname: 'Sam', credentialSubject: { ...(credential['credentialSubject'] as object), shoeSize: 9 } };
    expect((await findUndefinedTerms(tampered)).map((t) => t.term).sort()).toEqual(['nickname', 'shoeSize']);
    const signing = signDataIntegrity({ document: tampered, signer: createEd25519Signer(issuer.privateKey, issuer.verificationMethod) });
    await expect(signing).rejects.toBeInstanceOf(PassportError);
    await expect(signing).rejects.toMatchObject({ code: 'ERR_JSONLD_INVALID' });
  });

  it('refuses to sign a document that already has a proof, or has no @context', async () => {
    const signer = createEd25519Signer(issuer.privateKey, issuer.verificationMethod);
    await expect(signDataIntegrity({ document: await signedTrainingRecord(), signer })).rejects.toMatchObject({ code: 'ERR_DI_PROOF_INVALID' });
    await expect(signDataIntegrity({ document: { type: 'VerifiableCredential' }, signer })).rejects.toMatchObject({ code: 'ERR_JSONLD_INVALID' });
  });
});

describe('Data Integrity presentations (proofPurpose authentication, challenge and domain)', () => {
  const challenge = 'nonce-4f8a2c';
  const domain = 'https://verifier.nhs-trust.example';

  async function presentation(overrides: { challenge?: string; domain?: string; by?: TestIdentity } = {}) {
    const by = overrides.by ?? holder;
    const vp = {
      '@context': ['https://www.w3.org/ns/credentials/v2', STAFF_PASSPORT_CONTEXT_V1],
      type: ['VerifiablePresentation'],
      holder: holder.did,
      verifiableCredential: [await signedTrainingRecord()],
    };
    return signDataIntegrity({
      document: vp,
      signer: createEd25519Signer(by.privateKey, by.verificationMethod),
      proofPurpose: 'authentication',
      challenge: overrides.challenge ?? challenge,
      domain: overrides.domain ?? domain,
      created: NOW,
    });
  }

  it('signs and verifies, with the holder proof bound to challenge and domain', async () => {
    const vp = await presentation();
    expect(vp.proof).toMatchObject({ proofPurpose: 'authentication', challenge, domain });
    const result = await verifyDataIntegrityPresentation({ presentation: vp, challenge, domain, resolver, now: NOW });
    expect(failed(result.checks)).toEqual([]);
    expect(result.checks.map((c) => c.check)).toEqual([
      'presentation.format',
      'presentation.proof',
      'presentation.nonce',
      'presentation.audience',
      'presentation.contexts',
      'presentation.jsonld',
      'presentation.key',
      'presentation.signature',
      'presentation.holder',
    ]);
    expect(result.credentials).toHaveLength(1);
    expect(failed(result.credentials[0]!.checks)).toEqual([]);
    expect(result).toMatchObject({ verified: true, holder: holder.did });
  });

  it('refuses another challenge (ERR_VP_NONCE_MISMATCH) and another domain (ERR_VP_AUDIENCE_MISMATCH)', async () => {
    const vp = await presentation();
    const wrongNonce = await verifyDataIntegrityPresentation({ presentation: vp, challenge: 'another-nonce', domain, resolver, now: NOW });
    expect(failed(wrongNonce.checks)).toEqual(['presentation.nonce:ERR_VP_NONCE_MISMATCH']);
    const wrongAudience = await verifyDataIntegrityPresentation({ presentation: vp, challenge, domain: 'https://elsewhere.example', resolver, now: NOW });
    expect(failed(wrongAudience.checks)).toEqual(['presentation.audience:ERR_VP_AUDIENCE_MISMATCH']);
    expect(wrongNonce.verified || wrongAudience.verified).toBe(false);
  });

  it('refuses a challenge edited after signing: the proof covers it (ERR_DI_PROOF_INVALID)', async () => {
    const vp = await presentation({ challenge: 'old-nonce' });
    const edited = { ...vp, proof: { ...vp.proof, challenge } };
    const result = await verifyDataIntegrityPresentation({ presentation: edited, challenge, domain, resolver, now: NOW });
    expect(failed(result.checks)).toEqual(['presentation.signature:ERR_DI_PROOF_INVALID']);
  });

  it('refuses a presentation proved by someone other than the holder', async () => {
    const vp = await presentation({ by: stranger });
    const result = await verifyDataIntegrityPresentation({ presentation: vp, challenge, domain, resolver, now: NOW });
    expect(failed(result.checks)).toEqual(['presentation.holder:ERR_VP_KEY_NOT_FOUND']);
  });

  it('refuses an assertion proof offered as a presentation proof (purpose authentication expected)', async () => {
    const vp = await presentation();
    const { proof: _proof, ...unsigned } = vp;
    const signed = await signDataIntegrity({ document: unsigned, signer: createEd25519Signer(holder.privateKey, holder.verificationMethod), challenge, domain, created: NOW });
    const result = await verifyDataIntegrityPresentation({ presentation: signed, challenge, domain, resolver, now: NOW });
    expect(failed(result.checks)).toContain('presentation.proof:ERR_DI_PROOF_INVALID');
  });

  it('verifies enveloped VC-JOSE credentials inside a Data Integrity presentation', async () => {
    const joseSigner: JwsSigner = {
      alg: 'EdDSA',
      kid: issuer.verificationMethod,
      sign: async (input) => cryptoSign(null, Buffer.from(input), issuer.privateKey).toString('base64url'),
    };
    const jwt = await signVcJose({ credential: credentialOf(trainingRecord), signer: joseSigner });
    const vp = await signDataIntegrity({
      document: {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        holder: holder.did,
        verifiableCredential: [{ '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${jwt}` }],
      },
      signer: createEd25519Signer(holder.privateKey, holder.verificationMethod),
      proofPurpose: 'authentication',
      challenge,
      domain,
      created: NOW,
    });
    const result = await verifyDataIntegrityPresentation({ presentation: vp, challenge, domain, resolver, now: NOW });
    expect(failed(result.checks)).toEqual([]);
    expect(result.credentials[0]!.checks.map((c) => c.check)).toEqual(['format', 'issuer', 'signature', 'validity', 'schema', 'holder-binding']);
    expect(result.verified).toBe(true);
  });
});

describe('verification failures (never thrown, always reported)', () => {
  it('a tampered document fails the signature (ERR_DI_PROOF_INVALID)', async () => {
    const signed = await signedTrainingRecord();
    const subject = signed['credentialSubject'] as { training: Record<string, unknown> };
    const tampered = { ...signed, credentialSubject: { ...subject, training: { ...subject.training, level: 2 } } };
    const result = await verifyDataIntegrity({ document: tampered, resolver, now: NOW });
    expect(result.verified).toBe(false);
    expect(failed(result.checks)).toEqual(['signature:ERR_DI_PROOF_INVALID']);
  });

  it('a tampered proof option fails the signature too (the proof configuration is signed)', async () => {
    const signed = await signedTrainingRecord();
    const result = await verifyDataIntegrity({ document: { ...signed, proof: { ...signed.proof, created: '2026-09-14T09:00:01Z' } }, resolver, now: NOW });
    expect(failed(result.checks)).toEqual(['signature:ERR_DI_PROOF_INVALID']);
  });

  it('a key the issuer DID does not list fails (ERR_VC_KEY_NOT_FOUND), and so does a proof by another DID', async () => {
    const credential = credentialOf(trainingRecord);
    // Signed by the stranger's key but naming the issuer's verification method: the signature fails.
    const forged = await signDataIntegrity({ document: credential, signer: createEd25519Signer(stranger.privateKey, issuer.verificationMethod), created: CREATED });
    expect(failed((await verifyDataIntegrity({ document: forged, resolver, now: NOW })).checks)).toEqual(['signature:ERR_DI_PROOF_INVALID']);
    // Naming a method the issuer's DID document does not list.
    const unlisted = await signDataIntegrity({ document: credential, signer: createEd25519Signer(issuer.privateKey, `${issuer.did}#key-2`), created: CREATED });
    const r1 = await verifyDataIntegrity({ document: unlisted, resolver, now: NOW });
    expect(failed(r1.checks)).toEqual(['key:ERR_VC_KEY_NOT_FOUND']);
    expect(r1.checks.find((c) => c.check === 'signature')?.outcome).toBe('skipped');
    // Signed by the stranger with the stranger's own key, claiming the issuer.
    const byStranger = await signDataIntegrity({ document: credential, signer: createEd25519Signer(stranger.privateKey, stranger.verificationMethod), created: CREATED });
    const r2 = await verifyDataIntegrityCredential({ credential: byStranger, resolver, now: NOW });
    expect(failed(r2.checks)).toEqual(['issuer:ERR_VC_KEY_NOT_FOUND']);
  });

  it('a key listed only for authentication cannot make an assertion proof', async () => {
    const signed = await signDataIntegrity({ document: credentialOf(trainingRecord, holder), signer: createEd25519Signer(holder.privateKey, holder.verificationMethod), created: CREATED });
    // holder's document lists #key-1 under assertionMethod too; a document listing it only for authentication:
    const authOnly = { ...holder, document: { ...holder.document, assertionMethod: [] } };
    const result = await verifyDataIntegrity({ document: signed, resolver: staticResolver(authOnly), now: NOW });
    expect(failed(result.checks)).toEqual(['key:ERR_VC_KEY_NOT_FOUND']);
  });

  it('an unresolvable DID is reported with its DID code', async () => {
    const signed = await signedTrainingRecord();
    const result = await verifyDataIntegrity({ document: signed, resolver: staticResolver(), now: NOW });
    expect(failed(result.checks)).toEqual(['key:ERR_DID_UNRESOLVABLE']);
  });

  it('a missing proof (ERR_DI_PROOF_MISSING) or another cryptosuite (ERR_DI_CRYPTOSUITE_UNSUPPORTED) stops before the rest', async () => {
    const signed = await signedTrainingRecord();
    const { proof: _proof, ...unsigned } = signed;
    const missing = await verifyDataIntegrity({ document: unsigned, resolver, now: NOW });
    expect(failed(missing.checks)).toEqual(['proof:ERR_DI_PROOF_MISSING']);
    expect(missing.checks.filter((c) => c.outcome === 'skipped').map((c) => c.check)).toEqual(['contexts', 'jsonld', 'key', 'signature']);
    for (const proof of [{ ...signed.proof, cryptosuite: 'ecdsa-rdfc-2019' }, { ...signed.proof, type: 'Ed25519Signature2020' }]) {
      const result = await verifyDataIntegrity({ document: { ...signed, proof }, resolver, now: NOW });
      expect(failed(result.checks)).toEqual(['proof:ERR_DI_CRYPTOSUITE_UNSUPPORTED']);
    }
    expect(failed((await verifyDataIntegrity({ document: 'not a document', resolver })).checks)).toEqual(['proof:ERR_DI_PROOF_MISSING']);
  });

  it('a malformed proof value, a wrong purpose or an expired proof fail the proof check (ERR_DI_PROOF_INVALID)', async () => {
    const signed = await signedTrainingRecord();
    const cases = [
      { ...signed.proof, proofValue: 'uNotBase58' },
      { ...signed.proof, proofPurpose: 'authentication' },
      { ...signed.proof, created: 'yesterday' },
    ];
    for (const proof of cases) {
      expect(failed((await verifyDataIntegrity({ document: { ...signed, proof }, resolver, now: NOW })).checks)).toContain('proof:ERR_DI_PROOF_INVALID');
    }
    const expiring = await signDataIntegrity({ document: credentialOf(trainingRecord), signer: createEd25519Signer(issuer.privateKey, issuer.verificationMethod), created: CREATED, expires: '2026-09-30T00:00:00Z' });
    expect(failed((await verifyDataIntegrity({ document: expiring, resolver, now: NOW })).checks)).toEqual(['proof:ERR_DI_PROOF_INVALID']);
    expect(failed((await verifyDataIntegrity({ document: expiring, resolver, now: new Date('2026-09-20T00:00:00Z') })).checks)).toEqual([]);
    // Proof sets are verified since issue 18 (verify-data-integrity.proof-sets.test.ts).
  });

  it('a term added after signing is reported as undefined JSON-LD (ERR_JSONLD_INVALID), not as a bad signature only', async () => {
    const signed = await signedTrainingRecord();
    const result = await verifyDataIntegrity({ document: { ...signed, favouriteColour: 'blue' }, resolver, now: NOW });
    expect(failed(result.checks)).toEqual(['jsonld:ERR_JSONLD_INVALID']);
    expect(result.checks.find((c) => c.check === 'jsonld')?.issues).toEqual([expect.objectContaining({ path: 'favouriteColour' })]);
  });

  it('the credential checks report validity and schema like VC-JOSE', async () => {
    const signed = await signedTrainingRecord();
    const early = await verifyDataIntegrityCredential({ credential: signed, resolver, now: new Date('2026-09-01T00:00:00Z') });
    expect(failed(early.checks)).toEqual(['proof:ERR_DI_PROOF_INVALID', 'validity:ERR_VC_NOT_YET_VALID']);
    const { credentialSchema: _schema, ...withoutSchema } = credentialOf(trainingRecord);
    const noSchema = await signDataIntegrity({ document: withoutSchema, signer: createEd25519Signer(issuer.privateKey, issuer.verificationMethod), created: CREATED });
    const r = await verifyDataIntegrityCredential({ credential: noSchema, resolver, now: NOW });
    expect(failed(r.checks)).toEqual(['schema:ERR_VC_SCHEMA_INVALID']);
    expect(failed((await verifyDataIntegrityCredential({ credential: [], resolver })).checks)).toEqual(['format:ERR_VC_MALFORMED']);
  });
});

describe('any input', () => {
  it('never throws: arbitrary JSON, or a signed credential with arbitrary values in place of its parts', async () => {
    const signed = await signedTrainingRecord();
    const parts = ['@context', 'proof', 'credentialSubject', 'issuer', 'type'] as const;
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.constantFrom(...parts), fc.boolean(), async (value, part, whole) => {
        const document = whole ? value : { ...signed, [part]: value };
        const result = await verifyDataIntegrityCredential({ credential: document, resolver, now: NOW });
        expect(result.verified).toBe(false);
        expect(result.checks.some((c) => c.outcome === 'failed' && typeof c.code === 'string')).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('contexts are never fetched', () => {
  let server: Server;
  let hits = 0;
  let url: string;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits += 1;
      res.writeHead(200, { 'content-type': 'application/ld+json' });
      res.end(JSON.stringify({ '@context': { '@vocab': 'https://evil.example/#' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/context.jsonld`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('a credential naming an unbundled context fails with ERR_CONTEXT_NOT_BUNDLED and makes no request', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    try {
      const signed = await signedTrainingRecord();
      const document = { ...signed, '@context': [...(signed['@context'] as string[]), url] };
      const result = await verifyDataIntegrity({ document, resolver, now: NOW });
      expect(failed(result.checks)).toEqual(['contexts:ERR_CONTEXT_NOT_BUNDLED']);
      expect(result.checks.find((c) => c.check === 'contexts')?.message).toContain(url);
      // Signing refuses it the same way.
      const signing = signDataIntegrity({ document: { ...credentialOf(trainingRecord), '@context': ['https://www.w3.org/ns/credentials/v2', url] }, signer: createEd25519Signer(issuer.privateKey, issuer.verificationMethod) });
      await expect(signing).rejects.toMatchObject({ code: 'ERR_CONTEXT_NOT_BUNDLED' });
      // A context embedded below the top is caught too.
      const nested = { ...signed, credentialSubject: { ...(signed['credentialSubject'] as object), '@context': url } };
      expect(failed((await verifyDataIntegrity({ document: nested, resolver, now: NOW })).checks)).toEqual(['contexts:ERR_CONTEXT_NOT_BUNDLED']);
      expect(hits).toBe(0);
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
  });
});
