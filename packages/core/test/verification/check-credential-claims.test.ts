/**
 * The `schema` check (VC Data Model 2.0, section 4.11 "Data Schemas"): a schema the verifier knows
 * is enforced; a credential of no catalogue type naming no schema, or only unknown ones, gets a
 * skipped check, never a failure by itself; a catalogue credential keeps its rules (issue 18).
 */
import { describe, expect, it } from '@jest/globals';
import { getCredentialType } from '@staff-passport/schemas';
import { checkCredentialSchema } from '../../src/verification/check-credential-claims.js';
import { CheckList } from '../../src/verification/verification-result.js';

const training = getCredentialType('TrainingRecord')!;

function schemaCheck(credential: Record<string, unknown>): { outcome: string; code?: string; message?: string } {
  const list = new CheckList();
  checkCredentialSchema(list, credential);
  expect(list.checks).toHaveLength(1);
  return list.checks[0]!;
}

/** VC Data Model 2.0, section 4.11, example "Usage of the credentialSchema property" (less its proof). */
const specExample = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
  id: 'http://university.example/credentials/3732',
  type: ['VerifiableCredential', 'ExampleDegreeCredential', 'ExamplePersonCredential'],
  issuer: 'https://university.example/issuers/14',
  validFrom: '2010-01-01T19:23:24Z',
  credentialSubject: { id: 'did:example:ebfeb1f712ebc6f1c276e12ec21', degree: { type: 'ExampleBachelorDegree', name: 'Bachelor of Science and Arts' } },
  credentialSchema: [
    { id: 'https://example.org/examples/degree.json', type: 'JsonSchema' },
    { id: 'https://example.org/examples/alumni.json', type: 'JsonSchema' },
  ],
};

function catalogueCredential(): Record<string, unknown> {
  const body = JSON.parse(JSON.stringify(training.example).replaceAll('{holderDid}', 'did:example:holder')) as Record<string, unknown>;
  return { ...body, credentialSchema: { id: training.schemaId, type: 'JsonSchema' } };
}

describe('checkCredentialSchema', () => {
  it('the spec example, whose schemas this verifier does not know: skipped, naming them', () => {
    const check = schemaCheck(specExample);
    expect(check.outcome).toBe('skipped');
    expect(check.message).toContain('https://example.org/examples/degree.json');
  });

  it('a credential of no catalogue type that names no schema: skipped', () => {
    const { credentialSchema: _s, ...none } = specExample;
    expect(schemaCheck(none)).toMatchObject({ outcome: 'skipped', message: 'the credential names no credentialSchema' });
  });

  it('a catalogue credential with its schema: passed; with claims that do not match: failed with the issues', () => {
    expect(schemaCheck(catalogueCredential()).outcome).toBe('passed');
    const bad = catalogueCredential();
    (bad['credentialSubject'] as Record<string, unknown>)['training'] = { level: 'not a level' };
    expect(schemaCheck(bad)).toMatchObject({ outcome: 'failed', code: 'ERR_VC_SCHEMA_INVALID' });
  });

  it('a catalogue credential without a catalogue schema still fails, as before (unchanged results for our own types)', () => {
    const { credentialSchema: _s, ...none } = catalogueCredential();
    expect(schemaCheck(none)).toMatchObject({ outcome: 'failed', code: 'ERR_VC_SCHEMA_INVALID', message: 'the credential names no credentialSchema' });
    expect(schemaCheck({ ...none, credentialSchema: { id: 'https://example.org/other.json', type: 'JsonSchema' } })).toMatchObject({ outcome: 'failed', code: 'ERR_VC_SCHEMA_INVALID' });
  });

  it('a known schema is enforced whatever the type: a generic credential naming a catalogue schema it does not meet fails', () => {
    const check = schemaCheck({ ...specExample, credentialSchema: [...specExample.credentialSchema, { id: training.schemaId, type: 'JsonSchema' }] });
    expect(check).toMatchObject({ outcome: 'failed', code: 'ERR_VC_SCHEMA_INVALID' });
  });
});
