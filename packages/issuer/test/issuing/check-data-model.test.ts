/**
 * The VC Data Model 2.0 rules the issuer applies before signing (issue 18, item 2), one row per
 * rule, each citing its section of https://www.w3.org/TR/vc-data-model-2.0/.
 */
import { describe, expect, it } from '@jest/globals';
import { PassportError } from '@staff-passport/core';
import { checkDataModel } from '../../src/issuing/check-data-model.js';

const V2 = 'https://www.w3.org/ns/credentials/v2';
const ISSUER = 'did:web:issuer.example:orgs:org_1';
const minimal = (): Record<string, unknown> => ({ '@context': [V2], type: ['VerifiableCredential'], issuer: ISSUER, credentialSubject: { id: 'did:example:subject' } });

function codeOf(credential: Record<string, unknown>): [string, string | undefined] | 'ok' {
  try {
    checkDataModel(credential);
    return 'ok';
  } catch (err: unknown) {
    if (!(err instanceof PassportError)) throw err;
    return [err.code, err.field];
  }
}

describe('what the data model allows is accepted', () => {
  it.each<[string, Record<string, unknown>]>([
    ['the minimal credential (4.3, 4.5, 4.7, 4.8)', {}],
    ['an id that is a URL (4.4)', { id: 'urn:uuid:6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' }],
    ['another type as a URL, VerifiableCredential last (4.5)', { type: ['https://example.org/#ExampleType', 'VerifiableCredential'] }],
    ['context objects after the base context (4.3)', { '@context': [V2, { ex: 'https://example.org/#' }, 'https://www.w3.org/ns/credentials/examples/v2'] }],
    ['name and description as strings and language values (4.6, 11.1)', { name: 'Example', description: [{ '@value': 'Exemple', '@language': 'fr', '@direction': 'ltr' }] }],
    ['issuer as an object with a name (4.7)', { issuer: { id: ISSUER, name: { '@value': 'Trust', '@language': 'en' }, image: 'https://example.org/logo.png' } }],
    ['several subjects (4.8)', { credentialSubject: [{ id: 'did:example:a' }, { name: 'B' }] }],
    ['validFrom before validUntil, with time zones (4.9)', { validFrom: '2026-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00+01:00' }],
    ['credentialStatus with a type (4.10)', { credentialStatus: { id: 'https://example.org/status/1#3', type: 'ExampleStatus' } }],
    ['credentialSchema with an id and a type (4.11)', { credentialSchema: [{ id: 'https://example.org/schema.json', type: 'JsonSchema' }] }],
    ['relatedResource with digests (5.3)', { relatedResource: [{ id: 'https://example.org/a.png', digestSRI: 'sha384-abc' }, { id: 'https://example.org/b', digestMultibase: 'uEi' }] }],
    ['refreshService, termsOfUse and evidence with types (5.4, 5.5, 5.6)', { refreshService: { type: 'ExampleRefresh', id: 'https://example.org/r' }, termsOfUse: [{ type: 'ExamplePolicy' }], evidence: [{ type: ['Evidence'], id: 'https://example.org/e/1' }] }],
  ])('%s', (_rule, change) => {
    expect(codeOf({ ...minimal(), ...change })).toBe('ok');
  });
});

