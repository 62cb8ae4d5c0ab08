/**
 * The OIDC configuration store's contract on SQLite and PostgreSQL: one configuration per
 * organisation, replaced by a second put, an issuer and audience pair seen as taken by another
 * organisation only, and removal.
 */
import { expect, it } from '@jest/globals';
import { createOidcConfigStore, type OidcConfigRow } from '../../src/store/oidc-config-store.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { issuerDatabase } from './helpers/issuer-database.js';

function config(orgId: string, audience: string, at: string): OidcConfigRow {
  return {
    org_id: orgId,
    issuer: 'https://login.trust.example',
    audience,
    jwks_uri: null,
    role_claim: 'roles',
    role_mapping: '{"hr":"issuer"}',
    allowed_algs: '["RS256"]',
    client_id: null,
    updated_at: at,
  };
}

describeEngines('the OIDC configuration store', (engine) => {
  const db = issuerDatabase(engine, ['org_a', 'org_b']);

  it('keeps one configuration per organisation, replaced by the next put', async () => {
    const configs = createOidcConfigStore(db());
    expect(await configs.find('org_a')).toBeUndefined();
    await configs.put(config('org_a', 'aud-a', '2026-12-01T10:00:00.000Z'));
    const replaced = { ...config('org_a', 'aud-a2', '2026-12-02T10:00:00.000Z'), jwks_uri: 'https://login.trust.example/jwks', client_id: 'console' };
    await configs.put(replaced);
    expect(await configs.find('org_a')).toEqual(replaced);
  });

  it('sees an issuer and audience pair as taken only by another organisation', async () => {
    const configs = createOidcConfigStore(db());
    await configs.put(config('org_a', 'aud-shared', '2026-12-01T10:00:00.000Z'));
    expect(await configs.isTakenByAnother('https://login.trust.example', 'aud-shared', 'org_a')).toBe(false);
    expect(await configs.isTakenByAnother('https://login.trust.example', 'aud-shared', 'org_b')).toBe(true);
    expect(await configs.isTakenByAnother('https://other.example', 'aud-shared', 'org_b')).toBe(false);
    await expect(configs.put(config('org_b', 'aud-shared', '2026-12-01T10:00:00.000Z'))).rejects.toThrow();
  });

  it('removes a configuration, answering whether there was one', async () => {
    const configs = createOidcConfigStore(db());
    await configs.put(config('org_b', 'aud-b', '2026-12-01T10:00:00.000Z'));
    expect(await configs.delete('org_b')).toBe(true);
    expect(await configs.delete('org_b')).toBe(false);
    expect(await configs.find('org_b')).toBeUndefined();
  });
});
