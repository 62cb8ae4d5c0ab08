import type { SqlExecutor } from '@staff-passport/core';
import type { Kysely } from 'kysely';

type HousekeepingTables = {
  sp_offer_nonces: { nonce_hash: string; org_id: string; expires_at: string };
  sp_offer_tokens: { token_hash: string; offer_id: string; created_at: string; expires_at: string };
  sp_offers: { id: string; status: string; offer_json: string | null; expires_at: string; updated_at: string };
};

function housekeepingSql(db: SqlExecutor): Kysely<HousekeepingTables> {
  return db.kysely.withTables<HousekeepingTables>();
}

/** Deletes c_nonces that expired before `before` (ISO 8601); how many. */
export async function deleteExpiredNonces(db: SqlExecutor, before: string): Promise<number> {
  const result = await housekeepingSql(db).deleteFrom('sp_offer_nonces').where('expires_at', '<=', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes access tokens that expired before `before` (ISO 8601); how many. */
export async function deleteExpiredAccessTokens(db: SqlExecutor, before: string): Promise<number> {
  const result = await housekeepingSql(db).deleteFrom('sp_offer_tokens').where('expires_at', '<=', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Marks offers still open whose time ran out by `now` as expired, their pre-authorised code
 * dropped (as reading an expired offer does); how many.
 */
export async function expireOffers(db: SqlExecutor, now: string): Promise<number> {
  const result = await housekeepingSql(db)
    .updateTable('sp_offers')
    .set({ status: 'expired', offer_json: null, updated_at: now })
    .where('status', 'in', ['offered', 'token_issued', 'pending'])
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
