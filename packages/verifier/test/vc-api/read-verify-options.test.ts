/**
 * The VC API verify endpoints' `options` (W3C VC API, "Verify Credential" and "Verify
 * Presentation"): `challenge` and `domain` bind a presentation, `checks` names the checks that
 * count. A caller's own challenge is accepted where the verifier is configured to (the VC API
 * leaves the challenge to the caller); a presentation need not name a holder nor carry
 * credentials, nor present only credentials issued to its holder (VC Data Model 2.0, section
 * 4.13), unless `options.checks` asks for holder binding. The OpenID4VP rules stay as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import {
  CREDENTIALS_EXAMPLES_V2_CONTEXT,
  CREDENTIALS_EXAMPLES_V2_URL,
  createDocumentLoader,
  createEd25519Signer,
  createLogger,
  encodeEd25519Multikey,
  signDataIntegrity,
} from '@staff-passport/core';
import { CATALOGUE } from '@staff-passport/schemas';
import { createVerifierContext, issueNonce, type VerifierContext } from '../../src/index.js';
import { verifyCredentialRequest } from '../../src/vc-api/verify-credential-request.js';
import { verifyPresentationRequest } from '../../src/vc-api/verify-presentation-request.js';
import { readVerifyOptions, type RequestedCheck } from '../../src/vc-api/read-verify-options.js';
import { applyRequestedChecks } from '../../src/vc-api/apply-requested-checks.js';
import { buildVerificationReport } from '../../src/vc-api/build-verification-report.js';
import type { VerifiedCredential } from '../../src/verification/verified-credential.js';
import { verifiedCredentialOf } from '../verification/helpers/verified-credential-of.js';

const NOW = new Date('2026-10-01T12:00:00Z');
const documentLoader = createDocumentLoader({ extraContexts: { [CREDENTIALS_EXAMPLES_V2_URL]: JSON.parse(CREDENTIALS_EXAMPLES_V2_CONTEXT) as object } });

function didKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const mk = encodeEd25519Multikey(publicKey);
  const did = `did:key:${mk}`;
  return { did, signer: createEd25519Signer(privateKey, `${did}#${mk}`) };
}

const holder = didKey();
const issuer = didKey();
type Ctx = VerifierContext & { close(): Promise<void> };
let strict: Ctx;
let open: Ctx;

beforeAll(async () => {
  const common = { logger: createLogger({ level: 'silent' }), databaseFile: ':memory:', publicUrl: 'https://verifier.example', now: () => NOW, housekeepingIntervalSeconds: 0 };
  strict = await createVerifierContext(common);
  open = await createVerifierContext({ ...common, callerChallenges: true });
});
afterAll(async () => {
  await strict.close();
  await open.close();
});

async function credential(extra: Record<string, unknown> = {}, subject = 'did:example:subject') {
  return signDataIntegrity({
    document: {
      '@context': ['https://www.w3.org/ns/credentials/v2', CREDENTIALS_EXAMPLES_V2_URL],
      type: ['VerifiableCredential', 'ExampleAlumniCredential'],
      issuer: issuer.did,
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: { id: subject, alumniOf: 'The School of Examples' },
      ...extra,
    },
    signer: issuer.signer,
    created: '2026-09-01T00:00:00Z',
    documentLoader,
  });
}

async function presentation(options: { challenge: string; domain: string; holder?: boolean; credentials?: unknown[] }) {
  return signDataIntegrity({
    document: {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      ...(options.holder === false ? {} : { holder: holder.did }),
      ...(options.credentials ? { verifiableCredential: options.credentials } : {}),
    },
    signer: holder.signer,
    proofPurpose: 'authentication',
    challenge: options.challenge,
    domain: options.domain,
    created: '2026-10-01T11:59:00Z',
    documentLoader,
  });
}

function outcomes(report: { checks: { check: string; outcome: string; code?: string }[] }): string[] {
  return report.checks.map((c) => `${c.check}:${c.outcome}${c.code ? `:${c.code}` : ''}`);
}

describe('options.challenge and options.domain', () => {
  const domain = 'github.com/w3c/vc-data-model-2.0-test-suite';

  it("a caller's own challenge is refused by default (ERR_NONCE_UNKNOWN), and accepted by a verifier configured for it", async () => {
    const vp = await presentation({ challenge: 'the-callers-own-0001', domain, credentials: [await credential({}, holder.did)] });
    const body = { verifiablePresentation: vp, options: { challenge: 'the-callers-own-0001', domain } };
    const refused = await verifyPresentationRequest(strict, body);
    expect([refused.verified, refused.errors.map((e) => `${e.check}:${e.code}`)]).toEqual([false, ['presentation.challenge:ERR_NONCE_UNKNOWN']]);
    const accepted = await verifyPresentationRequest(open, body);
    expect(accepted.errors).toEqual([]);
    expect(accepted.verified).toBe(true);
    expect(accepted.checks[0]).toMatchObject({ check: 'presentation.challenge', outcome: 'passed' });
    // The caller answers for its challenge: the same presentation verifies again.
    expect((await verifyPresentationRequest(open, body)).verified).toBe(true);
  });

  it("the proof must still be bound to the caller's challenge and domain", async () => {
    const vp = await presentation({ challenge: 'the-callers-own-0002', domain, credentials: [await credential({}, holder.did)] });
    const other = await verifyPresentationRequest(open, { verifiablePresentation: vp, options: { challenge: 'another-challenge-03', domain } });
    expect(other.errors.map((e) => `${e.check}:${e.code}`)).toEqual(['presentation.nonce:ERR_VP_NONCE_MISMATCH']);
    const elsewhere = await verifyPresentationRequest(open, { verifiablePresentation: vp, options: { challenge: 'the-callers-own-0002', domain: 'https://elsewhere.example' } });
    expect(elsewhere.errors.map((e) => `${e.check}:${e.code}`)).toEqual(['presentation.audience:ERR_VP_AUDIENCE_MISMATCH']);
  });

  it('a challenge the verifier gave out is still used once, with or without caller challenges (ERR_NONCE_REPLAYED)', async () => {
    const { nonce } = await issueNonce(open.stores.nonces, { audience: domain, ttlSeconds: 600, now: NOW });
    const vp = await presentation({ challenge: nonce, domain, credentials: [await credential({}, holder.did)] });
    const body = { verifiablePresentation: vp, options: { challenge: nonce, domain } };
    expect((await verifyPresentationRequest(open, body)).verified).toBe(true);
    const replayed = await verifyPresentationRequest(open, body);
    expect(replayed.errors.map((e) => `${e.check}:${e.code}`)).toEqual(['presentation.challenge:ERR_NONCE_REPLAYED']);
  });
});

describe('what a VC API presentation may be (VC Data Model 2.0, section 4.13)', () => {
  const domain = 'https://verifier.example';

  it('without a holder and without credentials: verified on its proof alone', async () => {
    const vp = await presentation({ challenge: 'no-holder-no-vcs-01', domain, holder: false });
    const report = await verifyPresentationRequest(open, { verifiablePresentation: vp, options: { challenge: 'no-holder-no-vcs-01', domain } });
    expect(report.errors).toEqual([]);
    expect(report.verified).toBe(true);
    expect(report.credentials).toEqual([]);
  });

  it('with a credential issued to someone else: holder binding is reported skipped, unless options.checks asks for it (ERR_VP_HOLDER_MISMATCH)', async () => {
    const vp = await presentation({ challenge: 'other-subject-0001', domain, credentials: [await credential()] });
    const relaxed = await verifyPresentationRequest(open, { verifiablePresentation: vp, options: { challenge: 'other-subject-0001', domain } });
    expect(relaxed.verified).toBe(true);
    expect(relaxed.checks.find((c) => c.check === 'holder-binding')).toMatchObject({ outcome: 'skipped' });
    const bound = await verifyPresentationRequest(open, { verifiablePresentation: vp, options: { challenge: 'other-subject-0001', domain, checks: ['proof', 'holder-binding'] } });
    expect([bound.verified, bound.errors.map((e) => `${e.check}:${e.code}`)]).toEqual([false, ['holder-binding:ERR_VP_HOLDER_MISMATCH']]);
  });

  it("a credential issued to the holder: holder binding passes, as in the project's own journeys", async () => {
    const vp = await presentation({ challenge: 'own-subject-00001', domain, credentials: [await credential({}, holder.did)] });
    const report = await verifyPresentationRequest(open, { verifiablePresentation: vp, options: { challenge: 'own-subject-00001', domain } });
    expect(outcomes(report)).toEqual(expect.arrayContaining(['holder-binding:passed', 'presentation.signature:passed', 'signature:passed']));
  });
});

describe('options.checks', () => {
  it('reads check names and their aliases; the proof always counts; an unknown name is ERR_REQUEST_INVALID', () => {
    expect([...readVerifyOptions({ checks: ['credentialStatus', 'expiration'] }).checks].sort()).toEqual(['proof', 'status', 'validity']);
    expect(readVerifyOptions(undefined).named).toBe(false);
    expect(() => readVerifyOptions({ checks: ['proof', 'magic'] })).toThrow(expect.objectContaining({ code: 'ERR_REQUEST_INVALID', field: 'options.checks' }));
    expect(() => readVerifyOptions({ checks: 'proof' })).toThrow(expect.objectContaining({ code: 'ERR_REQUEST_INVALID', field: 'options.checks' }));
  });

  it("['proof'] verifies a credential whose issuer is a URL signed by another key (the vc-di-eddsa spec vector's shape): the issuer check is reported skipped", async () => {
    const vc = await credential({ issuer: 'https://vc.example/issuers/5678' });
    const all = await verifyCredentialRequest(open, { verifiableCredential: vc });
    expect(all.errors.map((e) => `${e.check}:${e.code}`)).toEqual(['issuer:ERR_VC_ISSUER_INVALID']);
    const proofOnly = await verifyCredentialRequest(open, { verifiableCredential: vc, options: { checks: ['proof'] } });
    expect(proofOnly.verified).toBe(true);
    expect(proofOnly.checks.find((c) => c.check === 'issuer')).toMatchObject({ outcome: 'skipped' });
  });

  it("['proof'] still fails a tampered credential, and one without an issuer", async () => {
    const vc = await credential();
    const tampered = await verifyCredentialRequest(open, { verifiableCredential: { ...vc, credentialSubject: { id: 'did:example:subject', alumniOf: 'Another School' } }, options: { checks: ['proof'] } });
    expect(tampered.errors.map((e) => `${e.check}:${e.code}`)).toEqual(['signature:ERR_DI_PROOF_INVALID']);
    const { issuer: _issuer, ...noIssuer } = vc;
    const missing = await verifyCredentialRequest(open, { verifiableCredential: noIssuer, options: { checks: ['proof'] } });
    expect(missing.verified).toBe(false);
    expect(missing.errors.map((e) => e.check)).toContain('issuer');
  });

  it('a check left out is reported skipped even when it would fail (an expired credential, checks: [proof])', async () => {
    const vc = await credential({ validUntil: '2026-06-01T00:00:00Z' });
    expect((await verifyCredentialRequest(open, { verifiableCredential: vc })).errors.map((e) => `${e.check}:${e.code}`)).toEqual(['validity:ERR_VC_EXPIRED']);
    const proofOnly = await verifyCredentialRequest(open, { verifiableCredential: vc, options: { checks: ['proof'] } });
    expect(proofOnly.verified).toBe(true);
    expect(proofOnly.checks.find((c) => c.check === 'validity')).toMatchObject({ outcome: 'skipped' });
    const withExpiry = await verifyCredentialRequest(open, { verifiableCredential: vc, options: { checks: ['proof', 'expiration'] } });
    expect(withExpiry.errors.map((e) => `${e.check}:${e.code}`)).toEqual(['validity:ERR_VC_EXPIRED']);
  });
});

describe('schemas: a known one enforced, an unknown one skipped (on the VC API route as everywhere)', () => {
  const training = CATALOGUE.find((d) => d.type === 'TrainingRecord')!;

  it('a generic credential naming a schema the verifier does not know verifies, its schema check skipped', async () => {
    const vc = await credential({ credentialSchema: { id: 'https://schemas.example/alumni/1.0.0', type: 'JsonSchema' } });
    const report = await verifyCredentialRequest(open, { verifiableCredential: vc });
    expect(report.verified).toBe(true);
    expect(report.checks.find((c) => c.check === 'schema')).toMatchObject({ outcome: 'skipped' });
  });

  it('a credential naming a catalogue schema is held to it (ERR_VC_SCHEMA_INVALID), whatever its type', async () => {
    const vc = await credential({ credentialSchema: { id: training.schemaId, type: 'JsonSchema' } });
    const report = await verifyCredentialRequest(open, { verifiableCredential: vc });
    expect(report.errors.map((e) => `${e.check}:${e.code}`)).toEqual(['schema:ERR_VC_SCHEMA_INVALID']);
  });
});

// The two steps that turn a credential's one result into the VC API's JSON, on results made by
// hand: each case named by its outcome, run by one table.
describe('applyRequestedChecks and buildVerificationReport', () => {
  const result = (checks: VerifiedCredential['checks'], issuer = 'https://issuer.example') => verifiedCredentialOf({ checks, credential: { id: 'urn:uuid:1', issuer } });
  const passed = (check: string) => ({ check, outcome: 'passed' as const, credentialIndex: 0 });
  const failed = (check: string, code: 'ERR_VC_EXPIRED' | 'ERR_VC_SIGNATURE_INVALID' | 'ERR_VP_HOLDER_MISMATCH' | 'ERR_VC_ISSUER_INVALID') => ({ check, outcome: 'failed' as const, code, message: 'no', credentialIndex: 0 });
  const cases: { name: string; checks: VerifiedCredential['checks']; asked: RequestedCheck[]; issuer?: string; errors: string[]; skipped: string[] }[] = [
    { name: 'all-passed-ok', checks: [passed('signature'), passed('validity')], asked: ['proof', 'validity'], errors: [], skipped: [] },
    { name: 'expired-asked-fail', checks: [passed('signature'), failed('validity', 'ERR_VC_EXPIRED')], asked: ['proof', 'validity'], errors: ['validity:ERR_VC_EXPIRED'], skipped: [] },
    { name: 'expired-not-asked-ok', checks: [passed('signature'), failed('validity', 'ERR_VC_EXPIRED')], asked: ['proof'], errors: [], skipped: ['validity'] },
    { name: 'bad-signature-never-left-out-fail', checks: [failed('signature', 'ERR_VC_SIGNATURE_INVALID')], asked: ['proof'], errors: ['signature:ERR_VC_SIGNATURE_INVALID'], skipped: [] },
    { name: 'holder-mismatch-not-asked-ok', checks: [passed('signature'), failed('holder-binding', 'ERR_VP_HOLDER_MISMATCH')], asked: ['proof'], errors: [], skipped: ['holder-binding'] },
    { name: 'holder-mismatch-asked-fail', checks: [passed('signature'), failed('holder-binding', 'ERR_VP_HOLDER_MISMATCH')], asked: ['proof', 'holder-binding'], errors: ['holder-binding:ERR_VP_HOLDER_MISMATCH'], skipped: [] },
    { name: 'malformed-issuer-never-left-out-fail', checks: [failed('issuer', 'ERR_VC_ISSUER_INVALID')], asked: ['proof'], issuer: 'not a uri', errors: ['issuer:ERR_VC_ISSUER_INVALID'], skipped: [] },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const applied = applyRequestedChecks(result(c.checks, c.issuer), new Set(c.asked));
    const report = buildVerificationReport([], [applied]);
    expect(report.errors.map((e) => `${e.check}:${e.code}`)).toEqual(c.errors);
    expect(report.checks.filter((k) => k.outcome === 'skipped').map((k) => k.check)).toEqual(c.skipped);
    expect(report.verified).toBe(c.errors.length === 0);
    expect(report.credentials).toEqual([{ index: 0, verified: c.errors.length === 0, issuer: 'did:web:issuer.example', types: ['DbsCheck'], id: 'urn:uuid:1' }]);
  });

  it('no-credentials-fail: a report of no credentials is not verified unless the channel allows none', () => {
    expect(buildVerificationReport([passed('presentation.signature')], []).verified).toBe(false);
    expect(buildVerificationReport([passed('presentation.signature')], [], undefined, { credentialsRequired: false }).verified).toBe(true);
  });
});
