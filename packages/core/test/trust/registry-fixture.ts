import type { TrustRegistry } from '../../src/trust/index.js';

/** The instant tests run at: inside the registry edition below and every entry's period. */
export const NOW = new Date('2025-06-01T12:00:00Z');

export const RTH = 'did:web:rth.example.nhs.uk';
export const OLD = 'did:web:old-valley.example.nhs.uk';
export const MERGED = 'did:web:valley-merged.example.nhs.uk';
export const GP = 'did:web:a81001.example.nhs.uk';

/**
 * A registry as an operator would sign it: a trust allowed two types, a trust that merged into a
 * successor on 2025-04-01, the successor allowed every type, and a GP practice listed from July.
 */
export function sampleRegistry(): TrustRegistry {
  return {
    type: 'StaffPassportTrustRegistry',
    id: 'https://trust.example.nhs.uk/registry.jwt',
    name: 'Example staff passport trust registry',
    version: 7,
    issuedAt: '2025-05-30T00:00:00Z',
    validUntil: '2025-06-29T00:00:00Z',
    operator: { name: 'Example NHS England', did: 'did:web:trust.example.nhs.uk' },
    entries: [
      { did: RTH, odsCode: 'RTH', name: 'Oxford University Hospitals', credentialTypes: ['TrainingRecord', 'EmploymentAssignment'], validFrom: '2024-01-01T00:00:00Z' },
      { did: OLD, odsCode: 'RZX', name: 'Old Valley NHS Trust', credentialTypes: ['*'], validFrom: '2020-01-01T00:00:00Z', validUntil: '2025-04-01T00:00:00Z', successor: MERGED },
      { did: MERGED, odsCode: 'RZZ', name: 'Valley Merged NHS Trust', credentialTypes: ['*'], validFrom: '2025-04-01T00:00:00Z' },
      { did: GP, odsCode: 'A81001', name: 'Example GP Practice', credentialTypes: ['TrainingRecord'], validFrom: '2025-07-01T00:00:00Z' },
    ],
  };
}
