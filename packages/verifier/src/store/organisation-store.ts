import type { SqlExecutor } from '@staff-passport/core';
import type { Selectable } from 'kysely';
import { verifierSql, type VerifierOrgsTable } from './verifier-tables.js';

/** An organisation as stored. */
export type VerifierOrgRow = Selectable<VerifierOrgsTable>;

/** The verifier's organisations (`sp_verifier_orgs`): every query on them. */
export interface VerifierOrgStore {
  insert(row: VerifierOrgRow): Promise<void>;
  find(id: string): Promise<VerifierOrgRow | undefined>;
  findByOdsCode(odsCode: string): Promise<VerifierOrgRow | undefined>;
  /** Every organisation, oldest first. */
  list(): Promise<VerifierOrgRow[]>;
  /** Sets how long the organisation keeps check results; whether it exists. */
  setRetentionDays(id: string, days: number): Promise<boolean>;
  /** The organisation a presentation request belongs to (wallets name requests by id alone). */
  findRequestOrg(requestId: string): Promise<string | undefined>;
}

/**
 * The organisation store on a verifier database (SQLite or PostgreSQL).
 *
 * @example
 * const org = await createVerifierOrgStore(db).find('org_0123456789abcdef');
 */
export function createVerifierOrgStore(db: SqlExecutor): VerifierOrgStore {
  return {
    async insert(row) {
      await verifierSql(db).insertInto('sp_verifier_orgs').values(row).execute();
    },
    async find(id) {
      return verifierSql(db).selectFrom('sp_verifier_orgs').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async findByOdsCode(odsCode) {
      return verifierSql(db).selectFrom('sp_verifier_orgs').selectAll().where('ods_code', '=', odsCode).executeTakeFirst();
    },
    async list() {
      return verifierSql(db).selectFrom('sp_verifier_orgs').selectAll().orderBy('created_at').orderBy('id').execute();
    },
    async setRetentionDays(id, days) {
      const updated = await verifierSql(db).updateTable('sp_verifier_orgs').set({ retention_days: days }).where('id', '=', id).executeTakeFirst();
      return Number(updated.numUpdatedRows) > 0;
    },
    async findRequestOrg(requestId) {
      const row = await verifierSql(db).selectFrom('sp_requests').select('org_id').where('id', '=', requestId).executeTakeFirst();
      return row?.org_id;
    },
  };
}
