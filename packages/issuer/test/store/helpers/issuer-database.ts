import { afterAll, beforeAll } from '@jest/globals';
import type { Database } from '@staff-passport/core';
import { ISSUER_MIGRATIONS } from '../../../src/store/issuer-schema.js';
import { createOrganisationStore } from '../../../src/store/organisation-store.js';
import type { EngineUnderTest } from '../../../../../test/helpers/database-engines.js';

/**
 * Opens a new issuer database on `engine` for the suite (closed after it), with the organisations
 * named in `orgIds` in it (the other tables refer to them).
 */
export function issuerDatabase(engine: EngineUnderTest, orgIds: readonly string[] = []): () => Database {
  let db: Database | undefined;
  beforeAll(async () => {
    db = await engine.open({ scope: 'issuer', migrations: ISSUER_MIGRATIONS });
    for (const id of orgIds) {
      await createOrganisationStore(db).insert({ id, name: `Org ${id}`, ods_code: id.toUpperCase().slice(-6), did: `did:web:issuer.test:orgs:${id}`, created_at: '2026-12-01T10:00:00.000Z' });
    }
  });
  afterAll(async () => {
    await db?.close();
  });
  return () => {
    if (!db) throw new Error('the database opens in beforeAll');
    return db;
  };
}
