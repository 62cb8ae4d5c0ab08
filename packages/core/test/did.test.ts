/**
 * did:web resolution behind the SSRF guard (did:web method specification, "Read (Resolve)"; the
 * guard is ours: DESIGN.md, "Identifiers", and issue 2).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDidResolver, didWebFromUrl, didWebToUrl, guardedFetchJson, isNonPublicAddress, PassportError } from '@staff-passport/core';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (err: unknown) {
    return err instanceof PassportError ? err.code : `not a PassportError: ${String(err)}`;
  }
}

describe('didWebToUrl (did:web specification, section "Read")', () => {
  it.each([
    ['did:web:w3c-ccg.github.io', 'https://w3c-ccg.github.io/.well-known/did.json'],
    ['did:web:w3c-ccg.github.io:user:alice', 'https://w3c-ccg.github.io/user/alice/did.json'],
    ['did:web:example.com%3A3000:user:alice', 'https://example.com:3000/user/alice/did.json'],
  ])('%s -> %s', (did, url) => {
    expect(didWebToUrl(did)).toBe(url);
  });

  it('round-trips with didWebFromUrl', () => {
    const did = didWebFromUrl('http://127.0.0.1:4100', ['orgs', 'org_1']);
    expect(did).toBe('did:web:127.0.0.1%3A4100:orgs:org_1');
    expect(didWebToUrl(did, 'http:')).toBe('http://127.0.0.1:4100/orgs/org_1/did.json');
  });

  it('names the did:web of a URL with a path (a credential issuer identifier), each segment encoded once', () => {
    expect(didWebFromUrl('https://issuer.example/orgs/rx1')).toBe('did:web:issuer.example:orgs:rx1');
    expect(didWebFromUrl('https://issuer.example/orgs/a%20b/', ['c d'])).toBe('did:web:issuer.example:orgs:a%20b:c%20d');
    for (const url of ['not a url', 'ftp://issuer.example/x', 'https://issuer.example/%zz']) {
      expect(() => didWebFromUrl(url)).toThrow(expect.objectContaining({ code: 'ERR_DID_INVALID' }));
    }
  });

  it.each(['did:web:', 'did:key:z6Mk', 'did:web:example.com:..:etc', 'did:web:exa mple.com'])('refuses %s', (did) => {
    expect(() => didWebToUrl(did)).toThrow(PassportError);
  });
});

describe('isNonPublicAddress', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '100.64.0.1'])(
    '%s is not public',
    (address) => {
      expect(isNonPublicAddress(address)).toBe(true);
    },
  );
  it.each(['8.8.8.8', '151.101.1.1', '2a00:1450:4009:81f::200e'])('%s is public', (address) => {
    expect(isNonPublicAddress(address)).toBe(false);
  });
});

describe('guardedFetchJson', () => {
  let server: Server;
  let base: string;
  let hits = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      if (req.url === '/slow') return; // never answers
      if (req.url === '/huge') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ pad: 'x'.repeat(100_000) }));
        return;
      }
      if (req.url === '/huge-chunked') {
        res.writeHead(200, { 'content-type': 'application/json' });
        for (let i = 0; i < 200; i++) res.write('x'.repeat(1000));
        res.end();
        return;
      }
      if (req.url === '/redirect-loop') {
        res.writeHead(302, { location: '/redirect-loop' });
        res.end();
        return;
      }
      if (req.url === '/orgs/a/did.json') {
        res.writeHead(200, { 'content-type': 'application/did+json' });
        res.end(JSON.stringify({ id: `did:web:127.0.0.1%3A${(server.address() as AddressInfo).port}:orgs:a`, verificationMethod: [] }));
        return;
      }
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('refuses loopback by default, before connecting', async () => {
    const before = hits;
    expect(await codeOf(guardedFetchJson(`${base}/orgs/a/did.json`, { allowHttp: true }))).toBe('ERR_DID_WEB_FORBIDDEN_ADDRESS');
    expect(hits).toBe(before);
  });

  it('refuses the cloud metadata address and private ranges', async () => {
    expect(await codeOf(guardedFetchJson('https://169.254.169.254/latest/meta-data', {}))).toBe('ERR_DID_WEB_FORBIDDEN_ADDRESS');
    expect(await codeOf(guardedFetchJson('https://10.0.0.8/.well-known/did.json', {}))).toBe('ERR_DID_WEB_FORBIDDEN_ADDRESS');
  });

  it('refuses a host name that resolves to loopback (checked at connect time)', async () => {
    const port = (server.address() as AddressInfo).port;
    expect(await codeOf(guardedFetchJson(`http://localhost:${port}/orgs/a/did.json`, { allowHttp: true }))).toBe('ERR_DID_WEB_FORBIDDEN_ADDRESS');
  });

  it('refuses plain http unless configured', async () => {
    expect(await codeOf(guardedFetchJson(`${base}/orgs/a/did.json`, { allowPrivateNetwork: true }))).toBe('ERR_DID_WEB_FORBIDDEN_ADDRESS');
  });

  it('times out a server that does not answer', async () => {
    expect(await codeOf(guardedFetchJson(`${base}/slow`, { allowPrivateNetwork: true, allowHttp: true, timeoutMs: 300 }))).toBe('ERR_DID_WEB_TIMEOUT');
  });

  it('stops reading a document over the size limit (declared or streamed)', async () => {
    const opts = { allowPrivateNetwork: true, allowHttp: true, maxBytes: 10_000 };
    expect(await codeOf(guardedFetchJson(`${base}/huge`, opts))).toBe('ERR_DID_WEB_TOO_LARGE');
    expect(await codeOf(guardedFetchJson(`${base}/huge-chunked`, opts))).toBe('ERR_DID_WEB_TOO_LARGE');
  });

  it('stops after a bounded number of redirects', async () => {
    expect(await codeOf(guardedFetchJson(`${base}/redirect-loop`, { allowPrivateNetwork: true, allowHttp: true }))).toBe('ERR_DID_UNRESOLVABLE');
  });

  it('answers 404 as not found', async () => {
    expect(await codeOf(guardedFetchJson(`${base}/nothing`, { allowPrivateNetwork: true, allowHttp: true }))).toBe('ERR_DID_NOT_FOUND');
  });

  it('resolves did:web through the resolver when allowed, and caches it', async () => {
    const did = `did:web:127.0.0.1%3A${(server.address() as AddressInfo).port}:orgs:a`;
    const resolver = createDidResolver({ web: { allowPrivateNetwork: true, allowHttp: true } });
    const before = hits;
    const first = await resolver.resolve(did);
    const second = await resolver.resolve(`${did}#key-1`);
    expect(first.didDocument?.id).toBe(did);
    expect(second.didDocument?.id).toBe(did);
    expect(hits - before).toBe(1);
  });

  it('the default resolver refuses did:web on loopback, with the guard code', async () => {
    const did = `did:web:127.0.0.1%3A${(server.address() as AddressInfo).port}:orgs:a`;
    const result = await createDidResolver().resolve(did);
    expect(result.didDocument).toBeNull();
    expect((result.didResolutionMetadata as { code?: string }).code).toBe('ERR_DID_WEB_FORBIDDEN_ADDRESS');
  });
});
