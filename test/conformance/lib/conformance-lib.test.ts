/**
 * The conformance runner's pure parts (docs/conformance.md), without the suites: the generated
 * `localConfig.cjs`, the figures read from a mocha report, and the refusal tally.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printedJson } from './create-conformance-org.js';
import { IMPLEMENTATION_NAMES, SUITES, localConfigFor } from './local-config.js';
import { summariseMochaReport } from './summarise-mocha-report.js';
import { tallyExchanges } from './tally-exchanges.js';

const facts = { issuer: { url: 'http://127.0.0.1:4100', orgId: 'org_1', did: 'did:web:127.0.0.1%3A4100:orgs:org_1', apiKey: 'key' }, verifier: { url: 'http://127.0.0.1:4200' } };

function load(source: string): { settings: Record<string, unknown>; implementations: Array<{ name: string; issuers: Array<{ id: string; endpoint: string; tags: string[] }>; verifiers: Array<{ endpoint: string }> }> } {
  const dir = mkdtempSync(join(tmpdir(), 'local-config-'));
  writeFileSync(join(dir, 'localConfig.cjs'), source);
  return createRequire(import.meta.url)(join(dir, 'localConfig.cjs'));
}

describe('localConfigFor', () => {
  it('vc-data-model-2.0: our two issuers (enveloped JWT with EnvelopingProof, Data Integrity) behind the front, issuing as the demo DID', () => {
    const config = load(localConfigFor('vc-data-model-2.0', 'https://127.0.0.1:9', facts));
    expect(config.settings).toEqual({ enableInteropTests: false, testAllImplementations: false });
    expect(config.implementations.map((i) => [i.name, i.issuers[0]!.endpoint, i.issuers[0]!.tags])).toEqual([
      [IMPLEMENTATION_NAMES.jwt, 'https://127.0.0.1:9/issuers/jwt/credentials/issue', ['vc2.0', 'EnvelopingProof']],
      [IMPLEMENTATION_NAMES.ldp, 'https://127.0.0.1:9/issuers/ldp/credentials/issue', ['vc2.0']],
    ]);
    expect(config.implementations[0]!.issuers[0]!.id).toBe(facts.issuer.did);
    expect(config.implementations[0]!.verifiers[0]!.endpoint).toBe('https://127.0.0.1:9/verifier/credentials/verify');
  });

  it('vc-di-eddsa: the Data Integrity issuer only', () => {
    expect(load(localConfigFor('vc-di-eddsa', 'https://127.0.0.1:9', facts)).implementations.map((i) => i.name)).toEqual([IMPLEMENTATION_NAMES.ldp]);
    expect(Object.keys(SUITES)).toHaveLength(5);
  });
});

describe('summariseMochaReport', () => {
  it('separates hook failures and counts the tests never reached', () => {
    const report = {
      stats: { tests: 5, passes: 3, failures: 2, pending: 0 },
      failures: [
        { fullTitle: 'suite "before all" hook for "x"', err: { message: 'issuing failed' } },
        { fullTitle: 'suite y', err: { message: 'rejected' } },
      ],
    };
    const figures = summariseMochaReport(report, { stats: { tests: 10, passes: 0, failures: 0, pending: 0 }, failures: [] });
    expect(figures).toMatchObject({ defined: 10, passed: 3, failed: 1, pending: 0, notRun: 6, hookFailures: 1 });
  });
});

describe('tallyExchanges', () => {
  it('counts refusals by endpoint and cause, most frequent first', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'exchanges-')), 'x.jsonl');
    const line = (path: string, status: number, response: object): string => JSON.stringify({ path, status, request: '{}', response: JSON.stringify(response) });
    writeFileSync(
      file,
      [
        line('/issuers/jwt/credentials/issue', 400, { code: 'ERR_TYPE_UNKNOWN', field: 'credential.type' }),
        line('/issuers/ldp/credentials/issue', 400, { code: 'ERR_TYPE_UNKNOWN', field: 'credential.type' }),
        line('/verifier/credentials/verify', 400, { code: 'ERR_VERIFICATION_FAILED', errors: [{ check: 'proof', code: 'ERR_DI_PROOF_INVALID' }] }),
        line('/verifier/credentials/verify', 200, { verified: true }),
      ].join('\n'),
    );
    expect(tallyExchanges(file)).toEqual([
      { endpoint: 'issue', cause: 'ERR_TYPE_UNKNOWN (credential.type)', count: 2 },
      { endpoint: 'credentials/verify', cause: 'proof:ERR_DI_PROOF_INVALID', count: 1 },
    ]);
  });
});

describe('printedJson (the conformance organisation, made with the CLI)', () => {
  it('reads the JSON a command printed, with its line of advice after it', () => {
    const printed = `${JSON.stringify({ id: 'key_1', apiKey: 'sp_abc' }, null, 2)}\nThe API key is shown once; only its hash is stored.\n`;
    expect(printedJson(printed)).toEqual({ id: 'key_1', apiKey: 'sp_abc' });
  });
});
