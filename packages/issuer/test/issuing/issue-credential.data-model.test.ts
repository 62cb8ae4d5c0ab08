/**
 * Issuing the VC Data Model 2.0 in full (issue 18, item 2) and types not registered (item 1, the
 * organisation setting), through the VC API issue route, as VC-JOSE and as Data Integrity
 * (eddsa-rdfc-2022). Sections cited are of https://www.w3.org/TR/vc-data-model-2.0/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyAuditChain } from '@staff-passport/issuer';
import { call, startIssuer, type TestIssuer } from '../helpers/start-issuer.js';
import { trainingCredential } from '../../../../test/helpers/training-credential.js';

const V2 = 'https://www.w3.org/ns/credentials/v2';
// A day within any refresher period: the caller's end of validity is earlier than the type's.
const soon = new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const holder = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await startIssuer();
});
afterAll(async () => {
  await issuer.close();
});

function issueUrl(org = issuer.a.org): string {
  return `${issuer.url}/orgs/${org.id}/credentials/issue`;
}

/** The credential an answer carries: the JWT payload of an enveloped VC-JOSE credential, or the Data Integrity document. */
function credentialOf(answer: Record<string, unknown>): Record<string, unknown> {
  const vc = answer['verifiableCredential'] as Record<string, unknown>;
  if (vc['type'] !== 'EnvelopedVerifiableCredential') return vc;
  const jwt = (vc['id'] as string).split(',')[1]!;
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

// Data Integrity signs JSON-LD in safe mode: the terms of the examples are defined here.
const EXAMPLE_TERMS = { '@vocab': 'https://example.org/vocab#' };
const extras = {
  name: 'Fire safety training',
  // A language value with a direction (VC Data Model 2.0, 11.1): canonicalized as an i18n datatype.
  description: [{ '@value': 'Sécurité incendie', '@language': 'fr', '@direction': 'ltr' }],
  evidence: [{ id: 'https://lms.example.nhs.uk/evidence/1', type: ['Evidence'] }],
  termsOfUse: { type: 'TrustFrameworkPolicy', id: 'https://example.nhs.uk/policy' },
  refreshService: { type: 'ManualRefresh', id: 'https://lms.example.nhs.uk/refresh' },
  relatedResource: [{ id: 'https://lms.example.nhs.uk/certificate.pdf', digestSRI: 'sha384-S57yQDg1MTzF56Oi9DbSQ14u7jBy0RDdx0YbeV7shwhCS88G8SCXeFq82PafhCrW' }],
};

describe('a catalogue type keeps what the data model defines (4.4-4.11, 5.3-5.6), its own rules on top', () => {
  it.each(['vc+jwt', 'ldp_vc'] as const)('%s: id, name, description, evidence, termsOfUse, refreshService, relatedResource, issuer object and the caller status are kept', async (format) => {
    const base = trainingCredential(holder);
    const given = {
      ...base,
      '@context': [...(base['@context'] as unknown[]), EXAMPLE_TERMS],
      id: 'https://lms.example.nhs.uk/credentials/42',
      issuer: { id: issuer.a.org.did, image: 'https://example.nhs.uk/logo.png' },
      credentialStatus: { id: 'https://lms.example.nhs.uk/status/3', type: 'ExampleStatus' },
      validUntil: soon,
      ...extras,
    };
    const res = await call(issueUrl(), { key: issuer.a.keys.issuer, body: { credential: given, options: { format } } });
    expect([res.status, res.body['code'], res.body['title']]).toEqual([201, undefined, undefined]);
    // An enveloped credential's @context is an ordered set too (4.3, 4.13.1).
    if (format === 'vc+jwt') expect((res.body['verifiableCredential'] as Record<string, unknown>)['@context']).toEqual([V2]);
    const vc = credentialOf(res.body);
    expect(vc).toMatchObject({ id: given.id, ...extras, issuer: { id: issuer.a.org.did, name: issuer.a.org.name, image: 'https://example.nhs.uk/logo.png' } });
    // The caller's earlier end of validity is kept against the type's refresher period (4.9).
    expect(vc['validUntil']).toBe(soon);
    const statuses = vc['credentialStatus'] as { type: string }[];
    expect(statuses.map((s) => s.type)).toEqual(['ExampleStatus', 'BitstringStatusListEntry', 'BitstringStatusListEntry']);
    expect(vc['credentialSchema']).toMatchObject({ type: 'JsonSchema', id: expect.stringContaining('/schemas/training-record/') });
    // The record is findable under an id of the issuer's own; the credential keeps the caller's.
    expect(res.headers.get('location')).toMatch(/\/credentials\/urn:uuid:/);
  });

  it('the type schema still applies (several subjects are not a TrainingRecord)', async () => {
    const credential = { ...trainingCredential(holder), credentialSubject: [trainingCredential(holder)['credentialSubject'], { id: holder }] };
    const res = await call(issueUrl(), { key: issuer.a.keys.issuer, body: { credential } });
    expect(res.status).toBe(400);
    expect(res.body['code']).toBe('ERR_SCHEMA_INVALID');
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['a proof given (4.12)', { proof: { type: 'DataIntegrityProof' } }, 'ERR_VCDM_PROOF_PRESENT', 'credential.proof'],
    ['an id that is not a URL (4.4)', { id: 'forty two' }, 'ERR_VCDM_ID_INVALID', 'credential.id'],
    ['evidence without a type (5.6)', { evidence: { id: 'https://example.org/e' } }, 'ERR_VCDM_TYPE_MISSING', 'credential.evidence.type'],
    ['another issuer (4.7)', { issuer: { id: 'did:web:elsewhere.example' } }, 'ERR_ISSUER_MISMATCH', 'credential.issuer'],
    ['a property neither the data model nor the type defines (a misspelt validUntil)', { validUtnil: '2027-01-01T00:00:00Z' }, 'ERR_REQUEST_INVALID', 'credential.validUtnil'],
  ])('%s is refused as problem+json naming the rule', async (_case, change, code, field) => {
    const res = await call(issueUrl(), { key: issuer.a.keys.issuer, body: { credential: { ...trainingCredential(holder), ...change } } });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code, field });
  });
});

