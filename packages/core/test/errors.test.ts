import { describe, expect, it } from '@jest/globals';
import { ERROR_STATUS, PassportError, httpStatusFor, toProblem } from '@staff-passport/core';

describe('errors', () => {
  it('keep their code, name, field and cause', () => {
    const cause = new Error('inner');
    const err = new PassportError('ERR_ORG_NOT_FOUND', 'no such organisation', { field: 'orgId', cause });
    expect(err).toMatchObject({ code: 'ERR_ORG_NOT_FOUND', name: 'PassportError', field: 'orgId' });
    expect(err.cause).toBe(cause);
  });

  it('map to problem details through the one table', () => {
    const problem = toProblem(new PassportError('ERR_AUTH_MISSING', 'send a key', { field: 'authorization' }));
    expect(problem).toMatchObject({ status: 401, code: 'ERR_AUTH_MISSING', field: 'authorization', title: 'send a key' });
    expect(httpStatusFor('ERR_BODY_TOO_LARGE')).toBe(413);
  });

  it('never echo an internal message', () => {
    expect(toProblem(new Error('SQLITE_CORRUPT at /secret/path'))).toEqual({
      type: 'https://w3id.org/staff-passport/errors#ERR_INTERNAL',
      title: 'Internal error',
      status: 500,
      code: 'ERR_INTERNAL',
    });
    expect(toProblem(new PassportError('ERR_INTERNAL', 'key row 42 missing')).title).toBe('Internal error');
  });

  it('every code maps to a 4xx or 5xx status', () => {
    for (const status of Object.values(ERROR_STATUS)) expect(status >= 400 && status < 600).toBe(true);
  });
});
