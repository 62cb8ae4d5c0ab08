/**
 * The credential type registry's store (issue 18, item 1), on SQLite and on PostgreSQL: a published
 * version is recorded once and never changed, versions are found by type, slug and version, and
 * each organisation's setting for types not registered is off until written.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Database } from '@staff-passport/core';
import { ISSUER_MIGRATIONS } from '@staff-passport/issuer';
import { findCredentialTypes, insertCredentialType, readAllowUnregistered, writeAllowUnregistered, type CredentialTypeRow } from '../../src/store/credential-type-store.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';

const row = (version: string, definition = '{"title":"Mask fit test"}'): CredentialTypeRow => ({
  slug: 'mask-fit-test',
  version,
  type: 'MaskFitTest',
  definition,
  published_at: `2026-03-0${version[0]}T09:00:00.000Z`,
  published_by: 'pk_1',
});

describeEngines('the credential type store', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open({ scope: 'issuer', migrations: ISSUER_MIGRATIONS });
    await db.query("INSERT INTO sp_organisations (id, name, ods_code, did, created_at) VALUES ('org_a', 'A', 'RZA', 'did:web:a', '2026-01-01'), ('org_b', 'B', 'RZB', 'did:web:b', '2026-01-01')");
  });
  afterAll(() => db.close());

  it('records a version once: the same slug and version again changes nothing', async () => {
    expect(await db.transaction((tx) => insertCredentialType(tx, row('1.0.0')))).toBe(true);
    expect(await db.transaction((tx) => insertCredentialType(tx, row('1.0.0', '{"title":"changed"}')))).toBe(false);
    expect(await db.transaction((tx) => insertCredentialType(tx, row('2.0.0')))).toBe(true);
    const [first] = await findCredentialTypes(db, { slug: 'mask-fit-test', version: '1.0.0' });
    expect(first).toEqual(row('1.0.0'));
  });

  it('finds versions by type, by slug, or all, oldest publication first', async () => {
    expect((await findCredentialTypes(db, { type: 'MaskFitTest' })).map((r) => r.version)).toEqual(['1.0.0', '2.0.0']);
    expect(await findCredentialTypes(db, { type: 'Other' })).toEqual([]);
    expect((await findCredentialTypes(db)).length).toBe(2);
  });

  it("an organisation's setting for types not registered is off until written, and written per organisation", async () => {
    expect(await readAllowUnregistered(db, 'org_a')).toBe(false);
    await db.transaction((tx) => writeAllowUnregistered(tx, 'org_a', true, { at: '2026-03-01T09:00:00.000Z', by: 'key_1' }));
    expect(await readAllowUnregistered(db, 'org_a')).toBe(true);
    expect(await readAllowUnregistered(db, 'org_b')).toBe(false);
    await db.transaction((tx) => writeAllowUnregistered(tx, 'org_a', false, { at: '2026-03-02T09:00:00.000Z', by: 'key_1' }));
    expect(await readAllowUnregistered(db, 'org_a')).toBe(false);
  });
});