describe('types not registered: an organisation setting, off by default', () => {
  const generic = (org = issuer.b.org): Record<string, unknown> => ({
    '@context': [V2, EXAMPLE_TERMS],
    id: 'urn:uuid:0b8e6f0e-7d4c-4e3a-9a3e-4b0b1c2d3e4f',
    type: ['VerifiableCredential', 'ExampleDegree'],
    issuer: org.did,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: [{ id: holder, degree: 'BSc' }, { id: 'did:example:second', degree: 'MSc' }],
    ...extras,
  });

  it('is refused while the setting is off (ERR_TYPE_UNKNOWN), and only an org-admin may turn it on', async () => {
    const b = issuer.b;
    expect((await call(`${issuer.url}/orgs/${b.org.id}/settings/types`, { key: b.keys.auditor })).body).toEqual({ allowUnregisteredTypes: false });
    const refused = await call(issueUrl(b.org), { key: b.keys.issuer, body: { credential: generic() } });
    expect(refused.body).toMatchObject({ code: 'ERR_TYPE_UNKNOWN', field: 'credential.type' });
    const notAllowed = await call(`${issuer.url}/orgs/${b.org.id}/settings/types`, { method: 'PUT', key: b.keys.issuer, body: { allowUnregisteredTypes: true } });
    expect(notAllowed.status).toBe(403);
  });

  it.each(['vc+jwt', 'ldp_vc', 'jwt_vc_json'] as const)('%s: once on, is checked against the data model and signed as given (several subjects)', async (format) => {
    const b = issuer.b;
    const set = await call(`${issuer.url}/orgs/${b.org.id}/settings/types`, { method: 'PUT', key: b.keys['org-admin'], body: { allowUnregisteredTypes: true } });
    expect(set.body).toEqual({ allowUnregisteredTypes: true });
    const res = await call(issueUrl(b.org), { key: b.keys.issuer, body: { credential: generic(), options: { format } } });
    expect([res.status, res.body['code'], res.body['title']]).toEqual([201, undefined, undefined]);
    const vc = credentialOf(res.body);
    const { credentialSubject, ...rest } = generic();
    if (format === 'jwt_vc_json') {
      expect((vc['vc'] as Record<string, unknown>)['credentialSubject']).toEqual(credentialSubject);
    } else {
      expect(vc).toMatchObject({ ...rest, credentialSubject });
      expect((vc['credentialStatus'] as unknown[]).length).toBe(2);
    }
  });

  it("ldp_vc: the VC Data Model's examples context (https://www.w3.org/ns/credentials/examples/v2, which the W3C suites name) is held beside the bundled ones", async () => {
    const b = issuer.b;
    await call(`${issuer.url}/orgs/${b.org.id}/settings/types`, { method: 'PUT', key: b.keys['org-admin'], body: { allowUnregisteredTypes: true } });
    const credential = {
      '@context': [V2, 'https://www.w3.org/ns/credentials/examples/v2'],
      type: ['VerifiableCredential', 'ExampleAlumniCredential'],
      issuer: b.org.did,
      credentialSubject: { id: holder, alumniOf: { name: 'Example University' } },
    };
    const res = await call(issueUrl(b.org), { key: b.keys.issuer, body: { credential, options: { format: 'ldp_vc' } } });
    expect([res.status, res.body['code']]).toEqual([201, undefined]);
    expect(credentialOf(res.body)).toMatchObject({ credentialSubject: credential.credentialSubject, proof: { cryptosuite: 'eddsa-rdfc-2022' } });
  });

  it('a VC Data Model 1.1 credential (as the VC API issuer suite sends it) is issued as 2.0: issuanceDate as validFrom, expirationDate as validUntil', async () => {
    const b = issuer.b;
    const credential = {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential'],
      credentialSubject: { id: holder },
      issuanceDate: '2026-01-01T00:00:00Z',
      expirationDate: '2027-01-01T00:00:00Z',
      id: 'urn:uuid:2829d263-fcff-45d5-b4ff-63abbdbf21e8',
      issuer: b.org.did,
    };
    const res = await call(issueUrl(b.org), { key: b.keys.issuer, body: { credential, options: { format: 'ldp_vc' } } });
    expect([res.status, res.body['code'], res.body['title']]).toEqual([201, undefined, undefined]);
    const vc = credentialOf(res.body);
    expect(vc).toMatchObject({ '@context': [V2], id: credential.id, validFrom: credential.issuanceDate, validUntil: credential.expirationDate, proof: { cryptosuite: 'eddsa-rdfc-2022' } });
    expect(vc['issuanceDate']).toBeUndefined();
  });

  it.each<[string, (c: Record<string, unknown>) => void, string]>([
    ['no issuer (4.7)', (c) => delete c['issuer'], 'ERR_VCDM_ISSUER_MISSING'],
    ['no @context (4.3)', (c) => delete c['@context'], 'ERR_VCDM_CONTEXT_FIRST'],
    ['a type that is a number (4.5)', (c) => (c['type'] = 4), 'ERR_VCDM_TYPE_INVALID'],
    ['a subject that is text (4.8)', (c) => (c['credentialSubject'] = 'did:example:1234'), 'ERR_VCDM_SUBJECT_INVALID'],
  ])('still refuses what the data model forbids: %s', async (_case, change, code) => {
    const credential = generic();
    change(credential);
    const res = await call(issueUrl(issuer.b.org), { key: issuer.b.keys.issuer, body: { credential } });
    expect(res.status).toBe(400);
    expect(res.body['code']).toBe(code);
  });

  it.each(['vc+jwt', 'ldp_vc'] as const)('%s: a context that redefines a protected term, or maps a type to no IRI, is refused (4.3)', async (format) => {
    for (const context of [{ VerifiableCredential: 'https://example.org/#Bad' }, { ExampleDegree: 'https ://not-a-url#ExampleDegree' }]) {
      const credential = { ...generic(), '@context': [V2, context] };
      const res = await call(issueUrl(issuer.b.org), { key: issuer.b.keys.issuer, body: { credential, options: { format } } });
      expect([res.status, res.body['code']]).toEqual([400, 'ERR_JSONLD_INVALID']);
    }
  });

  it('a type no @context maps to a URL is refused, as a JWT too (4.5)', async () => {
    const credential = { '@context': [V2, { '@vocab': null }], type: ['VerifiableCredential', 'ExampleDegree'], issuer: issuer.b.org.did, credentialSubject: { id: holder } };
    const res = await call(issueUrl(issuer.b.org), { key: issuer.b.keys.issuer, body: { credential } });
    expect(res.body).toMatchObject({ code: 'ERR_VCDM_TYPE_INVALID', field: 'credential.type' });
  });

  it('is not issued as SD-JWT VC (no vct to name it), and the setting is audited', async () => {
    const b = issuer.b;
    const res = await call(issueUrl(b.org), { key: b.keys.issuer, body: { credential: { ...generic(), credentialSubject: { id: holder, degree: 'BSc' } }, options: { format: 'dc+sd-jwt' } } });
    expect(res.body).toMatchObject({ code: 'ERR_FORMAT_UNSUPPORTED', field: 'options.format' });
    const audit = await call(`${issuer.url}/orgs/${b.org.id}/audit?limit=1000`, { key: b.keys.auditor });
    const events = audit.body['events'] as { action: string; detail: Record<string, unknown> }[];
    expect(events.filter((e) => e.action === 'organisation.type-settings').map((e) => e.detail)).toContainEqual({ allowUnregisteredTypes: true });
    expect((await verifyAuditChain(issuer.ctx.db, b.org.id)).ok).toBe(true);
  });

  it("another organisation's setting stays off", async () => {
    const res = await call(issueUrl(), { key: issuer.a.keys.issuer, body: { credential: generic(issuer.a.org) } });
    expect(res.body['code']).toBe('ERR_TYPE_UNKNOWN');
  });
});
