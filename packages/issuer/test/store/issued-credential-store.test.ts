/**
 * The issued credential store's listings on SQLite and PostgreSQL: an organisation's records
 * newest first with every filter, paged on and back, the person reference of the offer a
 * credential was delivered for, counts by status, and whether a key still signs a live credential.
 */
import { beforeAll, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { createIssuedCredentialStore } from '../../src/store/issued-credential-store.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { issuerDatabase } from './helpers/issuer-database.js';

const COLUMNS = ['id', 'org_id', 'type', 'schema_id', 'subject_hash', 'format', 'issued_at', 'issued_by', 'valid_until', 'credential_hash', 'signing_kid', 'status', 'job_id'];

// Ids are time-ordered, as the issuer makes them: the listings order by them on PostgreSQL, by insertion on SQLite.
function row(n: number, values: Partial<Record<string, string | null>> = {}): (string | null)[] {
  const base: Record<string, string | null> = {
    id: `cred_${String(n).padStart(3, '0')}`,
    org_id: 'org_a',
    type: n % 2 === 0 ? 'DbsCheck' : 'TrainingRecord',
    schema_id: 'https://schemas.test/x',
    subject_hash: n % 3 === 0 ? 'b'.repeat(64) : 'a'.repeat(64),
    format: 'vc+jwt',
    issued_at: '2026-12-01T10:00:00.000Z',
    issued_by: 'key_1',
    valid_until: null,
    credential_hash: `hash_${n}`,
    signing_kid: 'kid_1',
    status: 'active',
    job_id: null,
    ...values,
  };
  return COLUMNS.map((c) => base[c]!);
}

describeEngines('the issued credential store', (engine) => {
  const db = issuerDatabase(engine, ['org_a', 'org_b']);
  const ids = (rows: { id: string }[]): string[] => rows.map((r) => r.id.slice(5));
  const insert = (values: (string | null)[]) => sql`INSERT INTO sp_issued_credentials (${sql.raw(COLUMNS.join(', '))}) VALUES (${sql.join(values)})`.execute(db().kysely);

  beforeAll(async () => {
    for (let n = 1; n <= 12; n++) {
      const values =
        n === 5 ? { status: 'revoked' } : n === 6 ? { status: 'suspended', job_id: 'job_1' } : n === 7 ? { issued_by: 'oid4vci:off_1' } : n === 8 ? { org_id: 'org_b' } : {};
      await insert(row(n, values));
    }
    await db().query(
      `INSERT INTO sp_offers (id, org_id, status, credentials, formats, by_reference, code_hash, created_by, created_at, expires_at, updated_at, person_ref, person_ref_key)
       VALUES ('off_1', 'org_a', 'issued', '[]', '[]', 0, 'code_1', 'key_1', 'x', 'x', 'x', 'Amára Okafor, ESR 1', 'amara okafor, esr 1')`,
    );
    await db().query(
      `INSERT INTO sp_offer_deliveries (offer_id, type, configuration_id, state, credential_ids, created_at, updated_at)
       VALUES ('off_1', 'TrainingRecord', 'c', 'issued', '["cred_007","cred_008"]', 'x', 'x')`,
    );
  });

  it('lists an organisation’s records newest first, with every filter combined', async () => {
    const credentials = createIssuedCredentialStore(db());
    expect(ids(await credentials.list('org_a', { limit: 50 }))).toEqual(['012', '011', '010', '009', '007', '006', '005', '004', '003', '002', '001']);
    expect(ids(await credentials.list('org_a', { limit: 50, type: 'DbsCheck' }))).toEqual(['012', '010', '006', '004', '002']);
    expect(ids(await credentials.list('org_a', { limit: 50, subjectHashes: ['b'.repeat(64)] }))).toEqual(['012', '009', '006', '003']);
    expect(ids(await credentials.list('org_a', { limit: 50, subjectHashes: ['b'.repeat(64)], type: 'DbsCheck', status: 'suspended' }))).toEqual(['006']);
    expect(ids(await credentials.list('org_a', { limit: 50, jobId: 'job_1' }))).toEqual(['006']);
    expect(ids(await credentials.list('org_a', { limit: 50, subjectHashes: ['a'.repeat(64), 'b'.repeat(64)] }))).toEqual([]);
  });

  it('pages on with before and back with after, each page newest first', async () => {
    const credentials = createIssuedCredentialStore(db());
    expect(ids(await credentials.list('org_a', { limit: 3, before: 'cred_009' }))).toEqual(['007', '006', '005']);
    expect(ids(await credentials.list('org_a', { limit: 3, after: 'cred_005' }))).toEqual(['009', '007', '006']);
  });

  it('finds the credentials delivered for an offer by part of its folded person reference, in the organisation only', async () => {
    const credentials = createIssuedCredentialStore(db());
    const found = await credentials.list('org_a', { limit: 50, personReferenceKey: 'okafor' });
    expect(ids(found)).toEqual(['007']);
    expect(found[0]).toMatchObject({ person_ref: 'Amára Okafor, ESR 1', issued_by: 'oid4vci:off_1', status_index: null });
    expect(await credentials.list('org_a', { limit: 50, personReferenceKey: 'nobody' })).toEqual([]);
    expect(await credentials.list('org_b', { limit: 50, personReferenceKey: 'okafor' })).toEqual([]);
  });

  it('gets one record of an organisation, never another organisation’s', async () => {
    const credentials = createIssuedCredentialStore(db());
    expect(await credentials.get('org_a', 'cred_007')).toMatchObject({ id: 'cred_007', type: 'TrainingRecord', person_ref: 'Amára Okafor, ESR 1' });
    expect((await credentials.get('org_a', 'cred_001'))?.person_ref).toBeNull();
    expect(await credentials.get('org_a', 'cred_008')).toBeUndefined();
  });

  it('counts an organisation’s records by status', async () => {
    expect(Object.fromEntries(await createIssuedCredentialStore(db()).countByStatus('org_a'))).toEqual({ active: 9, revoked: 1, suspended: 1 });
  });

  it('says whether a key still signs a live credential (not revoked, not expired)', async () => {
    const credentials = createIssuedCredentialStore(db());
    await insert(row(20, { signing_kid: 'kid_2', status: 'revoked' }));
    await insert(row(21, { signing_kid: 'kid_2', valid_until: '2026-12-10T00:00:00.000Z' }));
    expect(await credentials.hasLiveSignedBy('kid_1', '2026-12-05T00:00:00.000Z')).toBe(true);
    expect(await credentials.hasLiveSignedBy('kid_2', '2026-12-05T00:00:00.000Z')).toBe(true);
    expect(await credentials.hasLiveSignedBy('kid_2', '2026-12-11T00:00:00.000Z')).toBe(false);
    expect(await credentials.hasLiveSignedBy('kid_3', '2026-12-05T00:00:00.000Z')).toBe(false);
  });
});
