/**
 * A bulk row's request key is compared with keys stored by earlier jobs (the same row uploaded
 * again issues nothing), so its text must never change: the key of the faster sorted copy is the
 * one the first implementation (`Object.fromEntries` of sorted entries) gave, for any JSON value.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { IssueRequest } from '../../../src/issuing/issue-credential.js';
import { rowRequestKey } from '../../../src/jobs/lib/row-request-key.js';

// The first implementation, kept as the reference.
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
const referenceKey = (request: unknown): string => `job:${createHash('sha256').update(JSON.stringify(canonical(request))).digest('hex')}`;

const request: IssueRequest = {
  credential: {
    type: ['VerifiableCredential', 'TrainingRecord'],
    credentialSubject: {
      id: 'did:example:staff-1',
      training: { framework: 'CSTF', frameworkVersion: '1.2', subject: 'fire_safety', level: 1, completedOn: '2026-03-14', issuerAligned: true, esrCompetence: 'NHS|CSTF|Fire Safety - 2 Years|' },
    },
  },
  options: { format: 'vc+jwt' },
};

describe('rowRequestKey', () => {
  it('is the key rows were given before (a stored key, pinned)', () => {
    // Computed with the first implementation.
    expect(rowRequestKey(request)).toBe('job:3b0f357b6b89869ac2e64807c90384902142a14875994e65b190d8a0673a033d');
  });

  it('matches the reference for any object of JSON values, with keys in any order, unicode and array-index keys', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('0', '1', '10', '9', '01', '-1', '4294967294', '4294967295', '__proto__', 'a', 'B', 'é', '𝄞'));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.string({ unit: 'grapheme' }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), tie('array'), tie('object')),
      array: fc.array(tie('node'), { maxLength: 5 }),
      object: fc.dictionary(key, tie('node'), { maxKeys: 6 }),
    })).object;
    fc.assert(
      fc.property(value, (v) => {
        expect(rowRequestKey(v as unknown as IssueRequest)).toBe(referenceKey(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps an own __proto__ key and array-index keys as the first implementation did', () => {
    const parsed = JSON.parse('{"z":1,"__proto__":{"b":[3,{"y":1,"x":2}]},"10":"ten","9":"nine","a":null}') as unknown;
    expect(rowRequestKey(parsed as IssueRequest)).toBe(referenceKey(parsed));
  });

  it('ignores the order the request was built in', () => {
    const shuffled = { options: { format: 'vc+jwt' }, credential: { credentialSubject: request.credential['credentialSubject'], type: request.credential['type'] } } as IssueRequest;
    expect(rowRequestKey(shuffled)).toBe(rowRequestKey(request));
  });
});
