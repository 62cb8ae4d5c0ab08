import type { SqlExecutor } from '@staff-passport/core';
import type { Selectable } from 'kysely';
import { offerSql, type OffersTable } from './offer-tables.js';

/** An offer as stored. */
export type OfferRow = Selectable<OffersTable>;

/** The statuses an offer can be used in by the wallet (and can expire from). */
const LIVE = ['offered', 'token_issued', 'pending'];

/**
 * The credential offers (`sp_offers`): every query on them, pre-authorised codes and
 * transaction-code tries included. Each change of state is one conditional statement answering
 * whether it happened, so of two requests racing for one offer (on any instances) one wins.
 */
export interface OfferStore {
  /** Keeps a new offer. */
  insert(row: OfferRow): Promise<void>;
  /** An offer of the organisation by id. */
  find(orgId: string, offerId: string): Promise<OfferRow | undefined>;
  /** The offer of the organisation a pre-authorised code (by its hash) belongs to. */
  findByCodeHash(orgId: string, codeHash: string): Promise<OfferRow | undefined>;
  /** The organisation's offers, newest first. */
  list(orgId: string, limit: number): Promise<OfferRow[]>;
  /** Marks an offer expired (its JSON, code included, erased) if it is still in status `from`. */
  expire(offerId: string, from: string, at: string): Promise<boolean>;
  /**
   * Takes one transaction-code try of an unused offer, before the code is compared: true while
   * fewer than `maxTries` were taken. Guesses sent at once get `maxTries` between them.
   */
  takeTxCodeTry(offerId: string, maxTries: number, at: string): Promise<boolean>;
  /** Locks an unused offer whose tries are spent (status `failed`, its JSON erased): true for the one request that locked it. */
  lockAfterTries(offerId: string, maxTries: number, at: string): Promise<boolean>;
  /**
   * Redeems an offer's pre-authorised code (`offered` to `token_issued`, its JSON erased): true for
   * the one request that did. `giveTryBack`: the try a right transaction code took is returned.
   */
  redeemCode(offerId: string, at: string, giveTryBack: boolean): Promise<boolean>;
  /** Marks an offer whose token was issued `pending` (a type deferred). */
  markPending(offerId: string, at: string): Promise<void>;
  /** Marks a live offer `issued` once `types` of its types were delivered; true when it moved. */
  markIssuedWhenDelivered(offerId: string, types: number, at: string): Promise<boolean>;
  /** Sets an offer's status (what the wallet reported). */
  setStatus(offerId: string, status: string, at: string): Promise<void>;
  /** Replaces an offer's credentials (claims supplied later), as JSON. */
  setCredentials(offerId: string, credentials: string, at: string): Promise<void>;
  /** Withdraws an offer: its claims, JSON and person reference erased. */
  withdraw(offerId: string, at: string): Promise<void>;
}

/**
 * The offer store on an issuer database (SQLite or PostgreSQL); inside `db.transaction` its
 * calls join the transaction.
 *
 * @example
 * const offers = createOfferStore(ctx.db);
 * if (!(await offers.redeemCode(offer.id, now, false))) throw used();
 */
export function createOfferStore(db: SqlExecutor): OfferStore {
  const q = () => offerSql(db);
  const changed = (result: { numUpdatedRows: bigint }): boolean => result.numUpdatedRows > 0n;
  return {
    async insert(row) {
      await q().insertInto('sp_offers').values(row).execute();
    },
    find(orgId, offerId) {
      return q().selectFrom('sp_offers').selectAll().where('id', '=', offerId).where('org_id', '=', orgId).executeTakeFirst();
    },
    findByCodeHash(orgId, codeHash) {
      return q().selectFrom('sp_offers').selectAll().where('code_hash', '=', codeHash).where('org_id', '=', orgId).executeTakeFirst();
    },
    list(orgId, limit) {
      return q().selectFrom('sp_offers').selectAll().where('org_id', '=', orgId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    },
    async expire(offerId, from, at) {
      if (!LIVE.includes(from)) return false;
      return changed(await q().updateTable('sp_offers').set({ status: 'expired', offer_json: null, updated_at: at }).where('id', '=', offerId).where('status', '=', from).executeTakeFirst());
    },
    async takeTxCodeTry(offerId, maxTries, at) {
      const result = await q()
        .updateTable('sp_offers')
        .set((eb) => ({ tx_code_failures: eb('tx_code_failures', '+', 1), updated_at: at }))
        .where('id', '=', offerId)
        .where('status', '=', 'offered')
        .where('tx_code_failures', '<', maxTries)
        .executeTakeFirst();
      return changed(result);
    },
    async lockAfterTries(offerId, maxTries, at) {
      const result = await q()
        .updateTable('sp_offers')
        .set({ status: 'failed', offer_json: null, updated_at: at })
        .where('id', '=', offerId)
        .where('status', '=', 'offered')
        .where('tx_code_failures', '>=', maxTries)
        .executeTakeFirst();
      return changed(result);
    },
    async redeemCode(offerId, at, giveTryBack) {
      const result = await q()
        .updateTable('sp_offers')
        .set((eb) => ({ status: 'token_issued', offer_json: null, updated_at: at, ...(giveTryBack ? { tx_code_failures: eb('tx_code_failures', '-', 1) } : {}) }))
        .where('id', '=', offerId)
        .where('status', '=', 'offered')
        .executeTakeFirst();
      return changed(result);
    },
    async markPending(offerId, at) {
      await q().updateTable('sp_offers').set({ status: 'pending', updated_at: at }).where('id', '=', offerId).where('status', '=', 'token_issued').execute();
    },
    async markIssuedWhenDelivered(offerId, types, at) {
      const result = await q()
        .updateTable('sp_offers')
        .set({ status: 'issued', updated_at: at })
        .where('id', '=', offerId)
        .where('status', 'in', ['token_issued', 'pending'])
        .where((eb) =>
          eb(
            eb.selectFrom('sp_offer_deliveries as d').select((d) => d.fn.countAll<number>().as('n')).whereRef('d.offer_id', '=', 'sp_offers.id').where('d.state', '=', 'issued'),
            '>=',
            types,
          ),
        )
        .executeTakeFirst();
      return changed(result);
    },
    async setStatus(offerId, status, at) {
      await q().updateTable('sp_offers').set({ status, updated_at: at }).where('id', '=', offerId).execute();
    },
    async setCredentials(offerId, credentials, at) {
      await q().updateTable('sp_offers').set({ credentials, updated_at: at }).where('id', '=', offerId).execute();
    },
    async withdraw(offerId, at) {
      await q()
        .updateTable('sp_offers')
        .set({ status: 'withdrawn', credentials: '[]', offer_json: null, person_ref: null, person_ref_key: null, updated_at: at })
        .where('id', '=', offerId)
        .execute();
    },
  };
}
