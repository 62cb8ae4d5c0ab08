/**
 * Presentation rules: the OpenID4VP defaults (a holder, a credential, each issued to the holder)
 * stay; a VC API caller may relax them to the VC Data Model 2.0 (section 4.13: `holder` and
 * `verifiableCredential` are optional, subjects need not be the holder), as the W3C
 * vc-data-model-2.0 suite's presentations need.
 */
import { describe, expect, it } from '@jest/globals';
import { createEd25519Signer, signDataIntegrity, verifyDataIntegrityPresentation } from '../../src/data-integrity/index.js';
import { presentationRulesOf } from '../../src/verification/presentation-rules.js';
import { createIdentity, staticResolver } from '../data-integrity/helpers/issuer-keys.js';

const holder = createIdentity('holder.example', 'Multikey');
const issuer = createIdentity('issuer.example', 'Multikey');
const resolver = staticResolver(holder, issuer);
const NOW = new Date('2026-10-01T12:00:00Z');
const RELAXED = { holderRequired: false, credentialsRequired: false, holderBinding: false };
const CHALLENGE = 'challenge-1';
const DOMAIN = 'https://verifier.example';

function failed(checks: { outcome: string; check: string; code?: string }[]): string[] {
  return checks.filter((c) => c.outcome === 'failed').map((c) => `${c.check}:${c.code}`);
}

async function presentation(extra: Record<string, unknown>): Promise<Record<string, unknown>> {
  return signDataIntegrity({
    document: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], ...extra },
    signer: createEd25519Signer(holder.privateKey, holder.verificationMethod),
    proofPurpose: 'authentication',
    challenge: CHALLENGE,
    domain: DOMAIN,
    created: '2026-10-01T11:00:00Z',
  });
}

async function credentialAbout(subject: string): Promise<Record<string, unknown>> {
  return signDataIntegrity({
    document: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: issuer.did, credentialSubject: { id: subject } },
    signer: createEd25519Signer(issuer.privateKey, issuer.verificationMethod),
    created: '2026-10-01T10:00:00Z',
  });
}

describe('presentation rules', () => {
  it('default to the OpenID4VP rules', () => {
    expect(presentationRulesOf()).toEqual({ holderRequired: true, credentialsRequired: true, holderBinding: true });
  });

  it('a presentation with no holder and no credential: refused by default, verified under the data model rules', async () => {
    const vp = await presentation({});
    const strict = await verifyDataIntegrityPresentation({ presentation: vp, challenge: CHALLENGE, domain: DOMAIN, resolver, now: NOW });
    expect(failed(strict.checks)).toEqual(['presentation.format:ERR_VP_MALFORMED', 'presentation.credentials:ERR_VP_EMPTY']);
    const relaxed = await verifyDataIntegrityPresentation({ presentation: vp, challenge: CHALLENGE, domain: DOMAIN, resolver, now: NOW, rules: RELAXED });
    expect(failed(relaxed.checks)).toEqual([]);
    expect(relaxed.verified).toBe(true);
  });

  it('a credential about someone else: holder-binding fails by default, is not checked when relaxed; the proofs still are', async () => {
    const vp = await presentation({ holder: holder.did, verifiableCredential: [await credentialAbout('did:example:someone-else')] });
    const strict = await verifyDataIntegrityPresentation({ presentation: vp, challenge: CHALLENGE, domain: DOMAIN, resolver, now: NOW });
    expect(strict.credentials.flatMap((c) => failed(c.checks))).toEqual(['holder-binding:ERR_VP_HOLDER_MISMATCH']);
    const relaxed = await verifyDataIntegrityPresentation({ presentation: vp, challenge: CHALLENGE, domain: DOMAIN, resolver, now: NOW, rules: RELAXED });
    expect(relaxed.verified).toBe(true);
    const wrongChallenge = await verifyDataIntegrityPresentation({ presentation: vp, challenge: 'another', domain: DOMAIN, resolver, now: NOW, rules: RELAXED });
    expect(failed(wrongChallenge.checks)).toEqual(['presentation.nonce:ERR_VP_NONCE_MISMATCH']);
  });
});
