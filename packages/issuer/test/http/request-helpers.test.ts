/**
 * The request readers every issuer route uses: a malformed id is simply not found, a bad field
 * names itself. Cases as named data.
 */
import { describe, expect, it } from '@jest/globals';
import { optionalStringField, orgIdOf, pathParam, queryParam, stringField } from '../../src/http/request-helpers.js';

describe('orgIdOf', () => {
  it('takes org_ and 16 lower-case hex digits', () => {
    expect(orgIdOf({ params: { orgId: 'org_0123456789abcdef' } })).toBe('org_0123456789abcdef');
  });
  const refusals: [name: string, orgId: string | undefined][] = [
    ['missing-fail', undefined],
    ['upper-case-hex-fail', 'org_0123456789ABCDEF'],
    ['short-fail', 'org_0123'],
    ['other-prefix-fail', 'key_0123456789abcdef'],
    ['path-traversal-fail', '../org_0123456789abcdef'],
  ];
  it.each(refusals)('%s', (_name, orgId) => {
    const params: Record<string, string> = orgId === undefined ? {} : { orgId };
    expect(() => orgIdOf({ params })).toThrow(expect.objectContaining({ code: 'ERR_ORG_NOT_FOUND', field: 'orgId' }));
  });
});

describe('stringField and optionalStringField', () => {
  const fields: [name: string, body: Record<string, unknown>, ok: boolean][] = [
    ['text-ok', { name: 'Example NHS Trust' }, true],
    ['at-the-limit-ok', { name: 'x'.repeat(200) }, true],
    ['empty-fail', { name: '' }, false],
    ['over-the-limit-fail', { name: 'x'.repeat(201) }, false],
    ['number-fail', { name: 42 }, false],
    ['missing-fail', {}, false],
  ];
  it.each(fields)('%s', (_name, body, ok) => {
    if (ok) expect(stringField(body, 'name')).toBe(body['name']);
    else expect(() => stringField(body, 'name')).toThrow(expect.objectContaining({ code: 'ERR_REQUEST_INVALID', field: 'name' }));
  });

  it('lets an optional field be absent, never wrong', () => {
    expect(optionalStringField({}, 'label')).toBeUndefined();
    expect(optionalStringField({ label: 'HR' }, 'label', 2)).toBe('HR');
    expect(() => optionalStringField({ label: 'HR system' }, 'label', 2)).toThrow(expect.objectContaining({ field: 'label' }));
    expect(() => optionalStringField({ label: null }, 'label')).toThrow(expect.objectContaining({ code: 'ERR_REQUEST_INVALID' }));
  });
});

describe('pathParam and queryParam', () => {
  it('answers the not-found code given for a path parameter of the wrong shape', () => {
    expect(pathParam({ params: { jobId: 'job_abc' } }, 'jobId', /^job_[a-z]+$/, 'ERR_JOB_NOT_FOUND')).toBe('job_abc');
    expect(() => pathParam({ params: { jobId: 'job_1' } }, 'jobId', /^job_[a-z]+$/, 'ERR_JOB_NOT_FOUND')).toThrow(expect.objectContaining({ code: 'ERR_JOB_NOT_FOUND', field: 'jobId' }));
    expect(() => pathParam({ params: {} }, 'keyId', /^key_/)).toThrow(expect.objectContaining({ code: 'ERR_NOT_FOUND' }));
  });

  it('takes a query parameter given once, and refuses one given twice or as an object', () => {
    expect(queryParam({ query: { type: 'TrainingRecord' } }, 'type')).toBe('TrainingRecord');
    expect(queryParam({ query: {} }, 'type')).toBeUndefined();
    expect(() => queryParam({ query: { type: ['a', 'b'] } }, 'type')).toThrow(expect.objectContaining({ code: 'ERR_REQUEST_INVALID', field: 'type' }));
    expect(() => queryParam({ query: { type: { nested: 'x' } } }, 'type')).toThrow(expect.objectContaining({ code: 'ERR_REQUEST_INVALID' }));
  });
});
