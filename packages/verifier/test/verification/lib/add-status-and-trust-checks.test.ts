/**
 * The steps after a format's own checks, on one credential's result: `addStatusCheck` and
 * `addTrustCheck`. Each case is named by its outcome (`-ok`, `-skipped`, `-fail`) and run by one
 * table; the world (registry, status fetcher, clock) is injected, no server runs.
 */
import { describe, expect, it } from '@jest/globals';
import { StatusListCache, addTrustRegistryEntry, createTrustRegistryDraft, renewTrustRegistry, type TrustRegistry, type VerificationCheck } from '@staff-passport/core';
import { addStatusCheck } from '../../../src/verification/add-status-check.js';
import { addTrustCheck } from '../../../src/verification/add-trust-check.js';
import type { VerifiedCredential } from '../../../src/verification/verified-credential.js';
import { verifiedCredentialOf } from '../helpers/verified-credential-of.js';
import type { VerifierContext } from '../../../src/verifier-context.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const ISSUER = 'did:web:issuer.example';
const ORG = { did: ISSUER, odsCode: 'RX1', name: 'Example NHS Trust' };

function registryAllowing(credentialTypes: string[]): TrustRegistry {
  const draft = addTrustRegistryEntry(createTrustRegistryDraft({ name: 'Test registry' }), { ...ORG, credentialTypes, validFrom: '2020-01-01T00:00:00Z' });
  return renewTrustRegistry(draft, { now: NOW });
}

// Only what the two steps read; a fetcher that never answers stands for an unreachable list.
function contextWith(registry: TrustRegistry | undefined): VerifierContext {
  const world = {
    now: () => NOW,
    clockSkewSeconds: 60,
    resolver: { resolve: () => Promise.reject(new Error('no DID resolution in this test')) },
    statusCache: new StatusListCache({ now: () => NOW.getTime() }),
    fetchStatusList: () => Promise.reject(new Error('the status list host is unreachable')),
    trustRegistry: () => registry,
  };
  return world as unknown as VerifierContext;
}

function credentialOf(overrides: Partial<VerifiedCredential> = {}): VerifiedCredential {
  return verifiedCredentialOf({
    index: 2,
    issuer: { did: ISSUER },
    validFrom: '2026-01-01T00:00:00Z',
    checks: [
      { check: 'format', outcome: 'passed', credentialIndex: 2 },
      { check: 'signature', outcome: 'passed', credentialIndex: 2 },
    ],
    credential: { type: ['VerifiableCredential', 'DbsCheck'] },
    ...overrides,
  });
}

const STATUS_ENTRY = { id: 'https://status.example/1#5', type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '5', statusListCredential: 'https://status.example/1' };

interface Case {
  name: string;
  credential: VerifiedCredential;
  registry?: TrustRegistry;
  requested?: string[];
  /** The step's check, as it must be added. */
  expected: Pick<VerificationCheck, 'outcome' | 'code'>;
}

const TRUST_CASES: Case[] = [
  { name: 'listed-issuer-ok', credential: credentialOf(), registry: registryAllowing(['*']), expected: { outcome: 'passed' } },
  { name: 'no-registry-skipped', credential: credentialOf(), expected: { outcome: 'skipped' } },
  { name: 'not-asked-for-skipped', credential: credentialOf(), registry: registryAllowing(['*']), requested: ['proof', 'status'], expected: { outcome: 'skipped' } },
  { name: 'no-issuer-skipped', credential: credentialOf({ issuer: { did: '' } }), registry: registryAllowing(['*']), expected: { outcome: 'skipped' } },
  { name: 'unlisted-issuer-fail', credential: credentialOf({ issuer: { did: 'did:web:attacker.example' } }), registry: registryAllowing(['*']), expected: { outcome: 'failed', code: 'ERR_ISSUER_NOT_TRUSTED' } },
  { name: 'type-not-allowed-fail', credential: credentialOf(), registry: registryAllowing(['TrainingRecord']), expected: { outcome: 'failed', code: 'ERR_ISSUER_TYPE_NOT_ALLOWED' } },
  { name: 'no-catalogue-type-fail', credential: credentialOf({ types: [] }), registry: registryAllowing(['*']), expected: { outcome: 'failed', code: 'ERR_ISSUER_TYPE_NOT_ALLOWED' } },
];

