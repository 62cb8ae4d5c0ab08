import type { SqlExecutor } from '@staff-passport/core';
import { verifierSql } from './verifier-tables.js';

/** An added check profile as stored: its JSON as given, whatever it holds. */
export interface ProfileRecord {
  id: string;
  profile: unknown;
  createdAt: string;
  createdBy: string | null;
}

/** The check profiles one organisation added (`sp_profiles`): every query on them. */
export interface ProfileStore {
  /** Every added profile, oldest first. */
  list(): Promise<ProfileRecord[]>;
  find(id: string): Promise<ProfileRecord | undefined>;
  /** Adds a profile unless its id is taken (one statement: of two racing, one wins): true when added. */
  insert(record: ProfileRecord): Promise<boolean>;
}

function toRecord(row: { id: string; profile: string; created_at: string; created_by: string | null }): ProfileRecord {
  return { id: row.id, profile: JSON.parse(row.profile) as unknown, createdAt: row.created_at, createdBy: row.created_by };
}

/**
 * The profile store on a verifier database (SQLite or PostgreSQL). It keeps each profile's JSON
 * as given; what a profile holds is the profiles module's business.
 *
 * @example
 * const added = await createProfileStore(db, orgId).insert({ id, profile, createdAt, createdBy: null });
 */
export function createProfileStore(db: SqlExecutor, orgId: string): ProfileStore {
  return {
    async list() {
      const rows = await verifierSql(db).selectFrom('sp_profiles').selectAll().where('org_id', '=', orgId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toRecord);
    },
    async find(id) {
      const row = await verifierSql(db).selectFrom('sp_profiles').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    async insert(record) {
      const inserted = await verifierSql(db)
        .insertInto('sp_profiles')
        .values({ org_id: orgId, id: record.id, profile: JSON.stringify(record.profile), created_at: record.createdAt, created_by: record.createdBy })
        .onConflict((oc) => oc.columns(['org_id', 'id']).doNothing())
        .executeTakeFirst();
      return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
    },
  };
}
