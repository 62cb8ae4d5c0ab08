/**
 * Hostile HTTP input for the fuzz tests (issue 10): fast-check arbitraries for bodies, headers,
 * paths and query strings, a raw HTTP client (node:http, so paths are sent exactly as generated,
 * unnormalised), and the one rule every answer must keep: a 4xx with a stable code, never a 5xx.
 */
import { Agent, request } from 'node:http';
import fc from 'fast-check';

/** What the fuzz sends. */
export interface HostileRequest {
  method: string;
  /** Path and query, sent as is (already percent-encoded where the generator chose to). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** An answer, read whole. */
export interface RawAnswer {
  status: number;
  type: string;
  text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

/**
 * Sends a request exactly as given (no URL normalisation, unlike fetch) and reads the whole answer.
 * A connection the server closes without answering rejects: the fuzz counts that as a failure.
 */
export function sendRaw(baseUrl: string, req: HostileRequest): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const r = request(
      { agent, host: url.hostname, port: url.port, method: req.method, path: req.path, headers: { ...req.headers, ...(req.body ? { 'content-length': String(req.body.length) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    r.setTimeout(60_000, () => r.destroy(new Error(`no answer to ${req.method} ${req.path.slice(0, 200)}`)));
    r.on('error', reject);
    r.end(req.body);
  });
}

/** Closes the fuzz client's kept-alive connections. */
export function closeAgent(): void {
  agent.destroy();
}

/**
 * The rule for every answer: below 500; an error (4xx) is `application/problem+json` with an
 * `ERR_` code, or, on an OAuth protocol endpoint, JSON `{error, code}`. The one exception is 431
 * (headers over Node's 16 KiB limit), answered by Node's HTTP parser before any of our code runs.
 * Returns what is wrong, or undefined.
 */
export function checkAnswer(answer: RawAnswer, kind: 'api' | 'protocol' | 'page'): string | undefined {
  if (answer.status >= 500 || answer.status < 100) return `status ${answer.status}: ${answer.text.slice(0, 300)}`;
  if (answer.status < 400 || answer.status === 431) return undefined;
  // Pages answer people: an HTML page that names the stable code, or a form shown again with the
  // NHS error summary (each field's message, linked to the field).
  if (kind === 'page') {
    if (!answer.type.startsWith('text/html')) return `a ${answer.status} page as ${answer.type}, not HTML`;
    if (/ERR_[A-Z0-9_]+/.test(answer.text) || answer.text.includes('nhsuk-error-summary')) return undefined;
    return `a ${answer.status} page naming no code and showing no error summary: ${answer.text.slice(0, 200)}`;
  }
  const protocol = kind === 'protocol';
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return `a ${answer.status} whose body is not JSON (${answer.type}): ${answer.text.slice(0, 200)}`;
  }
  const code = (body as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^ERR_[A-Z0-9_]+$/.test(code)) return `a ${answer.status} without a code: ${answer.text.slice(0, 200)}`;
  if (answer.type.startsWith('application/problem+json')) return undefined;
  if (protocol && answer.type.startsWith('application/json') && typeof (body as { error?: unknown }).error === 'string') return undefined;
  return `a ${answer.status} ${code} as ${answer.type}, not problem details`;
}

// ---------------------------------------------------------------------------------------------
// Bodies

const ODD_TEXT = [
  '\u0000',
  '\ud800',
  '\udfff',
  '\u202e\u2066evil',
  '\ufeff',
  '\uffff',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '👩🏽‍⚕️',
  'e\u0301\u0301\u0301',
  'İıſK',
  '<script>alert(1)</script>',
  "'; DROP TABLE sp_issued_credentials; --",
  '../../../../etc/passwd',
  '%00%2F%2e%2e',
  'did:web:169.254.169.254',
  'http://127.0.0.1:22/',
  '${jndi:ldap://x}',
  '{{7*7}}',
];

/** Text that tends to break things: control characters, lone surrogates, bidi overrides, injections. */
export const oddText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...ODD_TEXT),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(fc.constantFrom(...ODD_TEXT), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')),
);

/** Any JSON value, with odd text in keys and strings now and then. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 2 ** 53 + 1, '', '0', 'true', 'null'),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    oddText,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(oddText, fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'id', 'type', '@context')), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** `depth` nested arrays or objects as JSON text, built without recursion. */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A JSON object text with `field` set to raw JSON text (for deep or huge values). */
function withRawField(field: string, rawJson: string): string {
  return `{${JSON.stringify(field)}:${rawJson}}`;
}

/** Body kinds, named so a failure says which. */
export type BodyKind =
  | 'random-json'
  | 'wrong-types'
  | 'deep-array-10000'
  | 'deep-object-10000'
  | 'huge-string'
  | 'over-limit'
  | 'large-array'
  | 'proto-keys'
  | 'not-json'
  | 'empty';

/** A body to send: bytes, its content type, and what kind of hostility it is. */
export interface HostileBody {
  kind: BodyKind;
  contentType: string | undefined;
  body: Buffer | undefined;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/ld+json',
  'application/json; charset=utf-16',
  'application/json; charset=koi8-r',
  'application/x-www-form-urlencoded',
  'text/csv',
  'application/x-ndjson',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'image/png',
  ';;;',
  'application/json; boundary="',
];

/**
 * Hostile bodies for a route whose body has the given top-level fields: random JSON, the route's
 * own fields with wrong-typed values, 10,000 levels of nesting, strings just under and over the
 * size limit, large arrays, `__proto__` and `constructor` keys, bytes that are not JSON, nothing.
 */
export function hostileBody(fields: readonly string[]): fc.Arbitrary<HostileBody> {
  const field = fields.length > 0 ? fc.constantFrom(...fields) : fc.constantFrom('credential', 'body', 'x');
  const json = (kind: BodyKind, text: string): HostileBody => ({ kind, contentType: 'application/json', body: Buffer.from(text) });
  const kinds: fc.Arbitrary<HostileBody>[] = [
    fc.tuple(anyJson, fc.constantFrom(...CONTENT_TYPES)).map(([value, contentType]) => ({ kind: 'random-json' as const, contentType, body: Buffer.from(JSON.stringify(value) ?? 'null') })),
    fc
      .record(Object.fromEntries((fields.length > 0 ? fields : ['credential']).map((f) => [f, anyJson])), { requiredKeys: [] })
      .map((value) => json('wrong-types', JSON.stringify(value))),
    fc.tuple(field, fc.constantFrom('array', 'object') as fc.Arbitrary<'array' | 'object'>, fc.boolean()).map(([f, kind, whole]) =>
      json(kind === 'array' ? 'deep-array-10000' : 'deep-object-10000', whole ? deepJson(10_000, kind) : withRawField(f, deepJson(10_000, kind))),
    ),
    fc.tuple(field, fc.integer({ min: 100_000, max: 900_000 })).map(([f, n]) => json('huge-string', JSON.stringify({ [f]: 'x'.repeat(n) }))),
    fc.constant(json('over-limit', JSON.stringify({ pad: 'y'.repeat(4_500_000) }))),
    fc.tuple(field, fc.integer({ min: 1_000, max: 100_000 })).map(([f, n]) => json('large-array', withRawField(f, `[${new Array<string>(n).fill('0').join(',')}]`))),
    fc
      .tuple(field, anyJson)
      .map(([f, v]) =>
        json(
          'proto-keys',
          `{"__proto__":{"isAdmin":true,"role":"org-admin","polluted":1},"constructor":{"prototype":{"polluted":1}},${JSON.stringify(f)}:{"__proto__":{"type":["VerifiableCredential"]},"constructor":${JSON.stringify(v) ?? 'null'}}}`,
        ),
      ),
    fc
      .tuple(fc.uint8Array({ maxLength: 200 }), fc.constantFrom(...CONTENT_TYPES, undefined))
      .map(([bytes, contentType]) => ({ kind: 'not-json' as const, contentType, body: Buffer.concat([Buffer.from('{"'), Buffer.from(bytes)]) })),
    fc.constantFrom(undefined, ...CONTENT_TYPES).map((contentType) => ({ kind: 'empty' as const, contentType, body: undefined })),
  ];
  return fc.oneof(...kinds);
}

// ---------------------------------------------------------------------------------------------
// Headers, paths and queries

/** Authorization headers: the right one most of the time, else junk (as Node may send it: Latin-1, no CR/LF). */
export function hostileAuthorization(valid: string | undefined): fc.Arbitrary<string | undefined> {
  const latin1 = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c === 0x7f ? 0x20 : c)), maxLength: 200 });
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(valid) },
    fc.constant(undefined),
    latin1,
    latin1.map((s) => `Bearer ${s}`),
    fc.constantFrom('Bearer', 'Bearer ', 'Basic Zm9vOmJhcg==', 'Bearer sp_live_', 'Bearer a.b.c', 'Bearer eyJhbGciOiJub25lIn0.e30.', 'DPoP x', `Bearer ${'A'.repeat(8000)}`),
  );
}

