/**
 * registerApiRoutes: each table entry registered as its own middleware, the guard for its access,
 * path parameter shapes (the entry's not-found code), the body against its schema with ajv (400
 * ERR_REQUEST_INVALID naming the field as our errors do), then the handler.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import express from 'express';
import { jsonBody, jsonSchema as s, listen, notFound, problemHandler, registerApiRoutes, type ApiRoute } from '../../src/index.js';
import { PassportError, createLogger } from '@staff-passport/core';

type Deps = { greeting: string };
let url: string;
let close: () => Promise<void>;
const order: string[] = [];

const ROUTES: ApiRoute<Deps, 'admin' | 'reader'>[] = [
  {
    method: 'post',
    path: '/things/:thingId/notes',
    summary: 'Add a note',
    tag: 'things',
    access: ['admin'],
    params: [{ name: 'thingId', description: 'a thing', schema: s.string({ pattern: '^th_[0-9]{3}$' }), notFound: 'ERR_NOT_FOUND' }],
    body: {
      schema: s.object({ text: s.string({ minLength: 1, maxLength: 5 }), tags: s.array(s.string({ pattern: '^[a-z]+$' })), status: s.array(s.object({ type: s.enum(['A']) }, ['type'])) }, ['text']),
    },
    responses: { 201: { description: 'added' } },
    handler: ({ greeting }, req, res) => {
      order.push('handler');
      res.status(201).json({ greeting, thing: req.params['thingId'] });
    },
  },
  {
    method: 'post',
    path: '/optional',
    summary: 'Optional body',
    tag: 'things',
    access: 'public',
    body: { schema: s.object({}), required: false },
    responses: { 200: { description: 'ok' } },
    handler: (_deps, _req, res) => {
      res.json({ ok: true });
    },
  },
];

beforeAll(async () => {
  const app = express();
  app.use(jsonBody());
  const router = express.Router();
  registerApiRoutes(router, ROUTES, {
    deps: { greeting: 'hello' },
    guard: (route) =>
      route.access === 'public'
        ? undefined
        : (req, _res, next) => {
            order.push('guard');
            next(req.get('authorization') === 'Bearer admin' ? undefined : new PassportError('ERR_FORBIDDEN', 'admins only'));
          },
  });
  app.use(router);
  app.use(notFound);
  app.use(problemHandler(createLogger({ level: 'silent' })));
  const server = await listen('127.0.0.1', 0);
  server.attach(app);
  url = server.url;
  close = server.close;
});
afterAll(async () => {
  await close();
});

async function post(path: string, body: unknown, admin = true): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(admin ? { authorization: 'Bearer admin' } : {}) }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

it('runs the guard, then the checks, then the handler with the deps', async () => {
  order.length = 0;
  const res = await post('/things/th_123/notes', { text: 'hi' });
  expect(res).toEqual({ status: 201, body: { greeting: 'hello', thing: 'th_123' } });
  expect(order).toEqual(['guard', 'handler']);
});

it('refuses in the guard before the body is looked at', async () => {
  order.length = 0;
  expect((await post('/things/th_123/notes', { nonsense: true }, false)).status).toBe(403);
  expect(order).toEqual(['guard']);
});

it('answers a malformed path parameter with its not-found code, before the body', async () => {
  const res = await post('/things/nope/notes', { nonsense: true });
  expect(res.status).toBe(404);
  expect(res.body).toMatchObject({ code: 'ERR_NOT_FOUND', field: 'thingId' });
});

it.each([
  [{}, 'text'],
  [{ text: 'far too long' }, 'text'],
  [{ text: 'hi', colour: 'blue' }, 'colour'],
  [{ text: 'hi', tags: ['ok', 'NOT'] }, 'tags[1]'],
  [{ text: 'hi', status: [{ type: 'B' }] }, 'status[0].type'],
  [{ text: 'hi', status: [{}] }, 'status[0].type'],
  [['text'], 'body'],
])('refuses %j naming the field %s', async (body, field) => {
  const res = await post('/things/th_123/notes', body);
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ code: 'ERR_REQUEST_INVALID', field });
});

it('lets an optional body be left out, and still checks one that is sent', async () => {
  const none = await fetch(`${url}/optional`, { method: 'POST', headers: { 'content-type': 'application/json' } });
  expect(none.status).toBe(200);
  expect((await post('/optional', { x: 1 })).body).toMatchObject({ code: 'ERR_REQUEST_INVALID', field: 'x' });
});
