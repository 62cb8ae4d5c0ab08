/**
 * matchDcql (OpenID4VP 1.0, section 6) on credential views built in the test, no network: format
 * and meta, claims with values, claim_sets (optional claims) and credential_sets (required
 * queries), and the malformed queries refused with ERR_WALLET_REQUEST_INVALID by field. Queries
 * as named data.
 */
import { describe, expect, it } from '@jest/globals';
import type { CredentialView } from '../../../src/sharing/lib/credential-view.js';
import { matchDcql, planDcql } from '../../../src/sharing/lib/match-dcql.js';
import type { StoredCredential } from '../../../src/stores/credential-store.js';

const VOCAB_TRAINING = 'https://w3id.org/staff-passport/vocab#TrainingRecord';

function stored(id: string, format: StoredCredential['format']): StoredCredential {
  return { id, format, raw: 'not read here', types: [], issuer: 'did:web:trust.example', holder: 'did:jwk:holder', claims: {}, storedAt: '2026-03-01T09:00:00.000Z' };
}

const training: CredentialView = {
  credential: stored('urn:uuid:training', 'vc+jwt'),
  root: { type: ['VerifiableCredential', 'TrainingRecord'], credentialSubject: { id: 'did:jwk:holder', training: { subject: 'fire-safety', level: 1 }, completedOn: '2026-01-10' } },
  types: ['VerifiableCredential', 'TrainingRecord'],
  selective: false,
};
const registration: CredentialView = {
  credential: stored('urn:uuid:registration', 'dc+sd-jwt'),
  root: { vct: 'https://w3id.org/staff-passport/vct/ProfessionalRegistration', registration: { register: 'NMC', number: '12A3456B' }, familyName: 'Okafor' },
  types: [],
  vct: 'https://w3id.org/staff-passport/vct/ProfessionalRegistration',
  selective: true,
  alwaysDisclosed: [['registration', 'register']],
};
const VIEWS = [training, registration];

const trainingQuery = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ id: 'training', format: 'jwt_vc_json', ...extra });
const registrationQuery = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ id: 'registration', format: 'dc+sd-jwt', ...extra });

describe('planDcql: which credential answers a credential query', () => {
  const cases: [name: string, query: Record<string, unknown>, view: CredentialView, answers: boolean][] = [
    ['vc-jwt-for-jwt-vc-json-ok', trainingQuery(), training, true],
    ['sd-jwt-for-jwt-vc-json-none', trainingQuery(), registration, false],
    ['legacy-vc-sd-jwt-format-ok', registrationQuery({ format: 'vc+sd-jwt' }), registration, true],
    ['unknown-format-none', trainingQuery({ format: 'ldp_vc' }), training, false],
    ['vct-listed-ok', registrationQuery({ meta: { vct_values: [registration.vct] } }), registration, true],
    ['vct-not-listed-none', registrationQuery({ meta: { vct_values: ['https://example.com/other'] } }), registration, false],
    ['type-values-expanded-iri-ok', trainingQuery({ meta: { type_values: [[VOCAB_TRAINING]] } }), training, true],
    ['type-values-compact-name-ok', trainingQuery({ meta: { type_values: [['TrainingRecord']] } }), training, true],
    ['type-values-other-type-none', trainingQuery({ meta: { type_values: [['DbsCheck']] } }), training, false],
    ['claim-present-ok', trainingQuery({ claims: [{ path: ['credentialSubject', 'training', 'subject'] }] }), training, true],
    ['claim-value-listed-ok', trainingQuery({ claims: [{ path: ['credentialSubject', 'training', 'level'], values: [1, 2] }] }), training, true],
    ['claim-value-not-listed-none', trainingQuery({ claims: [{ path: ['credentialSubject', 'training', 'level'], values: [3] }] }), training, false],
    ['claim-missing-none', trainingQuery({ claims: [{ path: ['credentialSubject', 'expiresOn'] }] }), training, false],
    ['claim-set-without-the-missing-claim-ok', trainingQuery({ claims: [{ id: 'a', path: ['credentialSubject', 'expiresOn'] }, { id: 'b', path: ['credentialSubject', 'completedOn'] }], claim_sets: [['a', 'b'], ['b']] }), training, true],
  ];
  it.each(cases)('%s', (_name, query, view, answers) => {
    expect(planDcql(query, view) !== undefined).toBe(answers);
  });

  it('keeps the satisfiable claim sets in the verifier order, and asks for the whole credential when no claims are named', () => {
    const plan = planDcql(trainingQuery({ claims: [{ id: 'a', path: ['credentialSubject', 'expiresOn'] }, { id: 'b', path: ['credentialSubject', 'completedOn'] }, { id: 'c', path: ['credentialSubject', 'training'] }], claim_sets: [['a', 'b'], ['b', 'c'], ['c']] }), training);
    expect(plan?.sets).toEqual([[1, 2], [2]]);
    expect(planDcql(trainingQuery(), training)).toMatchObject({ whole: true, claims: [{ path: ['credentialSubject', 'id'] }, { path: ['credentialSubject', 'training'] }, { path: ['credentialSubject', 'completedOn'] }] });
  });
});

