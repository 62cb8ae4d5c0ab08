/**
 * Matching what was presented against what was asked, on the OpenID4VP 1.0 examples
 * (test/vectors/openid4vp, from openid/OpenID4VP 1.0/examples): Credential Query meta and claims
 * (section 6.1, 6.3), `values` (section 6.3), `claim_sets` (section 6.4.1), credential sets
 * (section 6.4.2) and claims path pointers (section 7).
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { credentialQueryMismatch, parseDcqlVpToken, parsePeVpToken, unmetCredentialSets, type LooseDcqlQuery } from '../../src/oid4vp/index.js';
import { selectClaims, jsonPathToPointer, pathsOverlap } from '../../src/oid4vp/lib/claims-path.js';

const VECTORS = join(import.meta.dirname, '../../../../test/vectors/openid4vp');
const vector = <T>(path: string): T => JSON.parse(readFileSync(join(VECTORS, path), 'utf8')) as T;

const doe = {
  vct: 'https://credentials.example.com/identity_credential',
  given_name: 'John',
  family_name: 'Doe',
  address: { street_address: '123 Main St', locality: 'Anytown' },
  postal_code: '90210',
  locality: 'Anytown',
  region: 'Anystate',
  date_of_birth: '1940-01-01',
  degrees: [{ type: 'Bachelor' }, { type: 'Master' }],
};

describe('claims path pointers (section 7)', () => {
  it('selects keys, every array element with null, and one element by index', () => {
    expect(selectClaims(doe, ['address', 'street_address'])).toEqual(['123 Main St']);
    expect(selectClaims(doe, ['degrees', null, 'type'])).toEqual(['Bachelor', 'Master']);
    expect(selectClaims(doe, ['degrees', 1, 'type'])).toEqual(['Master']);
    expect(selectClaims(doe, ['nationalities', 1])).toEqual([]);
  });

  it('overlaps as a prefix either way, null matching any index; reads simple PE JSONPaths', () => {
    expect(pathsOverlap(['degrees', 0, 'type'], ['degrees', null, 'type'])).toBe(true);
    expect(pathsOverlap(['address'], ['address', 'street_address'])).toBe(true);
    expect(pathsOverlap(['birthdate'], ['address', 'street_address'])).toBe(false);
    expect(jsonPathToPointer('$.credentialSubject.training[*].subject')).toEqual(['credentialSubject', 'training', null, 'subject']);
    expect(jsonPathToPointer("$['vct']")).toEqual(['vct']);
    expect(jsonPathToPointer('$..name')).toBeUndefined();
  });
});

describe('Credential Query matching (sections 6.1, 6.3, 6.4.1)', () => {
  it('simple.json: matches when every claim is disclosed; names the missing one otherwise', () => {
    const query = vector<LooseDcqlQuery>('query_lang/simple.json').credentials[0]!;
    expect(credentialQueryMismatch(query, doe)).toBeUndefined();
    const { address: _address, ...withoutAddress } = doe;
    expect(credentialQueryMismatch(query, withoutAddress)).toMatch(/street_address/);
    expect(credentialQueryMismatch(query, { ...doe, vct: 'https://other.example/vct' })).toMatch(/vct/);
  });

  it('value_matching_simple.json: a claim with values must hold one of them', () => {
    const query = vector<LooseDcqlQuery>('query_lang/value_matching_simple.json').credentials[0]!;
    expect(credentialQueryMismatch(query, doe)).toBeUndefined();
    expect(credentialQueryMismatch(query, { ...doe, postal_code: '10001' })).toMatch(/postal_code/);
  });

  it('claims_alternatives.json: one claim set disclosed in full is enough', () => {
    const query = vector<LooseDcqlQuery>('query_lang/claims_alternatives.json').credentials[0]!;
    const { locality: _l, region: _r, ...secondSetOnly } = doe;
    expect(credentialQueryMismatch(query, secondSetOnly)).toBeUndefined();
    const { postal_code: _p, ...neither } = secondSetOnly;
    expect(credentialQueryMismatch(query, neither)).toMatch(/claim set/);
  });

  it('credentials/sd_jwt_vc_unsecured.json lacks the address simple.json asks for', () => {
    const query = vector<LooseDcqlQuery>('query_lang/simple.json').credentials[0]!;
    expect(credentialQueryMismatch(query, vector<Record<string, unknown>>('credentials/sd_jwt_vc_unsecured.json'))).toMatch(/street_address/);
  });
});

describe('credential sets (section 6.4.2)', () => {
  const query = vector<LooseDcqlQuery>('query_lang/credentials_alternatives.json');
  it.each([
    [['pid'], true],
    [['other_pid', 'nice_to_have'], true],
    [['pid_reduced_cred_1', 'pid_reduced_cred_2'], true],
    [['pid_reduced_cred_1'], false],
    [['nice_to_have'], false],
  ])('answered %j: satisfied %s (the optional set never holds it up)', (ids, ok) => {
    expect(unmetCredentialSets(query, new Set(ids)).length === 0).toBe(ok);
  });

  it('without credential sets every Credential Query is required', () => {
    const multi = vector<LooseDcqlQuery>('query_lang/multi_credentials.json');
    const ids = multi.credentials.map((c) => c.id);
    expect(unmetCredentialSets(multi, new Set(ids))).toEqual([]);
    expect(unmetCredentialSets(multi, new Set(ids.slice(1)))).toEqual([[ids[0]]]);
  });
});

// The PassportError a call throws (or undefined), to assert on its code and field.
function thrown(run: () => unknown): { code?: string; field?: string } | undefined {
  try {
    run();
    return undefined;
  } catch (err: unknown) {
    return err as { code?: string; field?: string };
  }
}

describe('reading a vp_token (section 8.1) and a presentation submission', () => {
  const query = {
    credentials: [
      { id: 'sd', format: 'dc+sd-jwt' as const, meta: { vct_values: ['x'] } },
      { id: 'many', format: 'dc+sd-jwt' as const, multiple: true, meta: { vct_values: ['x'] } },
    ],
  };
  const sdJwt = 'eyJhbGciOiJFZERTQSJ9.eyJ2Y3QiOiJ4In0.c2ln~WyJzIiwiYSIsMV0~eyJhbGciOiJFZERTQSJ9.e30.c2ln';

  it('a JSON object of arrays keyed by credential query id', () => {
    expect(parseDcqlVpToken(query, JSON.stringify({ sd: [sdJwt], many: [sdJwt, sdJwt] })).map((a) => a.queryIds[0])).toEqual(['sd', 'many', 'many']);
  });

  it.each([
    ['not JSON', 'eyJ...', 'vp_token'],
    ['an array', JSON.stringify([sdJwt]), 'vp_token'],
    ['an unknown query id', JSON.stringify({ other: [sdJwt] }), 'vp_token.other'],
    ['a bare string, not an array', JSON.stringify({ sd: sdJwt }), 'vp_token.sd'],
    ['two presentations without multiple', JSON.stringify({ sd: [sdJwt, sdJwt] }), 'vp_token.sd'],
    ['another format than asked', JSON.stringify({ sd: ['eyJhbGciOiJFZERTQSJ9.e30.c2ln'] }), 'vp_token.sd[0]'],
  ])('%s is ERR_VP_RESPONSE_INVALID naming the field', (_name, token, field) => {
    expect(thrown(() => parseDcqlVpToken(query, token))).toMatchObject({ code: 'ERR_VP_RESPONSE_INVALID', field });
  });

  it('PE: the descriptor_map points input descriptors at presentations ($ or $[n])', () => {
    const definition = { id: 'pd', input_descriptors: [{ id: 'a', format: { 'dc+sd-jwt': {} }, constraints: { fields: [] } }] };
    const submission = { id: 's', definition_id: 'pd', descriptor_map: [{ id: 'a', format: 'dc+sd-jwt', path: '$' }] };
    expect(parsePeVpToken(definition, sdJwt, JSON.stringify(submission))[0]!.queryIds).toEqual(['a']);
    expect(thrown(() => parsePeVpToken(definition, sdJwt, JSON.stringify({ ...submission, definition_id: 'other' })))).toMatchObject({ code: 'ERR_VP_RESPONSE_INVALID' });
    expect(thrown(() => parsePeVpToken(definition, sdJwt, undefined))).toMatchObject({ code: 'ERR_VP_RESPONSE_INVALID', field: 'presentation_submission' });
    const outOfRange = { ...submission, descriptor_map: [{ id: 'a', format: 'dc+sd-jwt', path: '$[1]' }] };
    expect(thrown(() => parsePeVpToken(definition, JSON.stringify([sdJwt]), JSON.stringify(outOfRange)))).toMatchObject({ code: 'ERR_VP_RESPONSE_INVALID' });
  });
});
