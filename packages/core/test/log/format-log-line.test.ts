/** `LOG_FORMAT=pretty`: one readable line a record, redaction kept, an error's stack indented below. */
import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { createLogger, formatLogLine } from '@staff-passport/core';

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return { stream, text: () => text };
}

describe('formatLogLine', () => {
  it('writes a request as time, level, service, method, path, status, code and duration', () => {
    const line = formatLogLine({ level: 30, time: Date.UTC(2026, 11, 7, 12, 0, 1, 234), name: 'staff-passport', service: 'issuer', msg: 'request', reqId: 'r-1', method: 'POST', path: '/orgs/o/credentials/issue', status: 400, code: 'ERR_SCHEMA_INVALID', ms: 8.123 });
    expect(line).toBe('12:00:01.234 INFO  staff-passport/issuer POST /orgs/o/credentials/issue 400 ERR_SCHEMA_INVALID 8.1 ms  req=r-1\n');
  });

  it('writes other records as the message and the remaining fields, and an error stack indented', () => {
    const line = formatLogLine({ level: 50, time: Date.UTC(2026, 0, 1), msg: 'internal error', jobId: 'job_1', err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at x (y.js:1:1)' } });
    expect(line).toBe('00:00:00.000 ERROR internal error  jobId=job_1\n    Error: boom\n        at x (y.js:1:1)\n');
  });

  it('colours errors and warnings only when asked', () => {
    expect(formatLogLine({ level: 40, time: 0, msg: 'careful' }, { colour: true })).toBe('\x1b[33m00:00:00.000 WARN  careful\x1b[0m\n');
    expect(formatLogLine({ level: 30, time: 0, msg: 'plain' }, { colour: true })).toBe('00:00:00.000 INFO  plain\n');
  });
});

describe('createLogger({ format: "pretty" })', () => {
  it('writes readable lines and still redacts secrets', () => {
    const out = capture();
    const logger = createLogger({ level: 'info', name: 'svc', destination: out.stream, format: 'pretty' });
    logger.info({ key: { apiKey: 'sp_secret' }, orgId: 'org_1' }, 'key made');
    expect(out.text()).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{3} INFO {2}svc key made {2}key=\{"apiKey":"\[redacted\]"\} orgId=org_1\n$/);
    expect(out.text()).not.toContain('sp_secret');
  });
});