/** Extra headers: odd accept and encodings, forwarded-for spoofing, a request id, or one huge header. */
export const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({}) },
  fc.constant({ 'content-encoding': 'gzip' }),
  fc.constant({ 'content-encoding': 'br, deflate, identity' }),
  fc.constant({ 'transfer-encoding': 'chunked' }),
  fc.constant({ 'x-forwarded-for': '127.0.0.1, 10.0.0.1', 'x-forwarded-host': 'evil.example' }),
  fc.constant({ 'x-request-id': '../../etc/passwd\t' }),
  fc.constant({ accept: '*/*;q=x, application/json;q=999' }),
  fc.constant({ 'if-none-match': '*' }),
  fc.constant({ 'x-huge': 'h'.repeat(20_000) }),
  fc.constant({ 'x-big': 'b'.repeat(12_000) }),
);

/** A hostile path segment: percent-encoded odd text, encoded slashes and dots, bad escapes, long. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  oddText.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, 'x')) || 'x'),
  fc.constantFrom(
    '%2F',
    '..%2F..%2Fdid.json',
    '%2e%2e',
    '..',
    '.',
    '%ZZ',
    '%',
    '%C0%AF',
    '%ED%A0%80',
    '%00',
    'org_0000000000000000',
    'org_ffffffffffffffff',
    'ORG_0000000000000000',
    'job_00000000000000000000000000000000',
    'off_00000000000000000000000000000000',
    'req_00000000000000000000',
    'res_00000000000000000000',
    'sl_0000000000000000',
    'constructor',
    '__proto__',
    'hasOwnProperty',
    ';',
    '*',
    'a'.repeat(4000),
    '%F0%9F%98%80',
  ),
  fc.string({ unit: fc.constantFrom(...'abcdef0123456789_-.~'.split('')), maxLength: 40 }).map((s) => s || '_'),
);

/** A hostile query string (with the leading '?'), or none. */
export function hostileQuery(names: readonly string[]): fc.Arbitrary<string> {
  const name = fc.oneof(fc.constantFrom(...names, 'limit', '__proto__', 'constructor', 'a[b]', 'limit[]'), fc.string({ maxLength: 10 }).map((s) => encodeURIComponent(s)));
  const value = fc.oneof(
    fc.constantFrom('', '-1', '0', '1e309', 'NaN', '99999999999999999999', '0x10', 'true', '%ZZ', '%00', 'a'.repeat(3000), 'revoked', 'json', 'csv'),
    oddText.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, 'x'))),
  );
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant('') },
    fc.array(fc.tuple(name, value), { minLength: 1, maxLength: 4 }).map((pairs) => `?${pairs.map(([n, v]) => `${n}=${v}`).join('&')}`),
  );
}

/** Resident memory in MiB. */
export function rssMiB(): number {
  return Math.round(process.memoryUsage().rss / 2 ** 20);
}
