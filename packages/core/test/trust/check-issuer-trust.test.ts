/**
 * Issuer trust from the registry alone: a DID is an organisation, allowed some credential types,
 * only within its entry's period; a merged trust's entry ends at the merge and names its
 * successor (DOMAIN.md, "Organisations and trust").
 */
import { describe, expect, it } from '@jest/globals';
import { checkIssuerTrust, findTrustedOrganisation, listTrustedOrganisations } from '../../src/trust/index.js';
import { GP, MERGED, NOW, OLD, RTH, sampleRegistry } from './registry-fixture.js';

const registry = sampleRegistry();

describe('checkIssuerTrust', () => {
  it('trusts a listed DID for an allowed type within its period, and gives the entry', () => {
    const r = checkIssuerTrust(registry, { issuerDid: RTH, credentialType: 'TrainingRecord', at: NOW });
    expect(r).toEqual({ trusted: true, entry: registry.entries[0] });
  });

  it('an unlisted DID: ERR_ISSUER_NOT_TRUSTED', () => {
    const r = checkIssuerTrust(registry, { issuerDid: 'did:web:unknown.example.nhs.uk', credentialType: 'TrainingRecord', at: NOW });
    expect(r).toMatchObject({ trusted: false, code: 'ERR_ISSUER_NOT_TRUSTED' });
  });

  it('a listed DID for a type it may not issue: ERR_ISSUER_TYPE_NOT_ALLOWED', () => {
    const r = checkIssuerTrust(registry, { issuerDid: RTH, credentialType: 'DbsCheck', at: NOW });
    expect(r).toMatchObject({ trusted: false, code: 'ERR_ISSUER_TYPE_NOT_ALLOWED' });
  });

  it('an entry outside its period: ERR_ISSUER_NOT_TRUSTED, before it starts and after it ends', () => {
    const before = checkIssuerTrust(registry, { issuerDid: GP, credentialType: 'TrainingRecord', at: NOW });
    expect(before).toMatchObject({ trusted: false, code: 'ERR_ISSUER_NOT_TRUSTED' });
    expect(!before.trusted && before.message).toMatch(/only from 2025-07-01/);
    expect(checkIssuerTrust(registry, { issuerDid: GP, credentialType: 'TrainingRecord', at: new Date('2025-07-01T00:00:00Z') }).trusted).toBe(true);
    expect(checkIssuerTrust(registry, { issuerDid: RTH, credentialType: 'TrainingRecord', at: new Date('2023-12-31T23:59:59Z') })).toMatchObject({
      code: 'ERR_ISSUER_NOT_TRUSTED',
    });
  });

  it('a merged trust: trusted until the merge (exclusive), then not, naming its successor; the successor is trusted on its own entry', () => {
    const beforeMerge = checkIssuerTrust(registry, { issuerDid: OLD, credentialType: 'DbsCheck', at: new Date('2025-03-31T23:59:59Z') });
    expect(beforeMerge).toMatchObject({ trusted: true, entry: { odsCode: 'RZX' } });
    const afterMerge = checkIssuerTrust(registry, { issuerDid: OLD, credentialType: 'DbsCheck', at: new Date('2025-04-01T00:00:00Z') });
    expect(afterMerge).toMatchObject({ trusted: false, code: 'ERR_ISSUER_NOT_TRUSTED' });
    expect(!afterMerge.trusted && afterMerge.message).toContain(`successor is ${MERGED}`);
    expect(checkIssuerTrust(registry, { issuerDid: MERGED, credentialType: 'DbsCheck', at: NOW })).toMatchObject({ trusted: true, entry: { odsCode: 'RZZ' } });
    expect(checkIssuerTrust(registry, { issuerDid: MERGED, credentialType: 'DbsCheck', at: new Date('2025-03-01T00:00:00Z') })).toMatchObject({
      code: 'ERR_ISSUER_NOT_TRUSTED',
    });
  });

  it('uses the entry of the period asked about when a DID has several', () => {
    const twoPeriods = {
      ...registry,
      entries: [
        { did: RTH, odsCode: 'RTH', name: 'Oxford University Hospitals', credentialTypes: ['TrainingRecord'], validFrom: '2024-01-01T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' },
        { did: RTH, odsCode: 'RTH', name: 'Oxford University Hospitals', credentialTypes: ['DbsCheck'], validFrom: '2025-01-01T00:00:00Z' },
      ],
    };
    expect(checkIssuerTrust(twoPeriods, { issuerDid: RTH, credentialType: 'TrainingRecord', at: new Date('2024-06-01T00:00:00Z') }).trusted).toBe(true);
    expect(checkIssuerTrust(twoPeriods, { issuerDid: RTH, credentialType: 'TrainingRecord', at: NOW })).toMatchObject({ code: 'ERR_ISSUER_TYPE_NOT_ALLOWED' });
    expect(checkIssuerTrust(twoPeriods, { issuerDid: RTH, credentialType: 'DbsCheck', at: NOW }).trusted).toBe(true);
  });
});

describe('findTrustedOrganisation and listTrustedOrganisations', () => {
  it('name a DID by the registry, only while it is listed', () => {
    expect(findTrustedOrganisation(registry, RTH, NOW)).toEqual({
      did: RTH,
      name: 'Oxford University Hospitals',
      odsCode: 'RTH',
      credentialTypes: ['TrainingRecord', 'EmploymentAssignment'],
    });
    expect(findTrustedOrganisation(registry, OLD, NOW)).toBeUndefined();
    expect(findTrustedOrganisation(registry, OLD, new Date('2025-01-01T00:00:00Z'))?.odsCode).toBe('RZX');
    expect(findTrustedOrganisation(registry, 'did:web:unknown.example', NOW)).toBeUndefined();
  });

  it('list who offers what at an instant, by name', () => {
    expect(listTrustedOrganisations(registry, NOW).map((o) => o.odsCode)).toEqual(['RTH', 'RZZ']);
    expect(listTrustedOrganisations(registry, new Date('2025-08-01T00:00:00Z')).map((o) => o.odsCode)).toEqual(['A81001', 'RTH', 'RZZ']);
  });
});
