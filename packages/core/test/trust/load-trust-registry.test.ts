/**
 * Loading a signed registry from a file or a URL. URLs go through the SSRF guard: https only and
 * public addresses only, unless configured (tests allow http on 127.0.0.1 explicitly).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJwkSigner, generateRegistryKey, loadTrustRegistry, signTrustRegistry, type RegistryKeyPair } from '../../src/trust/index.js';
import { NOW, sampleRegistry } from './registry-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'sp-trust-load-'));
let key: RegistryKeyPair;
let jws: string;
let server: Server;
let base: string;
const requested: string[] = [];

beforeAll(async () => {
  key = await generateRegistryKey('EdDSA');
  jws = await signTrustRegistry({ registry: sampleRegistry(), signer: await createJwkSigner(key.privateJwk) });
  writeFileSync(join(dir, 'registry.jwt'), `${jws}\n`);
  server = createServer((req, res) => {
    requested.push(`${req.url} ${req.headers.accept}`);
    if (req.url === '/registry.jwt') res.writeHead(200, { 'content-type': 'application/trust-registry+jwt' }).end(jws);
    else if (req.url === '/big.jwt') res.writeHead(200).end('x'.repeat(5 * 1024 * 1024));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('loadTrustRegistry', () => {
  it('loads and verifies a file', async () => {
    const registry = await loadTrustRegistry({ source: join(dir, 'registry.jwt'), trustedKeys: [key.publicJwk], now: NOW });
    expect(registry).toEqual(sampleRegistry());
  });

  it('throws the failed check code, with the issues, for a registry that does not verify', async () => {
    const other = await generateRegistryKey('EdDSA');
    await expect(loadTrustRegistry({ source: join(dir, 'registry.jwt'), trustedKeys: [other.publicJwk], now: NOW })).rejects.toMatchObject({
      code: 'ERR_TRUST_REGISTRY_SIGNATURE_INVALID',
    });
    await expect(loadTrustRegistry({ source: join(dir, 'registry.jwt'), trustedKeys: [key.publicJwk], now: new Date('2026-01-01T00:00:00Z') })).rejects.toMatchObject({
      code: 'ERR_TRUST_REGISTRY_EXPIRED',
    });
  });

  it('a missing file: ERR_TRUST_REGISTRY_UNAVAILABLE', async () => {
    await expect(loadTrustRegistry({ source: join(dir, 'missing.jwt'), trustedKeys: [key.publicJwk], now: NOW })).rejects.toMatchObject({
      code: 'ERR_TRUST_REGISTRY_UNAVAILABLE',
    });
  });

  it('fetches a URL through an injected fetch', async () => {
    const asked: string[] = [];
    const registry = await loadTrustRegistry({
      source: 'https://trust.example.nhs.uk/registry.jwt',
      trustedKeys: [key.publicJwk],
      now: NOW,
      fetch: (url) => {
        asked.push(url);
        return Promise.resolve(jws);
      },
    });
    expect(asked).toEqual(['https://trust.example.nhs.uk/registry.jwt']);
    expect(registry.version).toBe(7);
  });

  it('by default refuses http and private addresses (the SSRF guard)', async () => {
    await expect(loadTrustRegistry({ source: `${base}/registry.jwt`, trustedKeys: [key.publicJwk], now: NOW })).rejects.toMatchObject({
      code: 'ERR_DID_WEB_FORBIDDEN_ADDRESS',
    });
    await expect(
      loadTrustRegistry({ source: `${base}/registry.jwt`, trustedKeys: [key.publicJwk], now: NOW, fetchOptions: { allowHttp: true } }),
    ).rejects.toMatchObject({ code: 'ERR_DID_WEB_FORBIDDEN_ADDRESS' });
    await expect(loadTrustRegistry({ source: 'https://127.0.0.1:1/registry.jwt', trustedKeys: [key.publicJwk], now: NOW })).rejects.toMatchObject({
      code: 'ERR_DID_WEB_FORBIDDEN_ADDRESS',
    });
    await expect(loadTrustRegistry({ source: 'https://localhost:1/registry.jwt', trustedKeys: [key.publicJwk], now: NOW })).rejects.toMatchObject({
      code: 'ERR_DID_WEB_FORBIDDEN_ADDRESS',
    });
    expect(requested).toEqual([]);
  });

  it('fetches over the guard when configured to allow a local server, within the size limit', async () => {
    const allow = { allowHttp: true, allowPrivateNetwork: true };
    const registry = await loadTrustRegistry({ source: `${base}/registry.jwt`, trustedKeys: [key.publicJwk], now: NOW, fetchOptions: allow });
    expect(registry.entries).toHaveLength(4);
    expect(requested).toEqual(['/registry.jwt application/trust-registry+jwt, application/jwt']);
    await expect(loadTrustRegistry({ source: `${base}/missing.jwt`, trustedKeys: [key.publicJwk], now: NOW, fetchOptions: allow })).rejects.toMatchObject({
      code: 'ERR_TRUST_REGISTRY_UNAVAILABLE',
    });
    await expect(loadTrustRegistry({ source: `${base}/big.jwt`, trustedKeys: [key.publicJwk], now: NOW, fetchOptions: allow })).rejects.toMatchObject({
      code: 'ERR_TRUST_REGISTRY_UNAVAILABLE',
    });
  });
});