describe('matchDcql: the queries, their candidates and what cannot be answered', () => {
  it('marks a claim required only when every satisfiable set holds it', () => {
    const { queries } = matchDcql({ credentials: [trainingQuery({ claims: [{ id: 'a', path: ['credentialSubject', 'training'] }, { id: 'b', path: ['credentialSubject', 'completedOn'] }], claim_sets: [['a', 'b'], ['a']] })] }, VIEWS);
    expect(queries[0]!.candidates.map((c) => c.credential.id)).toEqual(['urn:uuid:training']);
    expect(queries[0]!.candidates[0]!.claims.map((c) => [c.path, c.required])).toEqual([
      ['credentialSubject.training', true],
      ['credentialSubject.completedOn', false],
    ]);
  });

  const sets: [name: string, query: Record<string, unknown>, required: boolean[], unsatisfied: string[]][] = [
    ['every-query-required-without-sets', { credentials: [trainingQuery(), registrationQuery()] }, [true, true], []],
    ['unanswerable-query-named', { credentials: [trainingQuery(), trainingQuery({ id: 'dbs', meta: { type_values: [['DbsCheck']] } })] }, [true, true], ['dbs']],
    ['either-option-answers-the-set', { credentials: [trainingQuery(), trainingQuery({ id: 'dbs', meta: { type_values: [['DbsCheck']] } })], credential_sets: [{ options: [['dbs'], ['training']] }] }, [false, false], []],
    ['optional-set-never-unsatisfied', { credentials: [trainingQuery(), trainingQuery({ id: 'dbs', meta: { type_values: [['DbsCheck']] } })], credential_sets: [{ options: [['training']] }, { options: [['dbs']], required: false }] }, [true, false], []],
    ['required-set-unanswerable-named', { credentials: [registrationQuery(), trainingQuery({ id: 'dbs', meta: { type_values: [['DbsCheck']] } })], credential_sets: [{ options: [['dbs', 'registration']] }] }, [true, true], ['dbs+registration']],
  ];
  it.each(sets)('%s', (_name, query, required, unsatisfied) => {
    const answer = matchDcql(query, VIEWS);
    expect(answer.queries.map((q) => q.required)).toEqual(required);
    expect(answer.unsatisfied).toEqual(unsatisfied);
  });

  const refusals: [name: string, query: Record<string, unknown>, field: string][] = [
    ['no-credentials-fail', { credentials: [] }, 'dcql_query.credentials'],
    ['credentials-not-an-array-fail', { credentials: { id: 'training' } }, 'dcql_query.credentials'],
    ['query-without-id-fail', { credentials: [{ format: 'jwt_vc_json' }] }, 'dcql_query.credentials.id'],
    ['claims-not-an-array-fail', { credentials: [trainingQuery({ claims: { path: ['x'] } })] }, 'dcql_query.credentials.claims'],
    ['claim-path-empty-fail', { credentials: [trainingQuery({ claims: [{ path: [] }] })] }, 'dcql_query.credentials.claims.path'],
    ['claim-path-negative-index-fail', { credentials: [trainingQuery({ claims: [{ path: ['credentialSubject', -1] }] })] }, 'dcql_query.credentials.claims.path'],
    ['claim-sets-not-an-array-fail', { credentials: [trainingQuery({ claims: [{ id: 'a', path: ['credentialSubject'] }], claim_sets: 'a' })] }, 'dcql_query.credentials.claim_sets'],
    ['claim-set-unknown-id-fail', { credentials: [trainingQuery({ claims: [{ id: 'a', path: ['credentialSubject'] }], claim_sets: [['a', 'z']] })] }, 'dcql_query.credentials.claim_sets'],
  ];
  it.each(refusals)('%s', (_name, query, field) => {
    expect(() => matchDcql(query, VIEWS)).toThrow(expect.objectContaining({ code: 'ERR_WALLET_REQUEST_INVALID', field }));
  });
});
