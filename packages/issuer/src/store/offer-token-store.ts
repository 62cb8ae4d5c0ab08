import type { SqlExecutor } from '@staff-passport/core';
import type { Selectable } from 'kysely';
import { offerSql, type OfferNoncesTable, type OfferTokensTable } from './offer-tables.js';

/** An access token as stored (hashed). */
export type OfferTokenRow = Selectable<OfferTokensTable>;
/** A c_nonce as stored (hashed). */
export type OfferNonceRow = Selectable<OfferNoncesTable>;

/**
 * The secrets of the wallet-facing endpoints: access tokens (`sp_offer_tokens`) and c_nonces
 * (`sp_offer_nonces`), both kept only as hashes. A c_nonce is used up by one conditional
 * statement, so of two proofs racing with it (on any instances) one is accepted.
 */
export interface OfferTokenStore {
  /** Keeps an access token just issued. */
  insertToken(row: OfferTokenRow): Promise<void>;
  /** An access token by its hash. */
  findToken(tokenHash: string): Promise<OfferTokenRow | undefined>;
  /** Deletes an offer's access tokens (the offer was withdrawn). */
  deleteTokensOf(offerId: string): Promise<void>;
  /** Keeps a c_nonce just given out. */
  insertNonce(row: OfferNonceRow): Promise<void>;
  /** Uses a c_nonce of the organisation up (deletes it) if it expires after `at`: true for the one call that did. */
  useNonce(nonceHash: string, orgId: string, at: string): Promise<boolean>;
  /** Whether the organisation has this c_nonce (used or not; to say why {@link OfferTokenStore.useNonce} refused it). */
  hasNonce(nonceHash: string, orgId: string): Promise<boolean>;
  /** Deletes the c_nonces expired at `at`; how many. */
  deleteExpiredNonces(at: string): Promise<number>;
}

/**
 * The token and nonce store on an issuer database (SQLite or PostgreSQL).
 *
 * @example
 * if (!(await createOfferTokenStore(ctx.db).useNonce(hashSecret(nonce), orgId, now))) refuse();
 */
export function createOfferTokenStore(db: SqlExecutor): OfferTokenStore {
  const q = () => offerSql(db);
  return {
    async insertToken(row) {
      await q().insertInto('sp_offer_tokens').values(row).execute();
    },
    findToken(tokenHash) {
      return q().selectFrom('sp_offer_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    },
    async deleteTokensOf(offerId) {
      await q().deleteFrom('sp_offer_tokens').where('offer_id', '=', offerId).execute();
    },
    async insertNonce(row) {
      await q().insertInto('sp_offer_nonces').values(row).execute();
    },
    async useNonce(nonceHash, orgId, at) {
      const deleted = await q().deleteFrom('sp_offer_nonces').where('nonce_hash', '=', nonceHash).where('org_id', '=', orgId).where('expires_at', '>', at).executeTakeFirst();
      return deleted.numDeletedRows > 0n;
    },
    async hasNonce(nonceHash, orgId) {
      const row = await q().selectFrom('sp_offer_nonces').select('nonce_hash').where('nonce_hash', '=', nonceHash).where('org_id', '=', orgId).executeTakeFirst();
      return row !== undefined;
    },
    async deleteExpiredNonces(at) {
      const deleted = await q().deleteFrom('sp_offer_nonces').where('expires_at', '<=', at).executeTakeFirst();
      return Number(deleted.numDeletedRows);
    },
  };
}
