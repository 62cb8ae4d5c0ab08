/**
 * Presentation requests from profiles: DCQL (OpenID4VP 1.0 section 6) and Presentation Exchange
 * 2.0, checked against schemas written from the specifications and the specifications' examples.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { CATALOGUE, VOCAB } from '@staff-passport/schemas';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { buildPresentationRequest, getProfile, listProfiles, type CheckProfile, type DcqlCredentialQuery } from '../../src/profiles/index.js';
import { OPENID4VP_PD_SD_JWT_VC_EXAMPLE, dcqlQuerySchema, presentationDefinitionSchema } from './helpers/query-schemas.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validDcql = ajv.compile(dcqlQuerySchema);
const validPd = ajv.compile(presentationDefinitionSchema);

const vectors = new URL('../../../../test/vectors/openid4vp/', import.meta.url);
const readVector = (path: string): unknown => JSON.parse(readFileSync(new URL(path, vectors), 'utf8'));
const dcqlVectors = [
  ...readdirSync(new URL('query_lang/', vectors)).map((f) => `query_lang/${f}`),
  'request/dcql_jwt_vc.json',
  'request/dcql_ldp_vc.json',
];

const nurse = getProfile('registered-nurse-band-5-acute');
const request = buildPresentationRequest(nurse);
const query = (id: string): DcqlCredentialQuery => {
  const q = request.dcql_query.credentials.find((c) => c.id === id);
  if (!q) throw new Error(`no credential query ${id}`);
  return q;
};

describe('the schemas written from the specifications accept the specifications own examples', () => {
  it.each(dcqlVectors)('OpenID4VP 1.0 section 6: %s is a DCQL query', (path) => {
    expect(validDcql(readVector(path))).toBe(true);
  });

  it('Presentation Exchange 2.0: OpenID4VP pd_sd_jwt_vc.json is a presentation definition', () => {
    expect(validPd(OPENID4VP_PD_SD_JWT_VC_EXAMPLE)).toBe(true);
  });
});

describe('buildPresentationRequest', () => {
  it.each(listProfiles().map((p) => [p.id, p] as [string, CheckProfile]))('%s: DCQL and the presentation definition have the specified structure', (_id, profile) => {
    const r = buildPresentationRequest(profile);
    expect(validDcql(r.dcql_query)).toBe(true);
    expect(validDcql.errors ?? []).toEqual([]);
    expect(validPd(r.presentation_definition)).toBe(true);
    // Every credential query belongs to a credential set, and every option names real queries (section 6.2).
    const ids = new Set(r.dcql_query.credentials.map((c) => c.id));
    const referenced = new Set(r.dcql_query.credential_sets?.flatMap((s) => s.options.flat()));
    expect(referenced).toEqual(ids);
    expect(r.dcql_query.credential_sets).toHaveLength(profile.requirements.length);
  });

  it('asks an SD-JWT VC by vct and a W3C VC by fully expanded type (OpenID4VP 1.0 appendix B.3.5, B.1.1)', () => {
    expect(query('professional_registration__professional_registration__sd')).toMatchObject({
      format: 'dc+sd-jwt',
      // Every version the catalogue keeps, newest first (ProfessionalRegistration 2.0.0, then 1.0.0).
      meta: { vct_values: CATALOGUE.filter((d) => d.type === 'ProfessionalRegistration').map((d) => d.vct) },
    });
    expect(query('professional_registration__professional_registration__jwt')).toMatchObject({
      format: 'jwt_vc_json',
      meta: { type_values: [[`${VOCAB}ProfessionalRegistration`]] },
    });
  });

  it('asks only for the claims the profile lists: SD-JWT paths from the payload, W3C paths under credentialSubject (section 7)', () => {
    const listed = nurse.requirements.find((r) => r.id === 'professional_registration')!.accepts[0]!.claims;
    const sd = query('professional_registration__professional_registration__sd');
    const jwt = query('professional_registration__professional_registration__jwt');
    expect(sd.claims?.map((c) => c.path.join('.'))).toEqual(listed);
    expect(jwt.claims?.map((c) => c.path.join('.'))).toEqual(listed.map((p) => `credentialSubject.${p}`));
    // Not asked: what no rule of this profile reads and HR does not import.
    const everyPath = request.dcql_query.credentials.flatMap((c) => c.claims?.map((cl) => cl.path.join('.')) ?? []);
    expect(everyPath).not.toContain('registration.annotations');
    expect(everyPath).not.toContain('dbs.updateService.lastStatus');
    expect(everyPath.some((p) => p.includes('attributeMetadata'))).toBe(false);
  });

  it('offers the claims every credential has as a second claim set, so an optional claim does not block (section 6.4.1)', () => {
    const rtw = query('right_to_work__right_to_work__sd');
    expect(rtw.claim_sets).toEqual([
      ['rightToWork_listType', 'rightToWork_documentExpiresOn', 'rightToWork_permissionExpiresOn', 'rightToWork_followUpDueOn', 'rightToWork_method', 'rightToWork_documentKind'],
      ['rightToWork_listType', 'rightToWork_method', 'rightToWork_documentKind'],
    ]);
    // All of a training summary's subjects are always present: no claim sets.
    expect(query('statutory_mandatory_training__training_summary__sd').claim_sets).toBeUndefined();
  });

  it('asks for one training record per CSTF subject, matching subject and levels by value (section 6.3)', () => {
    const resus = query('statutory_mandatory_training__resuscitation__sd');
    expect(resus.claims).toEqual(
      expect.arrayContaining([
        { id: 'training_subject', path: ['training', 'subject'], values: ['resuscitation'] },
        { id: 'training_level', path: ['training', 'level'], values: [2, 3] },
      ]),
    );
    // Fire safety has level 1 only.
    expect(query('statutory_mandatory_training__fire_safety__jwt').claims).toEqual(
      expect.arrayContaining([{ id: 'training_level', path: ['credentialSubject', 'training', 'level'], values: [1] }]),
    );
  });

  it('offers a training summary or a full set of records as alternatives (section 6.2)', () => {
    const training = request.dcql_query.credential_sets![nurse.requirements.findIndex((r) => r.id === 'statutory_mandatory_training')]!;
    expect(training.options[0]).toEqual(['statutory_mandatory_training__training_summary__sd']);
    expect(training.options[1]).toEqual(['statutory_mandatory_training__training_summary__jwt']);
    expect(training.options[2]).toHaveLength(11);
    expect(training.options[2]!.every((id) => id.endsWith('__sd'))).toBe(true);
    expect(training.required).toBeUndefined();
  });

  it('makes an optional requirement an optional credential set, and several references possible', () => {
    const sets = request.dcql_query.credential_sets!;
    expect(sets[nurse.requirements.findIndex((r) => r.id === 'employment_assignment')]).toMatchObject({ required: false });
    expect(query('references__employment_reference__sd').multiple).toBe(true);
  });

  it('uses a path pointer with null through arrays (section 7)', () => {
    const profile = structuredClone(getProfile('doctor-in-training-placement')) as CheckProfile;
    profile.requirements.find((r) => r.id === 'employment_history')!.accepts[0]!.claims.push('history.employments.startOn');
    const q = buildPresentationRequest(profile).dcql_query.credentials.find((c) => c.id === 'employment_history__employment_history__sd')!;
    expect(q.claims?.at(-1)?.path).toEqual(['history', 'employments', null, 'startOn']);
  });

  it('builds a Presentation Exchange 2.0 definition: limit_disclosure only for SD-JWT, type filters, alternatives as submission requirements', () => {
    const pd = request.presentation_definition;
    expect(pd.id).toBe('registered-nurse-band-5-acute@1.1.0');
    const sd = pd.input_descriptors.find((d) => d.id === 'dbs__dbs_check__sd')!;
    expect(sd.constraints.limit_disclosure).toBe('required');
    expect(sd.constraints.fields[0]).toEqual({ path: ['$.vct'], filter: { type: 'string', enum: CATALOGUE.filter((d) => d.type === 'DbsCheck').map((d) => d.vct) } });
    expect(sd.constraints.fields.map((f) => f.path[0])).toContain('$.dbs.certificateNumber');
    expect(sd.format).toEqual({ 'dc+sd-jwt': { 'sd-jwt_alg_values': ['EdDSA', 'ES256'], 'kb-jwt_alg_values': ['EdDSA', 'ES256'] } });
    const jwt = pd.input_descriptors.find((d) => d.id === 'dbs__dbs_check__jwt')!;
    expect(jwt.constraints.limit_disclosure).toBeUndefined();
    expect(jwt.constraints.fields[0]).toEqual({ path: ['$.type', '$.vc.type'], filter: { type: 'array', contains: { const: 'DbsCheck' } } });
    expect(jwt.constraints.fields[1]!.path).toEqual(['$.credentialSubject.dbs.level', '$.vc.credentialSubject.dbs.level']);
    const training = pd.submission_requirements!.find((s) => s.name === nurse.requirements[5]!.title)!;
    expect(training).toMatchObject({ rule: 'pick', count: 1 });
    expect(training.from_nested?.map((n) => n.from)).toEqual([
      'statutory_mandatory_training__summary',
      'statutory_mandatory_training__records__sd',
      'statutory_mandatory_training__records__jwt',
    ]);
    expect(pd.submission_requirements!.find((s) => s.from === 'employment_assignment')).toMatchObject({ rule: 'pick', min: 0, max: 1 });
  });

  it('asks only for the formats given', () => {
    const r = buildPresentationRequest(nurse, { formats: ['dc+sd-jwt'], algs: ['ES256'] });
    expect(new Set(r.dcql_query.credentials.map((c) => c.format))).toEqual(new Set(['dc+sd-jwt']));
    expect(r.presentation_definition.input_descriptors.every((d) => d.constraints.limit_disclosure === 'required')).toBe(true);
    expect(validDcql(r.dcql_query)).toBe(true);
  });
});
