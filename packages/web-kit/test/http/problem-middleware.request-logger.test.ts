/**
 * Every request's log line carries, for a 4xx or 5xx answer, the error code: a thrown
 * PassportError's, a problem's, the code in a JSON answer (ours, a verification report's first
 * failed check, OAuth's `error`), one noted by an HTML page, or ERR_HTTP_<status> when the answer
 * has none. Over a real server on port 0.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { Writable } from 'node:stream';
import { PassportError, createLogger } from '@staff-passport/core';
import { listen, noteErrorCode, notFound, problemHandler, requestLogger, sendProblem, type RunningServer } from '../../src/index.js';

const records: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, callback) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) records.push(JSON.parse(line) as Record<string, unknown>);
    callback();
  },
});
let server: RunningServer;

beforeAll(async () => {
  const logger = createLogger({ level: 'info', destination: sink });
  const app = express();
  app.use(requestLogger(logger));
  app.get('/ok', (_req, res) => void res.json({ fine: true }));
  app.get('/thrown', () => {
    throw new PassportError('ERR_ORG_NOT_FOUND', 'no organisation with that id');
  });
  app.get('/problem', (_req, res) => sendProblem(res, { type: 'about:blank', title: 'Conflict', status: 409, code: 'ERR_STATUS_TRANSITION_INVALID' }));
  app.get('/report', (_req, res) => void res.status(400).json({ verified: false, errors: [{ code: 'ERR_VC_SIGNATURE_INVALID' }] }));
  app.get('/oauth', (_req, res) => void res.status(400).json({ error: 'invalid_grant', error_description: 'no' }));
  app.get('/page', (_req, res) => {
    noteErrorCode(res, 'ERR_AUTH_INVALID');
    res.status(401).type('html').send('<p>Wrong key</p>');
  });
  app.get('/bare', (_req, res) => void res.status(403).type('html').send('<p>No</p>'));
  app.get('/bug', () => {
    throw new Error('internal detail');
  });
  app.use(notFound);
  app.use(problemHandler(createLogger({ level: 'silent' })));
  server = await listen('127.0.0.1', 0);
  (server as RunningServer & { attach(a: express.Express): void }).attach(app);
});
afterAll(() => server.close());

async function lineFor(path: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}${path}`);
  await res.arrayBuffer();
  const id = res.headers.get('x-request-id');
  // The line is written when the answer finishes, which may be just after the client has it.
  for (let i = 0; i < 100; i++) {
    const found = records.find((r) => r['reqId'] === id);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no log line for ${path}`);
}

describe('requestLogger', () => {
  it.each([
    ['/thrown', 404, 'ERR_ORG_NOT_FOUND'],
    ['/problem', 409, 'ERR_STATUS_TRANSITION_INVALID'],
    ['/report', 400, 'ERR_VC_SIGNATURE_INVALID'],
    ['/oauth', 400, 'invalid_grant'],
    ['/page', 401, 'ERR_AUTH_INVALID'],
    ['/bare', 403, 'ERR_HTTP_403'],
    ['/bug', 500, 'ERR_INTERNAL'],
    ['/nowhere', 404, 'ERR_NOT_FOUND'],
  ])('logs %s with status %i and code %s', async (path, status, code) => {
    expect(await lineFor(path)).toMatchObject({ msg: 'request', method: 'GET', path, status, code });
  });

  it('a success carries no code', async () => {
    const line = await lineFor('/ok');
    expect(line).toMatchObject({ status: 200 });
    expect(line).not.toHaveProperty('code');
  });
});
