/**
 * The API key store's contract on SQLite and PostgreSQL: keys found by hash and by organisation,
 * listed newest first, revoked and given another role; platform keys found by hash.
 */
import { expect, it } from '@jest/globals';
import { createApiKeyStore, type ApiKeyRow } from '../../src/store/api-key-store.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { issuerDatabase } from './helpers/issuer-database.js';

function key(id: string, orgId: string, createdAt: string): ApiKeyRow {
  return { id, org_id: orgId, role: 'issuer', key_hash: `hash-${id}`, label: null, created_at: createdAt, expires_at: null, revoked_at: null };
}

describeEngines('the API key store', (engine) => {
  const db = issuerDatabase(engine, ['org_a', 'org_b']);

  it('finds a key by its hash and by its organisation, never by another organisation', async () => {
    const keys = createApiKeyStore(db());
    await keys.insert({ ...key('key_1', 'org_a', '2026-12-01T10:00:00.000Z'), label: 'HR', expires_at: '2027-01-01T00:00:00.000Z' });
    expect(await keys.findByHash('hash-key_1')).toEqual({ ...key('key_1', 'org_a', '2026-12-01T10:00:00.000Z'), label: 'HR', expires_at: '2027-01-01T00:00:00.000Z' });
    expect(await keys.findByHash('hash-nope')).toBeUndefined();
    expect((await keys.find('org_a', 'key_1'))?.id).toBe('key_1');
    expect(await keys.find('org_b', 'key_1')).toBeUndefined();
  });

  it('lists an organisation’s keys newest first, then by id', async () => {
    const keys = createApiKeyStore(db());
    await keys.insert(key('key_3', 'org_b', '2026-12-01T09:00:00.000Z'));
    await keys.insert(key('key_2', 'org_b', '2026-12-01T11:00:00.000Z'));
    await keys.insert(key('key_4', 'org_b', '2026-12-01T11:00:00.000Z'));
    expect((await keys.list('org_b')).map((k) => k.id)).toEqual(['key_2', 'key_4', 'key_3']);
  });

  it('revokes a key and changes its role', async () => {
    const keys = createApiKeyStore(db());
    await keys.insert(key('key_5', 'org_a', '2026-12-01T10:00:00.000Z'));
    await keys.changeRole('key_5', 'auditor');
    await keys.revoke('key_5', '2026-12-02T10:00:00.000Z');
    expect(await keys.find('org_a', 'key_5')).toMatchObject({ role: 'auditor', revoked_at: '2026-12-02T10:00:00.000Z' });
  });

  it('refuses a second key with the same hash', async () => {
    const keys = createApiKeyStore(db());
    await keys.insert(key('key_6', 'org_a', '2026-12-01T10:00:00.000Z'));
    await expect(keys.insert({ ...key('key_7', 'org_a', '2026-12-01T10:00:00.000Z'), key_hash: 'hash-key_6' })).rejects.toThrow();
  });

  it('keeps platform keys apart, found by hash', async () => {
    const keys = createApiKeyStore(db());
    await keys.insertPlatformKey({ id: 'pkey_1', key_hash: 'phash-1', label: 'ops', created_at: '2026-12-01T10:00:00.000Z', revoked_at: null });
    expect(await keys.findPlatformKeyByHash('phash-1')).toEqual({ id: 'pkey_1', key_hash: 'phash-1', label: 'ops', created_at: '2026-12-01T10:00:00.000Z', revoked_at: null });
    expect(await keys.findPlatformKeyByHash('hash-key_1')).toBeUndefined();
    expect(await keys.findByHash('phash-1')).toBeUndefined();
  });
});
