/**
 * Runs the fuzz against one route: a fast-check property over path parameters, query, headers,
 * authorization and body, each answer checked with {@link checkAnswer}; plus the hostile bodies
 * every JSON route must meet at least once (10,000 levels of nesting, over the size limit,
 * `__proto__` keys), so they are covered whatever the random draw.
 */
import { expect } from '@jest/globals';
import fc from 'fast-check';
import { checkAnswer, deepJson, hostileAuthorization, hostileBody, hostileHeaders, hostileQuery, hostileSegment, sendRaw, type HostileRequest } from './hostile-input.js';

/** A route to fuzz. */
export interface FuzzRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Express-style path with `:params`. */
  path: string;
  /** Real values for the path parameters (so the fuzz gets past "not found" into the handler). */
  params: Record<string, string>;
  /** The authorization header that works, if any. */
  authorization?: string;
  /** A cookie sent with every request (a console session), if any. */
  cookie?: string;
  /** Top-level body fields the route reads. */
  fields?: readonly string[];
  /** Query parameter names the route reads. */
  query?: readonly string[];
  /** Answers errors the OAuth way (`{error, error_description, code}`). */
  protocol?: boolean;
  /** A page for people: answers errors as an HTML page naming the code. */
  page?: boolean;
  /** A body that works, sent as one of the draws' base to reach deeper code. */
  validBody?: () => unknown;
}

/** Counts per route, for the printed summary. */
export interface FuzzTally {
  cases: number;
  statuses: Map<number, number>;
}

function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_m, name: string) => values[name] ?? 'x');
}

async function sendAndCheck(baseUrl: string, route: FuzzRoute, req: HostileRequest, tally: FuzzTally, label: string): Promise<void> {
  const answer = await sendRaw(baseUrl, req);
  tally.cases += 1;
  tally.statuses.set(answer.status, (tally.statuses.get(answer.status) ?? 0) + 1);
  const problem = checkAnswer(answer, route.protocol === true ? 'protocol' : route.page === true ? 'page' : 'api');
  if (problem) throw new Error(`${route.method} ${route.path} [${label}] ${req.method} ${req.path.slice(0, 200)} (${req.headers['content-type'] ?? 'no type'}): ${problem}`);
}

/** Fuzzes one route `numRuns` times, then sends the fixed hostile bodies. */
export async function fuzzRoute(baseUrl: string, route: FuzzRoute, numRuns: number, tally: FuzzTally): Promise<void> {
  const paramNames = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  const params = fc.record(
    Object.fromEntries(paramNames.map((name) => [name, fc.oneof({ weight: 3, arbitrary: fc.constant(encodeURIComponent(route.params[name] ?? 'x')) }, hostileSegment)])),
  ) as fc.Arbitrary<Record<string, string>>;
  const hasBody = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH';
  const validBody = route.validBody;
  const body = hasBody
    ? fc.oneof(
        { weight: 4, arbitrary: hostileBody(route.fields ?? []) },
        ...(validBody
          ? [
              fc.constantFrom('application/json', 'application/x-www-form-urlencoded').map((contentType) => ({
                kind: 'random-json' as const,
                contentType,
                body: Buffer.from(contentType === 'application/json' ? JSON.stringify(validBody()) : new URLSearchParams(validBody() as Record<string, string>).toString()),
              })),
            ]
          : []),
      )
    : fc.constant(undefined);
  const property = fc.asyncProperty(params, hostileQuery(route.query ?? []), hostileAuthorization(route.authorization), hostileHeaders, body, async (values, query, authorization, headers, sent) => {
    const req: HostileRequest = {
      method: route.method,
      path: `${fillPath(route.path, values)}${query}`,
      headers: {
        ...headers,
        ...(authorization === undefined ? {} : { authorization }),
        ...(route.cookie === undefined ? {} : { cookie: route.cookie }),
        ...(sent?.contentType === undefined ? {} : { 'content-type': sent.contentType }),
      },
      ...(sent?.body === undefined ? {} : { body: sent.body }),
    };
    if (headers['transfer-encoding']) delete req.headers['transfer-encoding'];
    await sendAndCheck(baseUrl, route, req, tally, sent?.kind ?? 'no body');
  });
  await fc.assert(property, { numRuns, endOnFailure: true });

  if (!hasBody) return;
  const path = fillPath(route.path, Object.fromEntries(paramNames.map((n) => [n, encodeURIComponent(route.params[n] ?? 'x')])));
  const auth: Record<string, string> = {
    ...(route.authorization === undefined ? {} : { authorization: route.authorization }),
    ...(route.cookie === undefined ? {} : { cookie: route.cookie }),
  };
  const field = JSON.stringify(route.fields?.[0] ?? 'credential');
  const fixed: [string, string][] = [
    ['deep-array-10000', deepJson(10_000, 'array')],
    ['deep-object-10000', deepJson(10_000, 'object')],
    ['deep-array-10000-in-field', `{${field}:${deepJson(10_000, 'array')}}`],
    ['deep-object-10000-in-field', `{${field}:${deepJson(10_000, 'object')}}`],
    ['over-limit', JSON.stringify({ pad: 'z'.repeat(4_500_000) })],
    ['proto-keys', `{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}},${field}:{"__proto__":{"polluted":1}}}`],
  ];
  for (const [label, text] of fixed) {
    await sendAndCheck(baseUrl, route, { method: route.method, path, headers: { ...auth, 'content-type': 'application/json' }, body: Buffer.from(text) }, tally, label);
  }
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
}
