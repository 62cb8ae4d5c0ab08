/**
 * loadAppConfig: the wallet starts with safe defaults whatever `config.json` holds, and takes a
 * trust registry only together with the keys that check it. Configurations as named data.
 */
import { describe, expect, it } from '@jest/globals';
import { loadAppConfig, type AppConfig } from '../../src/app/load-app-config.js';

const KEY = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', kid: 'registry-2026' };
const DEFAULTS: AppConfig = { allowHttpLoopback: false, employers: [] };

function serving(body: unknown, status = 200): typeof globalThis.fetch {
  return () => Promise.resolve(new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
}

describe('loadAppConfig', () => {
  const configs: [name: string, fetch: typeof globalThis.fetch, config: AppConfig][] = [
    ['loopback-and-registry-ok', serving({ allowHttpLoopback: true, trustRegistryUrl: 'https://registry.example/registry.jwt', trustRegistryKeys: [KEY] }), { allowHttpLoopback: true, employers: [], trustRegistryUrl: 'https://registry.example/registry.jwt', trustRegistryKeys: [KEY] }],
    ['employers-named-with-an-http-address-kept', serving({ employers: [{ name: 'Leeds Trust', credentialIssuer: 'https://issuer.example/orgs/1' }, { name: '', credentialIssuer: 'https://x.example' }, { name: 'No scheme', credentialIssuer: 'issuer.example' }, 'not an object'] }), { ...DEFAULTS, employers: [{ name: 'Leeds Trust', credentialIssuer: 'https://issuer.example/orgs/1' }] }],
    ['registry-without-keys-ignored', serving({ trustRegistryUrl: 'https://registry.example/registry.jwt' }), DEFAULTS],
    ['registry-with-empty-keys-ignored', serving({ trustRegistryUrl: 'https://registry.example/registry.jwt', trustRegistryKeys: [] }), DEFAULTS],
    ['registry-keys-not-objects-ignored', serving({ trustRegistryUrl: 'https://registry.example/registry.jwt', trustRegistryKeys: ['key', 7, null] }), DEFAULTS],
    ['keys-without-registry-ignored', serving({ trustRegistryKeys: [KEY] }), DEFAULTS],
    ['loopback-not-true-off', serving({ allowHttpLoopback: 'yes' }), DEFAULTS],
    ['missing-file-defaults', serving('not found', 404), DEFAULTS],
    ['not-json-defaults', serving('{ allowHttpLoopback: true'), DEFAULTS],
    ['array-defaults', serving([{ allowHttpLoopback: true }]), DEFAULTS],
    ['network-failure-defaults', () => Promise.reject(new TypeError('Failed to fetch')), DEFAULTS],
  ];
  it.each(configs)('%s', async (_name, fetch, config) => {
    await expect(loadAppConfig(fetch)).resolves.toEqual(config);
  });

  it("asks for ./config.json from the app's own origin, not from a cache", async () => {
    const asked: [string, RequestInit | undefined][] = [];
    await loadAppConfig((input, init) => {
      asked.push([String(input), init]);
      return Promise.resolve(new Response('{}'));
    });
    expect(asked).toEqual([['./config.json', { cache: 'no-cache', credentials: 'same-origin' }]]);
  });
});