describe('what the data model forbids is refused with a code naming the rule', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    ['no @context (4.3)', { '@context': undefined }, 'ERR_VCDM_CONTEXT_FIRST', 'credential.@context'],
    ['@context not an array (4.3; the VC API asks for an array)', { '@context': V2 }, 'ERR_VCDM_CONTEXT_INVALID', 'credential.@context'],
    ['the 2.0 context not first (4.3)', { '@context': ['https://example.org/ctx', V2] }, 'ERR_VCDM_CONTEXT_FIRST', 'credential.@context[0]'],
    ['a context item neither URL nor object (4.3)', { '@context': [V2, 4] }, 'ERR_VCDM_CONTEXT_INVALID', 'credential.@context[1]'],
    ['an id that is not a URL (4.4)', { id: 'not a url' }, 'ERR_VCDM_ID_INVALID', 'credential.id'],
    ['a subject id that is not a URL (4.4)', { credentialSubject: { id: 'subject 1' } }, 'ERR_VCDM_ID_INVALID', 'credential.credentialSubject.id'],
    ['no type (4.5)', { type: undefined }, 'ERR_VCDM_TYPE_MISSING', 'credential.type'],
    ['a type without VerifiableCredential (4.5)', { type: ['ExampleType'] }, 'ERR_VCDM_TYPE_MISSING', 'credential.type'],
    ['a type that is a number (4.5)', { type: 4 }, 'ERR_VCDM_TYPE_INVALID', 'credential.type'],
    ['an empty type (4.5)', { type: [] }, 'ERR_VCDM_TYPE_INVALID', 'credential.type'],
    ['a name that is a number (4.6)', { name: 4 }, 'ERR_VCDM_NAME_INVALID', 'credential.name'],
    ['a description object without @value (4.6, 11.1)', { description: { '@language': 'en' } }, 'ERR_VCDM_NAME_INVALID', 'credential.description'],
    ['no issuer (4.7)', { issuer: undefined }, 'ERR_VCDM_ISSUER_MISSING', 'credential.issuer'],
    ['an issuer that is not a URL (4.7)', { issuer: 'Trust' }, 'ERR_VCDM_ISSUER_INVALID', 'credential.issuer'],
    ['an issuer object without an id (4.7)', { issuer: { name: 'Trust' } }, 'ERR_VCDM_ISSUER_INVALID', 'credential.issuer'],
    ['an issuer that is a list (4.7)', { issuer: [] }, 'ERR_VCDM_ISSUER_INVALID', 'credential.issuer'],
    ['no credentialSubject (4.8)', { credentialSubject: undefined }, 'ERR_VCDM_SUBJECT_MISSING', 'credential.credentialSubject'],
    ['a credentialSubject that is text (4.8)', { credentialSubject: 'did:example:1234' }, 'ERR_VCDM_SUBJECT_INVALID', 'credential.credentialSubject'],
    ['an empty list of subjects (4.8)', { credentialSubject: [] }, 'ERR_VCDM_SUBJECT_INVALID', 'credential.credentialSubject'],
    ['a subject with no claim (4.8)', { credentialSubject: {} }, 'ERR_VCDM_SUBJECT_INVALID', 'credential.credentialSubject'],
    ['validFrom without a time zone (4.9)', { validFrom: '2026-01-01T00:00:00' }, 'ERR_VCDM_VALIDITY_INVALID', 'credential.validFrom'],
    ['validUntil before validFrom (4.9)', { validFrom: '2027-01-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z' }, 'ERR_VCDM_VALIDITY_INVALID', 'credential.validUntil'],
    ['credentialStatus without a type (4.10)', { credentialStatus: { id: 'https://example.org/status#1' } }, 'ERR_VCDM_TYPE_MISSING', 'credential.credentialStatus.type'],
    ['credentialStatus with an id that is not a URL (4.10)', { credentialStatus: { id: 'status 1', type: 'ExampleStatus' } }, 'ERR_VCDM_ID_INVALID', 'credential.credentialStatus.id'],
    ['credentialSchema without an id (4.11)', { credentialSchema: { type: 'JsonSchema' } }, 'ERR_VCDM_SCHEMA_INVALID', 'credential.credentialSchema.id'],
    ['credentialSchema without a type (4.11)', { credentialSchema: [{ id: 'https://example.org/s' }] }, 'ERR_VCDM_TYPE_MISSING', 'credential.credentialSchema[0].type'],
    ['a proof already (4.12: the issuer secures it)', { proof: { type: 'DataIntegrityProof' } }, 'ERR_VCDM_PROOF_PRESENT', 'credential.proof'],
    ['a relatedResource without a digest (5.3)', { relatedResource: { id: 'https://example.org/a' } }, 'ERR_VCDM_RELATED_RESOURCE_INVALID', 'credential.relatedResource'],
    ['a relatedResource listed twice (5.3)', { relatedResource: [{ id: 'https://example.org/a', digestSRI: 'sha384-a' }, { id: 'https://example.org/a', digestSRI: 'sha384-b' }] }, 'ERR_VCDM_RELATED_RESOURCE_INVALID', 'credential.relatedResource[1].id'],
    ['a refreshService without a type (5.4)', { refreshService: { id: 'https://example.org/r' } }, 'ERR_VCDM_TYPE_MISSING', 'credential.refreshService.type'],
    ['a termsOfUse without a type (5.5)', { termsOfUse: [{ id: 'https://example.org/t' }] }, 'ERR_VCDM_TYPE_MISSING', 'credential.termsOfUse[0].type'],
    ['an evidence that is not an object (5.6)', { evidence: ['a photo'] }, 'ERR_VCDM_PROPERTY_INVALID', 'credential.evidence[0]'],
  ])('%s', (_rule, change, code, field) => {
    const credential = { ...minimal(), ...change };
    for (const [key, value] of Object.entries(change)) if (value === undefined) delete credential[key];
    expect(codeOf(credential)).toEqual([code, field]);
  });
});
