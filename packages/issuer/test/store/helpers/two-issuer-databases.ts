import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import type { Database } from '@staff-passport/core';
import { sql } from 'kysely';
import { ISSUER_MIGRATIONS } from '../../../src/store/issuer-schema.js';
import type { EngineUnderTest } from '../../../../../test/helpers/database-engines.js';

/** Two connections to one issuer database, as two instances have, and an organisation in it. */
export interface TwoIssuerDatabases {
  dbs: [Database, Database];
  orgId: string;
  /** Another organisation, for what must stay within one. */
  otherOrgId: string;
}

/** Adds an organisation row (the offer and status tables refer to it). */
export async function insertOrganisation(db: Database): Promise<string> {
  const id = `org_${randomBytes(6).toString('hex')}`;
  await sql`INSERT INTO sp_organisations (id, name, ods_code, did, created_at) VALUES (${id}, 'Store Trust', ${id}, ${`did:web:${id}.test`}, '2026-12-01T00:00:00.000Z')`.execute(db.kysely);
  return id;
}

/**
 * Opens one issuer database twice on `engine` for the suite (closed after it), with two
 * organisations: what a contract suite checks the stores on, and what a second instance sees.
 */
export function twoIssuerDatabases(engine: EngineUnderTest, name: string): () => TwoIssuerDatabases {
  let opened: TwoIssuerDatabases | undefined;
  beforeAll(async () => {
    const first = await engine.open({ scope: 'issuer', migrations: ISSUER_MIGRATIONS }, name);
    const second = await engine.open({ scope: 'issuer', migrations: ISSUER_MIGRATIONS }, name);
    opened = { dbs: [first, second], orgId: await insertOrganisation(first), otherOrgId: await insertOrganisation(first) };
  });
  afterAll(async () => {
    await Promise.all(opened?.dbs.map((db) => db.close()) ?? []);
  });
  return () => {
    if (!opened) throw new Error('the databases open in beforeAll');
    return opened;
  };
}
