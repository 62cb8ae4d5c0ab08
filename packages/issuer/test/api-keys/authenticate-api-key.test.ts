/**
 * API keys on the issuer's real schema (SQLite), no server: keys made by createApiKey and
 * createPlatformKey, found by authenticateApiKey and authenticatePlatformKey, revoked and
 * re-roled by manage-api-keys, and authorise's role and organisation checks. Refusals as named
 * data, asserted by code.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { authenticateApiKey, authorise } from '../../src/api-keys/authenticate-api-key.js';
import { createApiKey, type Role } from '../../src/api-keys/create-api-key.js';
import { changeApiKeyRole, listApiKeys, revokeApiKey } from '../../src/api-keys/manage-api-keys.js';
import { authenticatePlatformKey, createPlatformKey } from '../../src/api-keys/platform-keys.js';
import { startIssuerContext, type TestIssuer } from '../auth/helpers/start-issuer-context.js';

let issuer: TestIssuer;
let orgA: string;
let orgB: string;
let issuerKey: string;
let revokedKey: string;
let expiringKey: string;
let platformKey: string;

beforeAll(async () => {
  issuer = await startIssuerContext();
  orgA = await issuer.addOrganisation('Trust A');
  orgB = await issuer.addOrganisation('Trust B');
  issuerKey = (await createApiKey(issuer.ctx, { orgId: orgA, role: 'issuer', label: 'HR system' }, 'test')).apiKey;
  const revoked = await createApiKey(issuer.ctx, { orgId: orgA, role: 'auditor' }, 'test');
  await revokeApiKey(issuer.ctx, orgA, revoked.id, 'test');
  revokedKey = revoked.apiKey;
  expiringKey = (await createApiKey(issuer.ctx, { orgId: orgA, role: 'issuer', expiresAt: new Date(Date.now() + 3_600_000).toISOString() }, 'test')).apiKey;
  platformKey = (await createPlatformKey(issuer.ctx, 'ops', 'test')).apiKey;
});
afterAll(() => issuer?.close());

describe('createApiKey', () => {
  const refusals: [name: string, input: { role: Role; label?: string; expiresAt?: string }, field: string][] = [
    ['unknown-role-fail', { role: 'superuser' as Role }, 'role'],
    ['label-too-long-fail', { role: 'issuer', label: 'x'.repeat(201) }, 'label'],
    ['expiry-not-a-date-fail', { role: 'issuer', expiresAt: 'next year' }, 'expiresAt'],
    ['expiry-a-date-without-time-fail', { role: 'issuer', expiresAt: '2027-01-01' }, 'expiresAt'],
  ];
  it.each(refusals)('%s', async (_name, input, field) => {
    await expect(createApiKey(issuer.ctx, { orgId: orgA, ...input }, 'test')).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID', field });
  });

  it('stores only the hash: the key is listed without its secret, newest first', async () => {
    const listed = await listApiKeys(issuer.ctx, orgA);
    expect(listed.length).toBe(3);
    expect(JSON.stringify(listed)).not.toContain(issuerKey);
    expect(listed.find((k) => k.label === 'HR system')).toMatchObject({ orgId: orgA, role: 'issuer', revokedAt: null });
  });
});

describe('authenticateApiKey', () => {
  it('names the organisation and role of a valid key', async () => {
    await expect(authenticateApiKey(issuer.ctx, `Bearer ${issuerKey}`)).resolves.toMatchObject({ orgId: orgA, role: 'issuer' });
  });

  const refusals: [name: string, header: () => string | undefined, code: string][] = [
    ['no-header-fail', () => undefined, 'ERR_AUTH_MISSING'],
    ['basic-scheme-fail', () => 'Basic dXNlcjpwYXNz', 'ERR_AUTH_INVALID'],
    ['too-short-fail', () => 'Bearer sp_short', 'ERR_AUTH_INVALID'],
    ['unknown-key-fail', () => `Bearer sp_${'A'.repeat(43)}`, 'ERR_AUTH_INVALID'],
    ['revoked-key-fail', () => `Bearer ${revokedKey}`, 'ERR_AUTH_INVALID'],
    ['platform-key-fail', () => `Bearer ${platformKey}`, 'ERR_AUTH_INVALID'],
  ];
  it.each(refusals)('%s', async (_name, header, code) => {
    await expect(authenticateApiKey(issuer.ctx, header())).rejects.toMatchObject({ code });
  });

  it('refuses a key once the clock passes its expiry', async () => {
    await expect(authenticateApiKey(issuer.ctx, `Bearer ${expiringKey}`)).resolves.toMatchObject({ orgId: orgA });
    issuer.setClockOffset(2 * 3_600_000);
    try {
      await expect(authenticateApiKey(issuer.ctx, `Bearer ${expiringKey}`)).rejects.toMatchObject({ code: 'ERR_AUTH_INVALID' });
    } finally {
      issuer.setClockOffset(0);
    }
  });
});

describe('authorise', () => {
  it('lets a principal act for its own organisation in a role allowed, with any one of its roles', () => {
    expect(() => authorise({ keyId: 'k', orgId: orgA, role: 'issuer' }, orgA, ['issuer', 'org-admin'])).not.toThrow();
    expect(() => authorise({ keyId: 'k', orgId: orgA, role: 'auditor', roles: ['auditor', 'org-admin'] }, orgA, ['org-admin'])).not.toThrow();
  });

  const refusals: [name: string, principal: Parameters<typeof authorise>[0], roles: Role[]][] = [
    ['another-organisation-fail', { keyId: 'k', orgId: 'org_other', role: 'org-admin' }, ['org-admin']],
    ['role-not-allowed-fail', { keyId: 'k', orgId: 'org_a', role: 'auditor' }, ['issuer']],
    ['none-of-several-roles-fail', { keyId: 'k', orgId: 'org_a', role: 'auditor', roles: ['auditor'] }, ['issuer', 'org-admin']],
  ];
  it.each(refusals)('%s', (_name, principal, roles) => {
    expect(() => authorise(principal, 'org_a', roles)).toThrow(expect.objectContaining({ code: 'ERR_FORBIDDEN' }));
  });
});

describe('manage-api-keys', () => {
  it("changes a key's role, and refuses another organisation's key, an unknown role and a revoked key", async () => {
    const key = await createApiKey(issuer.ctx, { orgId: orgB, role: 'auditor' }, 'test');
    await expect(changeApiKeyRole(issuer.ctx, orgB, key.id, 'issuer', 'test')).resolves.toMatchObject({ role: 'issuer' });
    await expect(authenticateApiKey(issuer.ctx, `Bearer ${key.apiKey}`)).resolves.toMatchObject({ role: 'issuer' });
    await expect(changeApiKeyRole(issuer.ctx, orgA, key.id, 'auditor', 'test')).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
    await expect(revokeApiKey(issuer.ctx, orgA, key.id, 'test')).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
    await expect(changeApiKeyRole(issuer.ctx, orgB, key.id, 'root' as Role, 'test')).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID', field: 'role' });
    await revokeApiKey(issuer.ctx, orgB, key.id, 'test');
    await expect(changeApiKeyRole(issuer.ctx, orgB, key.id, 'auditor', 'test')).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID' });
  });
});

describe('platform keys', () => {
  it('finds a platform key, and refuses an organisation key, an unknown one and no header', async () => {
    await expect(authenticatePlatformKey(issuer.ctx, `Bearer ${platformKey}`)).resolves.toMatchObject({ platform: true });
    await expect(authenticatePlatformKey(issuer.ctx, `Bearer ${issuerKey}`)).rejects.toMatchObject({ code: 'ERR_AUTH_INVALID' });
    await expect(authenticatePlatformKey(issuer.ctx, `Bearer spa_${'B'.repeat(43)}`)).rejects.toMatchObject({ code: 'ERR_AUTH_INVALID' });
    await expect(authenticatePlatformKey(issuer.ctx, undefined)).rejects.toMatchObject({ code: 'ERR_AUTH_MISSING' });
  });
});
