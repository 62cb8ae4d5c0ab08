/**
 * A verifier's registered asks derived from its check profiles: each accepted type with the claims
 * asked of it, merged across requirements and profiles, for every kind of move (or those given);
 * an entry made so allows every one of the profiles' requests, and nothing they do not ask.
 */
import { describe, expect, it } from '@jest/globals';
import { addTrustRegistryEntry, checkVerifierAsks, createTrustRegistryDraft, renewTrustRegistry } from '@staff-passport/core';
import { MOVE_KIND_CODES } from '@staff-passport/schemas';
import { deriveRegisteredAsks, getProfile, listProfileAsks, listProfiles } from '../../src/index.js';

const DID = 'did:web:verifier.example.nhs.uk';

describe('listProfileAsks and deriveRegisteredAsks', () => {
  it('lists each type a profile accepts once, with the claims of every requirement accepting it', () => {
    const asks = listProfileAsks({
      requirements: [
        { accepts: [{ type: 'TrainingRecord', claims: ['training.subject', 'training.level'] }, { type: 'TrainingSummary', claims: ['summary.subjects'] }] },
        { accepts: [{ type: 'TrainingRecord', claims: ['training.level', 'training.completedOn'] }] },
      ],
    });
    expect(asks).toEqual([
      { type: 'TrainingRecord', claims: ['training.subject', 'training.level', 'training.completedOn'] },
      { type: 'TrainingSummary', claims: ['summary.subjects'] },
    ]);
    expect(listProfileAsks(getProfile('registered-nurse-band-5-acute')).map((a) => a.type)).toContain('ProfessionalRegistration');
  });

  it('derives an entry that allows every shipped profile for every purpose, and no more', () => {
    const asks = deriveRegisteredAsks(listProfiles());
    expect(asks).toHaveLength(1);
    expect(asks[0]!.purposes).toEqual(MOVE_KIND_CODES);
    const registry = renewTrustRegistry(
      addTrustRegistryEntry(createTrustRegistryDraft({ name: 'Test registry' }), { did: DID, odsCode: 'RYV', name: 'Verifier', credentialTypes: [], asks, validFrom: '2020-01-01T00:00:00Z' }),
    );
    for (const profile of listProfiles()) {
      for (const purpose of MOVE_KIND_CODES) expect([profile.id, purpose, checkVerifierAsks(registry, { verifierDid: DID, purpose, asks: listProfileAsks(profile) }).allowed]).toEqual([profile.id, purpose, true]);
    }
    const beyond = checkVerifierAsks(registry, { verifierDid: DID, purpose: 'new_employer', asks: [{ type: 'DbsCheck', claims: ['dbs.disclosureText'] }] });
    expect(beyond.allowed ? [] : beyond.notRegistered).toEqual([{ purpose: 'new_employer', type: 'DbsCheck', claim: 'dbs.disclosureText' }]);
    expect(deriveRegisteredAsks([getProfile('admin-clerical-band-4')], ['host'])[0]!.purposes).toEqual(['host']);
  });
});
