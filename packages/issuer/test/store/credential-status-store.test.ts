/**
 * The credential status store's contract on SQLite and PostgreSQL: statuses read and written
 * set-based for thousands of credentials at once, within one organisation only.
 */
import { expect, it } from '@jest/globals';
import type { Database } from '@staff-passport/core';
import { createCredentialStatusStore } from '../../src/store/credential-status-store.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { twoIssuerDatabases } from './helpers/two-issuer-databases.js';
import { sql } from 'kysely';

const AT = '2026-12-01T10:00:00.000Z';

async function insertCredentials(db: Database, orgId: string, ids: readonly string[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const [i, id] of ids.entries()) {
      await sql`INSERT INTO sp_issued_credentials (id, org_id, type, schema_id, subject_hash, format, issued_at, issued_by, credential_hash, status_list_id, status_index)
        VALUES (${id}, ${orgId}, 'TrainingRecord', 's', 'h', 'vc+jwt', ${AT}, 'key_1', 'c', ${`sl_${orgId}`}, ${i})`.execute(tx.kysely);
    }
  });
}

describeEngines('the credential status store', (engine) => {
  const both = twoIssuerDatabases(engine, 'credential-status');

  it('reads and records the statuses of 2,500 credentials in one call each, another organisation’s left out', async () => {
    const { dbs, orgId, otherOrgId } = both();
    const ids = Array.from({ length: 2500 }, (_, i) => `urn:uuid:${engine.name}-${i}`);
    await insertCredentials(dbs[0], orgId, ids);
    await insertCredentials(dbs[0], otherOrgId, ['urn:uuid:other']);
    const store = createCredentialStatusStore(dbs[1]);
    const found = await store.find(orgId, [...ids, 'urn:uuid:other', 'urn:uuid:unknown']);
    expect(found).toHaveLength(2500);
    expect(found.find((r) => r.id === ids[7])).toEqual({ id: ids[7], status: 'active', status_list_id: `sl_${orgId}`, status_index: 7 });
    const changed = await dbs[1].transaction((tx) => createCredentialStatusStore(tx).move(orgId, [...ids.slice(0, 2000), 'urn:uuid:other'], ['active'], { status: 'revoked', reason: 'employment_ended', at: AT }));
    expect(changed).toHaveLength(2000);
    expect(changed.find((r) => r.id === ids[7])).toEqual({ id: ids[7], status_list_id: `sl_${orgId}`, status_index: 7 });
    const after = await createCredentialStatusStore(dbs[0]).find(orgId, ids);
    expect(after.filter((r) => r.status === 'revoked')).toHaveLength(2000);
    expect((await store.find(otherOrgId, ['urn:uuid:other']))[0]?.status).toBe('active');
    // Only from the statuses named: the revoked ones stay as they are.
    const suspended = await dbs[1].transaction((tx) => createCredentialStatusStore(tx).move(orgId, ids.slice(1990, 2010), ['active'], { status: 'suspended', reason: 'other', at: AT }));
    expect(suspended.map((r) => r.id).sort()).toEqual(ids.slice(2000, 2010).sort());
  });
});
