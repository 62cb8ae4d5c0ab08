import type { VerifiedCredential } from '../../../src/verification/verified-credential.js';

/**
 * A credential's result made by hand, for the steps that read one (status, trust, the VC API
 * report, the profile check): a DbsCheck from did:web:issuer.example, verified on its checks.
 */
export function verifiedCredentialOf(overrides: Partial<VerifiedCredential> = {}): VerifiedCredential {
  const index = overrides.index ?? 0;
  const checks = overrides.checks ?? [{ check: 'signature', outcome: 'passed', credentialIndex: index }];
  return {
    index,
    format: 'vc+jwt',
    types: ['DbsCheck'],
    issuer: { did: 'did:web:issuer.example' },
    subject: {},
    verified: checks.every((c) => c.outcome !== 'failed'),
    checks,
    hash: String(index).repeat(64),
    ...overrides,
  };
}
