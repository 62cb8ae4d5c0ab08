import type { SqlExecutor } from '@staff-passport/core';
import type { Selectable } from 'kysely';
import { offerSql, type OfferDeliveriesTable, type OfferEventsTable } from './offer-tables.js';

/** What became of one offered type, as stored. */
export type OfferDeliveryRow = Selectable<OfferDeliveriesTable>;
/** A wallet's notification, as stored. */
export type OfferEventRow = Selectable<OfferEventsTable>;

/** What a delivered type is marked with. */
export interface DeliveredType {
  configurationId: string;
  notificationId: string;
  /** JSON: the ids of the credentials issued. */
  credentialIds: string;
  at: string;
}

/**
 * The deliveries of offered types (`sp_offer_deliveries`) and the wallet's notifications
 * (`sp_offer_events`). A type is claimed by one conditional insert and moved on by conditional
 * updates, so two requests for one type (in any formats, on any instances) never both issue.
 */
export interface OfferDeliveryStore {
  /** Claims an offered type for issuing: true for the one request that claimed it (the other meets the key, nothing inserted). */
  claim(offerId: string, type: string, configurationId: string, at: string): Promise<boolean>;
  /** Gives up a claim nothing was delivered for (state `issuing`), so the wallet may ask again. */
  release(offerId: string, type: string): Promise<void>;
  /** Defers a claimed type: the holder keys (JSON) wait with the transaction id's hash. */
  defer(offerId: string, type: string, holderKeys: string, transactionHash: string, at: string): Promise<void>;
  /** The deferred delivery a transaction id (by its hash) stands for. */
  findDeferred(offerId: string, transactionHash: string): Promise<OfferDeliveryRow | undefined>;
  /** Takes a deferred type for issuing: true for the one poll that took it. */
  takeDeferred(offerId: string, type: string, at: string): Promise<boolean>;
  /** Puts a type taken for issuing back to deferred (issuing failed). */
  returnDeferred(offerId: string, type: string): Promise<void>;
  /** Marks a type delivered: its configuration, notification id and credentials; holder keys and transaction id erased. */
  markDelivered(offerId: string, type: string, delivered: DeliveredType): Promise<void>;
  /** An offer's deliveries, oldest first. */
  list(offerId: string): Promise<OfferDeliveryRow[]>;
  /** The types of an offer in these states. */
  typesIn(offerId: string, states: readonly OfferDeliveryRow['state'][]): Promise<string[]>;
  /** The delivered type a notification id belongs to. */
  findByNotification(offerId: string, notificationId: string): Promise<OfferDeliveryRow | undefined>;
  /** Keeps a wallet's notification. */
  insertEvent(row: Omit<OfferEventRow, 'id'>): Promise<void>;
  /** An offer's notifications, in order. */
  listEvents(offerId: string): Promise<OfferEventRow[]>;
}

/**
 * The delivery store on an issuer database (SQLite or PostgreSQL).
 *
 * @example
 * if (!(await createOfferDeliveryStore(ctx.db).claim(offer.id, type, configurationId, now))) throw used();
 */
export function createOfferDeliveryStore(db: SqlExecutor): OfferDeliveryStore {
  const q = () => offerSql(db);
  return {
    async claim(offerId, type, configurationId, at) {
      const inserted = await q()
        .insertInto('sp_offer_deliveries')
        .values({ offer_id: offerId, type, configuration_id: configurationId, state: 'issuing', created_at: at, updated_at: at })
        .onConflict((oc) => oc.columns(['offer_id', 'type']).doNothing())
        .executeTakeFirst();
      return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
    },
    async release(offerId, type) {
      await q().deleteFrom('sp_offer_deliveries').where('offer_id', '=', offerId).where('type', '=', type).where('state', '=', 'issuing').execute();
    },
    async defer(offerId, type, holderKeys, transactionHash, at) {
      await q()
        .updateTable('sp_offer_deliveries')
        .set({ state: 'deferred', holder_keys: holderKeys, transaction_hash: transactionHash, updated_at: at })
        .where('offer_id', '=', offerId)
        .where('type', '=', type)
        .execute();
    },
    findDeferred(offerId, transactionHash) {
      return q().selectFrom('sp_offer_deliveries').selectAll().where('offer_id', '=', offerId).where('transaction_hash', '=', transactionHash).where('state', '=', 'deferred').executeTakeFirst();
    },
    async takeDeferred(offerId, type, at) {
      const result = await q()
        .updateTable('sp_offer_deliveries')
        .set({ state: 'issuing', updated_at: at })
        .where('offer_id', '=', offerId)
        .where('type', '=', type)
        .where('state', '=', 'deferred')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async returnDeferred(offerId, type) {
      await q().updateTable('sp_offer_deliveries').set({ state: 'deferred' }).where('offer_id', '=', offerId).where('type', '=', type).where('state', '=', 'issuing').execute();
    },
    async markDelivered(offerId, type, delivered) {
      await q()
        .updateTable('sp_offer_deliveries')
        .set({
          state: 'issued',
          configuration_id: delivered.configurationId,
          holder_keys: null,
          transaction_hash: null,
          notification_id: delivered.notificationId,
          credential_ids: delivered.credentialIds,
          updated_at: delivered.at,
        })
        .where('offer_id', '=', offerId)
        .where('type', '=', type)
        .execute();
    },
    list(offerId) {
      return q().selectFrom('sp_offer_deliveries').selectAll().where('offer_id', '=', offerId).orderBy('created_at').orderBy('type').execute();
    },
    async typesIn(offerId, states) {
      if (states.length === 0) return [];
      const rows = await q().selectFrom('sp_offer_deliveries').select('type').where('offer_id', '=', offerId).where('state', 'in', [...states]).execute();
      return rows.map((r) => r.type);
    },
    findByNotification(offerId, notificationId) {
      return q().selectFrom('sp_offer_deliveries').selectAll().where('offer_id', '=', offerId).where('notification_id', '=', notificationId).where('state', '=', 'issued').executeTakeFirst();
    },
    async insertEvent(row) {
      await q().insertInto('sp_offer_events').values(row).execute();
    },
    async listEvents(offerId) {
      const rows = await q().selectFrom('sp_offer_events').selectAll().where('offer_id', '=', offerId).orderBy('id').execute();
      return rows.map((r) => ({ ...r, id: Number(r.id) }));
    },
  };
}
