/**
 * How the share screen lays out a request: one group per credential set (OpenID4VP 1.0 section
 * 6.2: `options`, `required`) or Presentation Exchange 2.0 group (submission requirements `pick`
 * and `all`), with only the options the wallet can answer.
 */
import { describe, expect, it } from '@jest/globals';
import type { CandidateCredential, CredentialQueryPreview, SharePreview, StoredCredential } from '@staff-passport/wallet-sdk/browser';
import { formatValue, humanise } from '../../src/lib/format-value.js';
import { planShareGroups } from '../../src/lib/plan-share-groups.js';

function stored(id: string, format: StoredCredential['format'] = 'dc+sd-jwt', raw = 'x.e30.x~'): StoredCredential {
  return { id, format, raw, types: ['IdentityVerification'], issuer: 'did:web:trust.example', holder: 'did:key:z', claims: {}, storedAt: '2026-11-01T00:00:00Z' };
}

function query(queryId: string, candidates: string[], required = false): CredentialQueryPreview {
  const list: CandidateCredential[] = candidates.map((id) => ({ credential: stored(id), claims: [], selective: true, alwaysShared: [] }));
  return { queryId, required, candidates: list };
}

function preview(queries: CredentialQueryPreview[], request: Record<string, unknown>, queryLanguage: SharePreview['queryLanguage'] = 'dcql'): SharePreview {
  return { clientId: 'x509_san_dns:verifier.example', queryLanguage, queries, unsatisfied: [], request, responseUri: 'https://verifier.example/response', nonce: 'n' };
}

const ids = (groups: ReturnType<typeof planShareGroups>): string[][][] => groups.map((g) => g.options.map((o) => o.map((q) => q.queryId)));

describe('planShareGroups', () => {
  it('DCQL credential sets: answerable options only, required unless the set says otherwise, unanswerable sets left out', () => {
    const queries = [query('id_sd', ['a']), query('id_jwt', []), query('rtw_sd', ['b']), query('rtw_jwt', ['c']), query('training', [])];
    const groups = planShareGroups(
      preview(queries, {
        dcql_query: {
          credentials: [],
          credential_sets: [
            { options: [['id_sd'], ['id_jwt']] },
            { options: [['rtw_sd'], ['rtw_jwt']], required: false, purpose: 'If you have it' },
            { options: [['training']], required: false },
          ],
        },
      }),
    );
    expect(ids(groups)).toEqual([[['id_sd']], [['rtw_sd'], ['rtw_jwt']]]);
    expect(groups.map((g) => [g.required, g.purpose])).toEqual([
      [true, undefined],
      [false, 'If you have it'],
    ]);
  });

  it('DCQL without credential sets: every query the wallet can answer, each required (section 6.1)', () => {
    const groups = planShareGroups(preview([query('one', ['a']), query('two', [])], { dcql_query: { credentials: [] } }));
    expect(ids(groups)).toEqual([[['one']]]);
    expect(groups[0]!.required).toBe(true);
  });

  it('Presentation Exchange: descriptors grouped by group; pick one of a required group, all of an `all` group', () => {
    const queries = [query('id_sd', ['a']), query('id_jwt', ['b']), query('dbs', ['c']), query('rec_1', ['d']), query('rec_2', ['e']), query('extra', ['f'])];
    const definition = {
      input_descriptors: [
        { id: 'id_sd', group: ['identity'] },
        { id: 'id_jwt', group: ['identity'] },
        { id: 'dbs', group: ['dbs'] },
        { id: 'rec_1', group: ['records'] },
        { id: 'rec_2', group: ['records'] },
        { id: 'extra' },
      ],
      submission_requirements: [
        { rule: 'pick', count: 1, from: 'identity', purpose: 'Who you are' },
        { rule: 'pick', min: 0, max: 1, from: 'dbs' },
        { rule: 'all', from: 'records' },
      ],
    };
    const groups = planShareGroups(preview(queries, { presentation_definition: definition }, 'presentation_definition'));
    expect(ids(groups)).toEqual([[['id_sd'], ['id_jwt']], [['dbs']], [['rec_1', 'rec_2']], [['extra']]]);
    expect(groups.map((g) => g.required)).toEqual([true, false, true, false]);
    expect(groups[0]!.purpose).toBe('Who you are');
  });
});

describe('formatValue and humanise', () => {
  it('writes dates, lists, objects and names as people read them', () => {
    expect(formatValue('2027-03-03')).toBe('3 March 2027');
    expect(formatValue(['a', 'b'])).toBe('a, b');
    expect(formatValue({ providerName: 'Example', certified: true })).toBe('Provider name: Example; Certified: Yes');
    expect(humanise('DbsCheck')).toBe('DBS check');
    expect(humanise('confidenceLevel')).toBe('Confidence level');
  });
});
