/** What a wallet screen shows: catalogue title and labels, issuer name, and expiry against an injected clock. */
import { describe, expect, it } from '@jest/globals';
import { trainingRecordType } from '@staff-passport/schemas';
import { describeCredential, type StoredCredential } from '../../src/index.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const day = (n: number): string => new Date(NOW.getTime() + n * 86_400_000).toISOString();

function stored(over: Partial<StoredCredential> = {}): StoredCredential {
  return {
    id: 'urn:uuid:1',
    format: 'vc+jwt',
    raw: 'jwt',
    types: ['TrainingRecord'],
    issuer: 'did:web:issuer.example:orgs:rth',
    holder: 'did:key:z6Mk',
    claims: { training: { subject: 'fire-safety', completedOn: '2026-01-10' } },
    validFrom: day(-50),
    validUntil: day(400),
    storedAt: day(-50),
    ...over,
  };
}

describe('describeCredential', () => {
  it('takes the title, description and claim labels from the catalogue', async () => {
    const view = await describeCredential(stored(), { now: NOW });
    expect(view).toMatchObject({ title: trainingRecordType.title, description: trainingRecordType.description, type: 'TrainingRecord' });
    const line = view.claims.find((c) => c.path === 'training.subject');
    expect(line).toEqual({ path: 'training.subject', label: trainingRecordType.labels['training.subject'] ?? 'Subject', value: 'fire-safety' });
  });

  it('names the issuer from the trust registry lookup, and leaves it unnamed when not listed', async () => {
    const listed = await describeCredential(stored(), { now: NOW, findOrganisation: (did) => Promise.resolve(did.includes('rth') ? { name: 'Test Valley NHS Trust', odsCode: 'RZY' } : undefined) });
    expect(listed.issuer).toEqual({ did: 'did:web:issuer.example:orgs:rth', name: 'Test Valley NHS Trust', odsCode: 'RZY' });
    const unlisted = await describeCredential(stored({ issuer: 'did:web:elsewhere.example' }), { now: NOW, findOrganisation: () => Promise.resolve(undefined) });
    expect(unlisted.issuer).toEqual({ did: 'did:web:elsewhere.example' });
  });

  it.each([
    [day(400), undefined, 'valid', 'expires on 5 April 2027'],
    [day(30), undefined, 'expiring', 'expires in 30 days'],
    [day(0.5), undefined, 'expiring', 'expires in 1 day'],
    [day(-3.2), undefined, 'expired', 'expired 3 days ago'],
    [day(-0.1), undefined, 'expired', 'expired today'],
    [undefined, undefined, 'valid', 'does not expire'],
    [day(400), day(10), 'not-yet-valid', 'valid from 11 March 2026'],
  ])('validUntil %s, validFrom %s: %s (%s)', async (validUntil, validFrom, state, text) => {
    const { validUntil: _u, validFrom: _f, ...rest } = stored();
    const view = await describeCredential({ ...rest, ...(validUntil ? { validUntil } : {}), ...(validFrom ? { validFrom } : {}) }, { now: NOW });
    expect([view.expiry.state, view.expiry.text]).toEqual([state, text]);
  });

  it('falls back to the type name and the claim names for a type outside the catalogue', async () => {
    const view = await describeCredential(stored({ types: [], vct: 'https://example.org/vct/parking-permit', claims: { parkingZone: 'B' } }), { now: NOW });
    expect(view.title).toBe('https://example.org/vct/parking-permit');
    expect(view.claims).toEqual([{ path: 'parkingZone', label: 'Parking zone', value: 'B' }]);
  });
});
