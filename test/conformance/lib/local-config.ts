import type { ServiceFacts } from './create-suite-front.js';

/** The suites this runner knows, by the folder each is checked out in. */
export const SUITES = {
  'vc-data-model-2.0': { folder: 'vc-data-model-2.0-test-suite', repo: 'w3c/vc-data-model-2.0-test-suite' },
  'vc-di-eddsa': { folder: 'vc-di-eddsa-test-suite', repo: 'w3c/vc-di-eddsa-test-suite' },
  'vc-bitstring-status-list': { folder: 'vc-bitstring-status-list-test-suite', repo: 'w3c/vc-bitstring-status-list-test-suite' },
  'vc-api-issuer': { folder: 'vc-api-issuer-test-suite', repo: 'w3c-ccg/vc-api-issuer-test-suite' },
  'vc-api-verifier': { folder: 'vc-api-verifier-test-suite', repo: 'w3c-ccg/vc-api-verifier-test-suite' },
} as const;

export type SuiteName = keyof typeof SUITES;

/** The implementation names the configs use; the verifier suite is told which issues its credentials. */
export const IMPLEMENTATION_NAMES = { jwt: 'Staff Passport (vc+jwt)', ldp: 'Staff Passport (ldp_vc)' } as const;

/** What each suite's tags are, per securing format (`jwt` enveloped VC-JOSE, `ldp` Data Integrity). */
const TAGS: Record<SuiteName, { jwt?: string[]; ldp?: string[] }> = {
  'vc-data-model-2.0': { jwt: ['vc2.0', 'EnvelopingProof'], ldp: ['vc2.0'] },
  'vc-di-eddsa': { ldp: ['eddsa-rdfc-2022'] },
  'vc-bitstring-status-list': { jwt: ['BitstringStatusList'], ldp: ['BitstringStatusList'] },
  'vc-api-issuer': { jwt: ['vc-api', 'JWT'], ldp: ['vc-api'] },
  'vc-api-verifier': { jwt: ['vc-api', 'JWT'], ldp: ['vc-api'] },
};

function implementation(kind: 'jwt' | 'ldp', tags: string[], frontUrl: string, facts: ServiceFacts): Record<string, unknown> {
  const verifier = (path: string): Record<string, unknown> => ({ id: facts.verifier.url, endpoint: `${frontUrl}/verifier${path}`, tags });
  return {
    name: IMPLEMENTATION_NAMES[kind],
    implementation: `Staff Passport, ${kind === 'jwt' ? 'VC-JOSE (enveloped vc+jwt)' : 'Data Integrity (eddsa-rdfc-2022)'}`,
    issuers: [{ id: facts.issuer.did, endpoint: `${frontUrl}/issuers/${kind}/credentials/issue`, tags, supports: { vc: ['2.0'] } }],
    verifiers: [verifier('/credentials/verify')],
    vpVerifiers: [verifier('/presentations/verify')],
  };
}

/**
 * The `localConfig.cjs` for a suite (the mechanism of w3c/vc-test-suite-implementations): only
 * our implementations, no cross-implementation interop tests, every endpoint behind the TLS front.
 */
export function localConfigFor(name: SuiteName, frontUrl: string, facts: ServiceFacts): string {
  const implementations = (['jwt', 'ldp'] as const).flatMap((kind) => {
    const tags = TAGS[name][kind];
    return tags ? [implementation(kind, tags, frontUrl, facts)] : [];
  });
  const config = { settings: { enableInteropTests: false, testAllImplementations: false }, implementations };
  return `// Written by staff-passport test/conformance/run-conformance.ts; do not edit.\nmodule.exports = ${JSON.stringify(config, null, 2)};\n`;
}
