/**
 * Data Integrity proof sets and chains (VC Data Integrity 1.0, section 4.5 "Verify Proof Sets and
 * Chains") and the older `Ed25519Signature2020` suite, on vectors made by Digital Bazaar's
 * libraries as the W3C test suites make them (see vectors/README.md): every proof must verify, a
 * `previousProof` must name another proof of the document, and nothing is fetched.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createDidResolver } from '../../src/did/create-did-resolver.js';
import { createEd25519Signer, hashEddsaRdfc2022, verifyDataIntegrity, verifyDataIntegrityCredential } from '../../src/data-integrity/index.js';
import { encodeMultibaseBase58btc } from '../../src/data-integrity/multibase.js';
import { createIdentity, staticResolver } from './helpers/issuer-keys.js';

const resolver = createDidResolver();
const NOW = new Date('2026-10-01T12:00:00Z');

function vector(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./vectors/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

function failed(checks: { outcome: string; check: string; code?: string }[]): string[] {
  return checks.filter((c) => c.outcome === 'failed').map((c) => `${c.check}:${c.code}`);
}

type Proof = Record<string, unknown>;

describe('proof sets and chains from jsonld-signatures (as the W3C suites send them)', () => {
  it.each(['proof-set-ok', 'proof-chain-string-ok', 'proof-chain-array-ok'])('%s: every proof verifies, the credential verifies', async (name) => {
    const credential = vector(name);
    const result = await verifyDataIntegrityCredential({ credential, resolver, now: NOW });
    expect(failed(result.checks)).toEqual([]);
    expect(result.verified).toBe(true);
    // Each proof's checks are reported, with its index.
    expect(result.checks.filter((c) => c.check === 'signature').map((c) => [c.proofIndex, c.outcome])).toEqual([
      [0, 'passed'],
      [1, 'passed'],
    ]);
  });

  it('a chain whose previousProof names no proof of the document fails (PROOF_VERIFICATION_ERROR: ERR_DI_PROOF_INVALID)', async () => {
    const credential = vector('proof-chain-string-ok');
    const [first, second] = credential['proof'] as Proof[];
    for (const previousProof of ['urn:uuid:test:missing:proof', ['urn:uuid:test:missing:proof'], [], 42]) {
      const result = await verifyDataIntegrity({ document: { ...credential, proof: [first, { ...second, previousProof }] }, resolver, now: NOW });
      expect(failed(result.checks)).toContain('proof:ERR_DI_PROOF_INVALID');
      expect(result.verified).toBe(false);
    }
  });

  it('a chain whose earlier proof does not verify fails; so does a set with one bad proof', async () => {
    const chain = vector('proof-chain-string-ok');
    const [first, second] = chain['proof'] as Proof[];
    const broken = { ...first, proofValue: (second as { proofValue: string }).proofValue };
    const r1 = await verifyDataIntegrity({ document: { ...chain, proof: [broken, second] }, resolver, now: NOW });
    expect(r1.checks.filter((c) => c.outcome === 'failed').map((c) => [c.check, c.proofIndex])).toContainEqual(['signature', 0]);
    expect(r1.verified).toBe(false);
    const set = vector('proof-set-ok');
    const [a, b] = set['proof'] as Proof[];
    const r2 = await verifyDataIntegrity({ document: { ...set, proof: [a, { ...b, created: '2026-01-02T00:00:00Z' }] }, resolver, now: NOW });
    expect(failed(r2.checks)).toEqual(['signature:ERR_DI_PROOF_INVALID']);
  });

  it('a single proof is reported as before (no proofIndex)', async () => {
    const set = vector('proof-set-ok');
    const result = await verifyDataIntegrity({ document: { ...set, proof: (set['proof'] as Proof[])[0] }, resolver, now: NOW });
    expect(result.verified).toBe(true);
    expect(result.checks.every((c) => c.proofIndex === undefined)).toBe(true);
  });
});

describe('a proof chain signed over the proofs it names (section 4.3 "Add Proof Set/Chain", step 5.3)', () => {
  const issuer = createIdentity('issuer.example', 'Multikey');
  const witness = createIdentity('witness.example', 'Multikey');
  const keys = staticResolver(issuer, witness);
  const credential = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    issuer: issuer.did,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:subject', name: 'Alice' },
  };

  /** A proof with the given options over the given document (a proof id needs signing by hand: signDataIntegrity makes none). */
  async function proofOver(document: Record<string, unknown>, by: typeof issuer, extra: Proof): Promise<Proof> {
    const proofOptions = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: '2026-01-01T00:00:00Z', verificationMethod: by.verificationMethod, proofPurpose: 'assertionMethod', ...extra };
    const { hashData } = await hashEddsaRdfc2022({ document, proofOptions });
    return { ...proofOptions, proofValue: encodeMultibaseBase58btc(await createEd25519Signer(by.privateKey, by.verificationMethod).sign(hashData)) };
  }

  async function chained(): Promise<Record<string, unknown>> {
    const first = await proofOver(credential, issuer, { id: 'urn:uuid:issuer-proof' });
    // The witness signs the credential with the issuer's proof in it.
    const second = await proofOver({ ...credential, proof: first }, witness, { created: '2026-01-02T00:00:00Z', previousProof: 'urn:uuid:issuer-proof' });
    return { ...credential, proof: [first, second] };
  }

  it('verifies, and the issuer check is met by the issuer\'s proof (the witness made the other)', async () => {
    const result = await verifyDataIntegrityCredential({ credential: await chained(), resolver: keys, now: NOW });
    expect(failed(result.checks)).toEqual([]);
    expect(result.verified).toBe(true);
  });

  it('the witness proof no longer verifies once the proof it names is changed', async () => {
    const document = await chained();
    const [first, second] = document['proof'] as Proof[];
    const result = await verifyDataIntegrity({ document: { ...document, proof: [{ ...first, created: '2026-01-01T00:00:01Z' }, second] }, resolver: keys, now: NOW });
    expect(result.checks.filter((c) => c.outcome === 'failed').map((c) => [c.check, c.proofIndex])).toEqual([
      ['signature', 0],
      ['signature', 1],
    ]);
  });
});

describe('Ed25519Signature2020 (older issuers), its context bundled', () => {
  it.each(['ed25519-signature-2020-v1-ok', 'ed25519-signature-2020-v2-ok'])('%s verifies with the did:key of the issuer', async (name) => {
    const result = await verifyDataIntegrityCredential({ credential: vector(name), resolver, now: NOW });
    expect(failed(result.checks)).toEqual([]);
    expect(result.verified).toBe(true);
  });

  it('a changed claim fails the signature; a cryptosuite named on it is refused as unsupported', async () => {
    const credential = vector('ed25519-signature-2020-v2-ok');
    const changed = { ...credential, credentialSubject: { id: 'did:example:subject', name: 'Mallory' } };
    expect(failed((await verifyDataIntegrityCredential({ credential: changed, resolver, now: NOW })).checks)).toEqual(['signature:ERR_DI_PROOF_INVALID']);
    const named = { ...credential, proof: { ...(credential['proof'] as Proof), cryptosuite: 'eddsa-rdfc-2022' } };
    expect(failed((await verifyDataIntegrity({ document: named, resolver, now: NOW })).checks)).toEqual(['proof:ERR_DI_CRYPTOSUITE_UNSUPPORTED']);
  });
});
