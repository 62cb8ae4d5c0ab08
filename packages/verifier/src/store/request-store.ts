import type { SqlExecutor } from '@staff-passport/core';
import type { Selectable } from 'kysely';
import { verifierSql, type Oid4vpRequestsTable, type RequestsTable } from './verifier-tables.js';

/** A presentation request as stored (of the store's organisation, so without it). */
export type RequestRow = Omit<Selectable<RequestsTable>, 'org_id'>;

/** The OpenID4VP state of a presentation request as stored (of the store's organisation, so without it). */
export type Oid4vpRequestRow = Omit<Selectable<Oid4vpRequestsTable>, 'org_id'>;

/**
 * Presentation requests (`sp_requests`) and their OpenID4VP state (`sp_oid4vp_requests`, same
 * id): every query on them, each on one organisation's requests. Any instance reads what another wrote.
 */
export interface RequestStore {
  /** Adds a request of the store's organisation. */
  insert(row: RequestRow): Promise<void>;
  find(id: string): Promise<RequestRow | undefined>;
  markAnswered(id: string, resultId: string): Promise<void>;
  insertOid4vp(row: Omit<Oid4vpRequestRow, 'wallet_error' | 'wallet_error_description' | 'findings' | 'fetched_at' | 'answered_at'>): Promise<void>;
  findOid4vp(id: string): Promise<Oid4vpRequestRow | undefined>;
  /** Notes when a wallet first fetched the request object (later fetches keep the first time). */
  markOid4vpFetched(id: string, at: string): Promise<void>;
  markOid4vpAnswered(id: string, findings: string, at: string): Promise<void>;
  markOid4vpRefused(id: string, error: string, description: string | null, at: string): Promise<void>;
  /** Deletes requests (with their OpenID4VP state) that expired before `before`, of every organisation; how many. */
  deleteExpired(before: string): Promise<number>;
}

/**
 * The request store on a verifier database (SQLite or PostgreSQL).
 *
 * @example
 * const row = await createRequestStore(db, orgId).find('req_...');
 */
export function createRequestStore(db: SqlExecutor, orgId: string): RequestStore {
  return {
    async insert(row) {
      await verifierSql(db).insertInto('sp_requests').values({ ...row, org_id: orgId }).execute();
    },
    async find(id) {
      const row = await verifierSql(db).selectFrom('sp_requests').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const { org_id: _orgId, ...request } = row;
      return request;
    },
    async markAnswered(id, resultId) {
      await verifierSql(db).updateTable('sp_requests').set({ state: 'answered', result_id: resultId }).where('org_id', '=', orgId).where('id', '=', id).execute();
    },
    async insertOid4vp(row) {
      await verifierSql(db).insertInto('sp_oid4vp_requests').values({ ...row, org_id: orgId }).execute();
    },
    async findOid4vp(id) {
      const row = await verifierSql(db).selectFrom('sp_oid4vp_requests').selectAll().where('id', '=', id).where('org_id', '=', orgId).executeTakeFirst();
      if (!row) return undefined;
      const { org_id: _orgId, ...state } = row;
      return state;
    },
    async markOid4vpFetched(id, at) {
      await verifierSql(db).updateTable('sp_oid4vp_requests').set({ fetched_at: at }).where('id', '=', id).where('org_id', '=', orgId).where('fetched_at', 'is', null).execute();
    },
    async markOid4vpAnswered(id, findings, at) {
      await verifierSql(db).updateTable('sp_oid4vp_requests').set({ status: 'answered', findings, answered_at: at }).where('id', '=', id).where('org_id', '=', orgId).execute();
    },
    async markOid4vpRefused(id, error, description, at) {
      await verifierSql(db)
        .updateTable('sp_oid4vp_requests')
        .set({ status: 'refused', wallet_error: error, wallet_error_description: description, answered_at: at })
        .where('id', '=', id)
        .where('org_id', '=', orgId)
        .execute();
    },
    async deleteExpired(before) {
      await verifierSql(db).deleteFrom('sp_oid4vp_requests').where('expires_at', '<', before).execute();
      const deleted = await verifierSql(db).deleteFrom('sp_requests').where('expires_at', '<', before).executeTakeFirst();
      return Number(deleted.numDeletedRows);
    },
  };
}
