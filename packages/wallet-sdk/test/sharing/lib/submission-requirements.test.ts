/**
 * Presentation Exchange 2.0, section 7 (Submission Requirements): which input descriptors a
 * wallet must answer, from `all` and `pick` rules over groups and nested requirements.
 */
import { describe, expect, it } from '@jest/globals';
import { SubmissionRequirements, type DescriptorState } from '../../../src/sharing/lib/submission-requirements.js';

const descriptors: DescriptorState[] = [
  { id: 'identity', groups: ['A'], answerable: true },
  { id: 'rtw-passport', groups: ['B'], answerable: false },
  { id: 'rtw-share-code', groups: ['B'], answerable: true },
  { id: 'rtw-visa', groups: ['B'], answerable: true },
  { id: 'dbs', groups: ['C'], answerable: false },
];

describe('SubmissionRequirements', () => {
  it('without requirements, every descriptor is required (section 5)', () => {
    const r = SubmissionRequirements.of({}, descriptors);
    expect([...r.requiredIds()]).toEqual(['identity', 'rtw-passport', 'rtw-share-code', 'rtw-visa', 'dbs']);
    expect(r.unsatisfied()).toEqual(['rtw-passport', 'dbs']);
  });

  it('all from a group requires each of its descriptors; pick needs only count of them', () => {
    const r = SubmissionRequirements.of({ submission_requirements: [{ name: 'Identity', rule: 'all', from: 'A' }, { name: 'Right to work', rule: 'pick', count: 1, from: 'B' }] }, descriptors);
    expect([...r.requiredIds()]).toEqual(['identity']);
    expect(r.unsatisfied()).toEqual([]);
    expect([...r.select(new Set())].sort()).toEqual(['identity', 'rtw-share-code']);
    // The holder's choice wins over the first answerable one.
    expect([...r.select(new Set(['rtw-visa']))].sort()).toEqual(['identity', 'rtw-visa']);
  });

  it('names a requirement the wallet cannot meet', () => {
    const r = SubmissionRequirements.of({ submission_requirements: [{ name: 'DBS', rule: 'all', from: 'C' }, { rule: 'pick', min: 3, from: 'B' }] }, descriptors);
    expect(r.unsatisfied()).toEqual(['DBS', 'submission_requirements[1]']);
  });

  it('nested requirements: pick one of two all-groups', () => {
    const r = SubmissionRequirements.of({ submission_requirements: [{ rule: 'pick', count: 1, from_nested: [{ rule: 'all', from: 'C' }, { rule: 'all', from: 'A' }] }] }, descriptors);
    expect(r.unsatisfied()).toEqual([]);
    expect([...r.select(new Set())]).toEqual(['identity']);
  });

  it.each([
    [{ submission_requirements: [] }],
    [{ submission_requirements: [{ rule: 'some', from: 'A' }] }],
    [{ submission_requirements: [{ rule: 'all' }] }],
    [{ submission_requirements: [{ rule: 'all', from: 'A', from_nested: [] }] }],
  ])('refuses a malformed requirement %j', (definition) => {
    expect(() => SubmissionRequirements.of(definition, descriptors)).toThrow(expect.objectContaining({ code: 'ERR_WALLET_REQUEST_INVALID' }));
  });
});
