/**
 * Registered asks: a verifier's entry lists, per purpose (kind of move), the credential types and
 * claims it may ask for. The format validates field by field (older entries, without asks, stay
 * valid), and checkVerifierAsks names each purpose, type and claim asked beyond the entry.
 */
import { describe, expect, it } from '@jest/globals';
import { checkVerifierAsks, toUnregisteredAskIssues, validateTrustRegistry, type TrustRegistry, type TrustRegistryEntry } from '../../src/trust/index.js';
import { NOW, RTH, sampleRegistry } from './registry-fixture.js';

const VERIFIER = 'did:web:verifier.example.nhs.uk';

const verifierEntry: TrustRegistryEntry = {
  did: VERIFIER,
  odsCode: 'RYY',
  name: 'Hill Valley NHS Trust',
  credentialTypes: [],
  asks: [
    {
      purposes: ['new_employer', 'tupe_transfer'],
      credentials: [
        { type: 'DbsCheck', claims: ['dbs.level', 'dbs.decision'] },
        { type: 'TrainingRecord', claims: ['training'] },
      ],
    },
    { purposes: ['host'], credentials: [{ type: 'TrainingRecord', claims: ['training.subject', 'training.level'] }] },
  ],
  validFrom: '2025-01-01T00:00:00Z',
};

function registry(entry: TrustRegistryEntry = verifierEntry): TrustRegistry {
  const r = sampleRegistry();
  return { ...r, entries: [...r.entries, entry] };
}

function issuesOf(entry: Record<string, unknown>): Record<string, string> {
  const r = sampleRegistry() as unknown as Record<string, unknown>;
  return Object.fromEntries(validateTrustRegistry({ ...r, entries: [entry] }).map((i) => [i.path, i.code]));
}

describe('the asks of a trust registry entry', () => {
  it('accepts a verifier-only entry (no types to issue) with asks, and an issuer entry without asks as before', () => {
    expect(validateTrustRegistry(registry())).toEqual([]);
    expect(validateTrustRegistry(sampleRegistry())).toEqual([]);
  });

  it('names each field at fault: purposes, types and claims', () => {
    expect(
      issuesOf({
        ...verifierEntry,
        asks: [
          { purposes: ['marketing'], credentials: [{ type: 'NoSuchType', claims: ['dbs level'] }], extra: true },
          { purposes: [], credentials: [] },
          { purposes: ['host', 'host'], credentials: [{ type: 'DbsCheck', claims: [] }, { type: 'DbsCheck', claims: ['dbs'] }] },
        ],
      }),
    ).toEqual({
      'entries.0.asks.0.extra': 'unknown_property',
      'entries.0.asks.0.purposes.0': 'enum',
      'entries.0.asks.0.credentials.0.type': 'enum',
      'entries.0.asks.0.credentials.0.claims.0': 'pattern',
      'entries.0.asks.1.purposes': 'minItems',
      'entries.0.asks.1.credentials': 'minItems',
      'entries.0.asks.2.purposes.1': 'uniqueItems',
      'entries.0.asks.2.credentials.0.claims': 'minItems',
      'entries.0.asks.2.credentials.1.type': 'uniqueItems',
    });
    expect(issuesOf({ ...verifierEntry, asks: [] })).toEqual({ 'entries.0.asks': 'minItems' });
    // Without asks, an entry must still allow some type to issue.
    const { asks: _asks, ...noAsks } = verifierEntry;
    expect(issuesOf(noAsks)).toEqual({ 'entries.0.credentialTypes': 'minItems' });
  });
});

describe('checkVerifierAsks', () => {
  it('allows what the entry registers for the purpose, a registered claim covering the claims beneath it', () => {
    const r = checkVerifierAsks(registry(), {
      verifierDid: VERIFIER,
      purpose: 'new_employer',
      asks: [
        { type: 'DbsCheck', claims: ['dbs.level'] },
        { type: 'TrainingRecord', claims: ['training.subject', 'training.completedOn'] },
      ],
      at: NOW,
    });
    expect(r).toEqual({
      registered: true,
      allowed: true,
      organisation: { did: VERIFIER, name: 'Hill Valley NHS Trust', odsCode: 'RYY', credentialTypes: [], asks: verifierEntry.asks },
      purposes: ['new_employer', 'tupe_transfer', 'host'],
    });
  });

  it('names each type and claim beyond the entry for the purpose, and a purpose not registered', () => {
    const r = checkVerifierAsks(registry(), {
      verifierDid: VERIFIER,
      purpose: 'host',
      asks: [
        { type: 'TrainingRecord', claims: ['training.subject', 'training.completedOn'] },
        { type: 'DbsCheck', claims: ['dbs.level'] },
      ],
      at: NOW,
    });
    expect(r.allowed).toBe(false);
    if (r.allowed) return;
    expect(r.code).toBe('ERR_ASK_NOT_REGISTERED');
    expect(r.notRegistered).toEqual([
      { purpose: 'host', type: 'TrainingRecord', claim: 'training.completedOn' },
      { purpose: 'host', type: 'DbsCheck' },
    ]);
    expect(toUnregisteredAskIssues(r.notRegistered).map((i) => [i.path, i.code])).toEqual([
      ['asks.host.TrainingRecord.training.completedOn', 'claim_not_registered'],
      ['asks.host.DbsCheck', 'type_not_registered'],
    ]);

    const rotation = checkVerifierAsks(registry(), { verifierDid: VERIFIER, purpose: 'rotation', asks: [{ type: 'DbsCheck', claims: ['dbs.level'] }], at: NOW });
    expect(rotation.allowed ? [] : rotation.notRegistered).toEqual([{ purpose: 'rotation' }]);
    expect(toUnregisteredAskIssues([{ purpose: 'rotation' }])[0]).toMatchObject({ path: 'asks.rotation', code: 'purpose_not_registered' });
  });

  it('without a purpose, counts what any purpose registers', () => {
    const r = checkVerifierAsks(registry(), { verifierDid: VERIFIER, asks: [{ type: 'DbsCheck', claims: ['dbs.decision'] }, { type: 'TrainingRecord', claims: ['training.level'] }], at: NOW });
    expect(r.allowed).toBe(true);
  });

  it('a DID without an entry with asks in force is not registered (an issuer entry names the organisation)', () => {
    const asks = [{ type: 'DbsCheck', claims: ['dbs.level'] }];
    const unknown = checkVerifierAsks(registry(), { verifierDid: 'did:web:nobody.example', purpose: 'new_employer', asks, at: NOW });
    expect(unknown).toMatchObject({ registered: false, allowed: false, code: 'ERR_VERIFIER_NOT_REGISTERED', notRegistered: [{ purpose: 'new_employer', type: 'DbsCheck' }] });
    expect(unknown.organisation).toBeUndefined();
    const issuerOnly = checkVerifierAsks(registry(), { verifierDid: RTH, purpose: 'new_employer', asks, at: NOW });
    expect(issuerOnly).toMatchObject({ registered: false, code: 'ERR_VERIFIER_NOT_REGISTERED', organisation: { name: 'Oxford University Hospitals' } });
    const before = checkVerifierAsks(registry(), { verifierDid: VERIFIER, purpose: 'new_employer', asks, at: new Date('2024-06-01T00:00:00Z') });
    expect(before).toMatchObject({ registered: false, code: 'ERR_VERIFIER_NOT_REGISTERED' });
  });
});
