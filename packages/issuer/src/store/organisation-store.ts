import type { SqlExecutor } from '@staff-passport/core';
import type { Selectable } from 'kysely';
import { issuerSql, type OrganisationsTable, type OrgKeysTable } from './issuer-tables.js';

/** An organisation as stored. */
export type OrganisationRow = Selectable<OrganisationsTable>;

/** A signing key of an organisation as stored. */
export type OrgKeyRow = Selectable<OrgKeysTable>;

/** The organisations and their signing keys (`sp_organisations`, `sp_org_keys`): every query on them. */
export interface OrganisationStore {
  find(orgId: string): Promise<OrganisationRow | undefined>;
  exists(orgId: string): Promise<boolean>;
  findByOdsCode(odsCode: string): Promise<OrganisationRow | undefined>;
  /** Every organisation, oldest first. */
  list(): Promise<OrganisationRow[]>;
  insert(row: OrganisationRow): Promise<void>;
  /** Records keys; with `ifMissing`, a key already recorded is left as it is. */
  insertKeys(rows: readonly OrgKeyRow[], options?: { ifMissing?: boolean }): Promise<void>;
  /** An organisation's keys, newest first. */
  listKeys(orgId: string): Promise<OrgKeyRow[]>;
  /** One key of an organisation, with its sealed private key. */
  findKey(orgId: string, kid: string): Promise<OrgKeyRow | undefined>;
  /** The kid of the organisation's newest active key for an algorithm. */
  activeKid(orgId: string, alg: OrgKeyRow['alg']): Promise<string | undefined>;
  /** Marks keys retired. */
  retireKeys(kids: readonly string[], retiredAt: string): Promise<void>;
}

/**
 * The organisation store on an issuer database (SQLite or PostgreSQL), or one of its transactions.
 *
 * @example
 * const org = await createOrganisationStore(ctx.db).find(orgId);
 */
export function createOrganisationStore(db: SqlExecutor): OrganisationStore {
  const q = issuerSql(db);
  const find = (orgId: string): Promise<OrganisationRow | undefined> => q.selectFrom('sp_organisations').selectAll().where('id', '=', orgId).executeTakeFirst();
  return {
    find,
    async exists(orgId) {
      return (await q.selectFrom('sp_organisations').select('id').where('id', '=', orgId).executeTakeFirst()) !== undefined;
    },
    findByOdsCode: (odsCode) => q.selectFrom('sp_organisations').selectAll().where('ods_code', '=', odsCode).executeTakeFirst(),
    list: () => q.selectFrom('sp_organisations').selectAll().orderBy('created_at').orderBy('id').execute(),
    async insert(row) {
      await q.insertInto('sp_organisations').values(row).execute();
    },
    async insertKeys(rows, options = {}) {
      if (rows.length === 0) return;
      await q
        .insertInto('sp_org_keys')
        .values([...rows])
        .$if(options.ifMissing === true, (qb) => qb.onConflict((oc) => oc.column('kid').doNothing()))
        .execute();
    },
    listKeys: (orgId) => q.selectFrom('sp_org_keys').selectAll().where('org_id', '=', orgId).orderBy('created_at', 'desc').orderBy('kid').execute(),
    findKey: (orgId, kid) => q.selectFrom('sp_org_keys').selectAll().where('kid', '=', kid).where('org_id', '=', orgId).executeTakeFirst(),
    async activeKid(orgId, alg) {
      const row = await q
        .selectFrom('sp_org_keys')
        .select('kid')
        .where('org_id', '=', orgId)
        .where('alg', '=', alg)
        .where('status', '=', 'active')
        .orderBy('created_at', 'desc')
        .orderBy('kid')
        .limit(1)
        .executeTakeFirst();
      return row?.kid;
    },
    async retireKeys(kids, retiredAt) {
      if (kids.length === 0) return;
      await q.updateTable('sp_org_keys').set({ status: 'retired', retired_at: retiredAt }).where('kid', 'in', [...kids]).execute();
    },
  };
}