const STATUS_CASES: Case[] = [
  { name: 'no-status-entry-skipped', credential: credentialOf(), expected: { outcome: 'skipped' } },
  { name: 'not-asked-for-skipped', credential: credentialOf({ credential: { credentialStatus: STATUS_ENTRY } }), requested: ['proof'], expected: { outcome: 'skipped' } },
  {
    name: 'forged-credential-skipped',
    credential: credentialOf({ credential: { credentialStatus: STATUS_ENTRY }, checks: [{ check: 'signature', outcome: 'failed', code: 'ERR_VC_SIGNATURE_INVALID', credentialIndex: 2 }], verified: false }),
    expected: { outcome: 'skipped' },
  },
  { name: 'no-issuer-skipped', credential: credentialOf({ issuer: { did: '' }, credential: { credentialStatus: STATUS_ENTRY } }), expected: { outcome: 'skipped' } },
  // An SD-JWT VC's entry is its `status` claim, not `credentialStatus`: a W3C member there is no entry.
  { name: 'sd-jwt-without-status-claim-skipped', credential: credentialOf({ format: 'dc+sd-jwt', credential: { credentialStatus: STATUS_ENTRY } }), expected: { outcome: 'skipped' } },
  { name: 'unreachable-list-fail', credential: credentialOf({ credential: { credentialStatus: STATUS_ENTRY } }), expected: { outcome: 'failed', code: 'ERR_STATUS_UNKNOWN' } },
];

function added(before: VerifiedCredential, after: VerifiedCredential): VerificationCheck[] {
  return after.checks.slice(before.checks.length);
}

describe('addTrustCheck', () => {
  it.each(TRUST_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const credential = structuredClone(c.credential);
    addTrustCheck(contextWith(c.registry), credential, c.requested ? new Set(c.requested) : undefined);
    const checks = added(c.credential, credential);
    expect(checks.map((k) => [k.check, k.outcome, k.code, k.credentialIndex])).toEqual([['trust', c.expected.outcome, c.expected.code, 2]]);
    // The one result keeps every earlier check, and stays verified only while none failed.
    expect(credential.checks.slice(0, c.credential.checks.length)).toEqual(c.credential.checks);
    expect(credential.verified).toBe(c.credential.verified && c.expected.outcome !== 'failed');
  });

  it('names the issuer from the registry only, never from the credential', () => {
    const credential = credentialOf({ credential: { issuer: { id: ISSUER, name: 'Claimed name' } } });
    addTrustCheck(contextWith(registryAllowing(['*'])), credential);
    expect(credential.issuer).toEqual({ did: ISSUER, name: ORG.name, odsCode: ORG.odsCode });
    const unlisted = credentialOf({ issuer: { did: 'did:web:attacker.example' } });
    addTrustCheck(contextWith(registryAllowing(['*'])), unlisted);
    expect(unlisted.issuer).toEqual({ did: 'did:web:attacker.example' });
  });
});

describe('addStatusCheck', () => {
  it.each(STATUS_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const credential = structuredClone(c.credential);
    await addStatusCheck(contextWith(undefined), credential, c.requested ? new Set(c.requested) : undefined);
    const checks = added(c.credential, credential);
    expect(checks.map((k) => [k.check, k.outcome, k.code, k.credentialIndex])).toEqual([['status', c.expected.outcome, c.expected.code, 2]]);
    expect(credential.verified).toBe(c.credential.verified && c.expected.outcome !== 'failed');
  });
});
