import type { SqlExecutor } from '@staff-passport/core';
import type { Generated, Kysely } from 'kysely';

// Type aliases, not interfaces: Kysely's table map wants an index signature.

/** sp_offers: OpenID4VCI credential offers (pre-authorised code flow). */
export type OffersTable = {
  id: string;
  org_id: string;
  status: string;
  /** JSON: the offered credentials, claims included while they wait for the wallet. */
  credentials: string;
  /** JSON: the formats the wallet may choose from. */
  formats: string;
  by_reference: number;
  pending: number;
  tx_code_hash: string | null;
  tx_code_failures: number;
  code_hash: string;
  /** The offer JSON sealed under the secret, while the wallet can still fetch it. */
  offer_json: string | null;
  person_ref: string | null;
  person_ref_key: string | null;
  created_by: string;
  created_at: string;
  expires_at: string;
  updated_at: string;
};

/** sp_offer_tokens: the token endpoint's access tokens, hashed, each bound to one offer. */
export type OfferTokensTable = {
  token_hash: string;
  offer_id: string;
  created_at: string;
  expires_at: string;
};

/** sp_offer_nonces: the nonce endpoint's c_nonces, hashed, single use. */
export type OfferNoncesTable = {
  nonce_hash: string;
  org_id: string;
  expires_at: string;
};

/** sp_offer_deliveries: what each offered type became (claimed once, then deferred or issued). */
export type OfferDeliveriesTable = {
  offer_id: string;
  type: string;
  configuration_id: string;
  state: 'issuing' | 'deferred' | 'issued';
  holder_keys: string | null;
  transaction_hash: string | null;
  notification_id: string | null;
  credential_ids: string | null;
  created_at: string;
  updated_at: string;
};

/** sp_offer_events: the wallet's notifications, for HR. */
export type OfferEventsTable = {
  id: Generated<number>;
  offer_id: string;
  event: string;
  description: string | null;
  type: string | null;
  at: string;
};

/** The OpenID4VCI tables as the offer stores see them. */
export type OfferTables = {
  sp_offers: OffersTable;
  sp_offer_tokens: OfferTokensTable;
  sp_offer_nonces: OfferNoncesTable;
  sp_offer_deliveries: OfferDeliveriesTable;
  sp_offer_events: OfferEventsTable;
};

/** The query builder over the OpenID4VCI tables, on `db`'s connection (or transaction). */
export function offerSql(db: SqlExecutor): Kysely<OfferTables> {
  return db.kysely.withTables<OfferTables>();
}
