import type { SqlExecutor } from '@staff-passport/core';
import type { Kysely, Selectable } from 'kysely';

// Type aliases, not interfaces: Kysely's table map wants an index signature.

/** sp_collection_settings: which claim of an organisation's ID tokens names the person (ESR person number, employee number). */
export type CollectionSettingsTable = {
  org_id: string;
  person_claim: string;
  /** The redirect URIs of the organisation's wallet clients (JSON array, exact URIs); null: the deployment's defaults (migration 10). */
  wallet_redirect_uris: string | null;
  updated_at: string;
};

/** sp_held_offers: offers waiting for a named person, collected by signing in (OpenID4VCI authorization code flow). */
export type HeldOffersTable = {
  offer_id: string;
  org_id: string;
  person_number: string;
  /** The configuration ids the offer allows, space separated, for matching a wallet's request. */
  configuration_ids: string;
  /** The `issuer_state` of the offer's authorization code grant (OpenID4VCI 1.0, 4.1.1), hashed. */
  issuer_state_hash: string;
  /** A bulk job's row that held it (its request key makes a resumed job hold it once). */
  request_key: string | null;
  job_id: string | null;
  job_row: number | null;
  /** The record the credential is of (type and what identifies it: competence and level, registration): a later offer of the same record for the same person supersedes this one. */
  record_key: string | null;
  created_at: string;
  expires_at: string;
};

/**
 * sp_collection_requests: a wallet's authorization request while the person signs in at the
 * organisation's provider (keyed by the hash of the state sent to the provider), then the
 * authorization code it became (hashed, once).
 */
export type CollectionRequestsTable = {
  id: string;
  org_id: string;
  /** The wallet's request and the sign-in state, sealed (JSON). */
  sealed: string;
  status: 'signing_in' | 'signed_in' | 'used';
  code_hash: string | null;
  person_number: string | null;
  expires_at: string;
};

/** sp_collection_tokens: access tokens of the authorization code flow (hashed), each with the offers it may collect. */
export type CollectionTokensTable = {
  token_hash: string;
  org_id: string;
  person_number: string;
  /** JSON: credential identifier -> {offerId, configurationId}. */
  grants: string;
  expires_at: string;
};

type CollectionTables = {
  sp_collection_settings: CollectionSettingsTable;
  sp_held_offers: HeldOffersTable;
  sp_collection_requests: CollectionRequestsTable;
  sp_collection_tokens: CollectionTokensTable;
  sp_offers: { id: string; org_id: string; status: string; expires_at: string; updated_at: string };
  sp_offer_deliveries: { offer_id: string; type: string; state: string; credential_ids: string | null; notification_id: string | null };
};

export type HeldOfferRow = Selectable<HeldOffersTable>;
export type CollectionRequestRow = Selectable<CollectionRequestsTable>;
export type CollectionTokenRow = Selectable<CollectionTokensTable>;

/** Issuer migration 10: each organisation's wallet redirect URIs, registered beside its person claim. */
export const WALLET_REDIRECT_URIS_SCHEMA: readonly string[] = [`ALTER TABLE sp_collection_settings ADD COLUMN wallet_redirect_uris TEXT`];

/** Issuer migration 9: the tables of staff collecting their own credentials. */
export const STAFF_COLLECTION_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS sp_collection_settings (
     org_id TEXT PRIMARY KEY REFERENCES sp_organisations(id),
     person_claim TEXT NOT NULL,
     updated_at TEXT NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS sp_held_offers (
     offer_id TEXT PRIMARY KEY REFERENCES sp_offers(id),
     org_id TEXT NOT NULL,
     person_number TEXT NOT NULL,
     configuration_ids TEXT NOT NULL,
     issuer_state_hash TEXT NOT NULL UNIQUE,
     request_key TEXT UNIQUE,
     job_id TEXT,
     job_row INTEGER,
     record_key TEXT,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS sp_held_offers_person ON sp_held_offers (org_id, person_number, created_at)`,
  `CREATE INDEX IF NOT EXISTS sp_held_offers_job ON sp_held_offers (job_id, job_row)`,
  `CREATE INDEX IF NOT EXISTS sp_held_offers_record ON sp_held_offers (org_id, person_number, record_key)`,
  `CREATE TABLE IF NOT EXISTS sp_collection_requests (
     id TEXT PRIMARY KEY,
     org_id TEXT NOT NULL,
     sealed TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('signing_in', 'signed_in', 'used')),
     code_hash TEXT UNIQUE,
     person_number TEXT,
     expires_at TEXT NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS sp_collection_tokens (
     token_hash TEXT PRIMARY KEY,
     org_id TEXT NOT NULL,
     person_number TEXT NOT NULL,
     grants TEXT NOT NULL,
     expires_at TEXT NOT NULL
   )`,
];

/** Every query on the tables of staff collecting their own credentials. */
export interface StaffCollectionStore {
  findPersonClaim(orgId: string): Promise<string | undefined>;
  putPersonClaim(orgId: string, personClaim: string, at: string): Promise<void>;
  /** The organisation's registered wallet redirect URIs; undefined when it registered none (the deployment's defaults apply). */
  findWalletRedirectUris(orgId: string): Promise<string[] | undefined>;
  /** Registers the organisation's wallet redirect URIs (null: back to the deployment's defaults), beside its person claim. */
  putWalletRedirectUris(orgId: string, uris: readonly string[] | null, at: string): Promise<void>;
  holdOffer(row: HeldOfferRow): Promise<void>;
  findHeldOfferByIssuerState(orgId: string, issuerStateHash: string): Promise<HeldOfferRow | undefined>;
  findHeldOfferByRequestKey(requestKey: string): Promise<HeldOfferRow | undefined>;
  /** The offers a bulk job held, by row. */
  listHeldByJob(jobId: string): Promise<HeldOfferRow[]>;
  /** A person's held offers still offered or being collected and in date at `now`, oldest first. */
  listWaiting(orgId: string, personNumber: string, now: string): Promise<HeldOfferRow[]>;
  insertRequest(row: CollectionRequestRow): Promise<void>;
  findRequest(id: string): Promise<CollectionRequestRow | undefined>;
  /** Moves a request from signing in to signed in with its code, once; false when it had moved already. */
  signIn(id: string, codeHash: string, personNumber: string): Promise<boolean>;
  findRequestByCode(orgId: string, codeHash: string): Promise<CollectionRequestRow | undefined>;
  /** Uses a signed-in request's code, once; false when it was used already. */
  useCode(id: string): Promise<boolean>;
  /** Marks the held offers as having an access token (`offered` -> `token_issued`). */
  markTokenIssued(offerIds: readonly string[], at: string): Promise<void>;
  insertToken(row: CollectionTokenRow): Promise<void>;
  findToken(tokenHash: string): Promise<CollectionTokenRow | undefined>;
  /** The person's earlier held offers of the same record (not `offerId`), with their offers' status. */
  listSameRecord(orgId: string, personNumber: string, recordKey: string, offerId: string): Promise<{ offerId: string; status: string }[]>;
  /** Which of some offers a notification id (of a credential response) belongs to. */
  findOfferByNotification(offerIds: readonly string[], notificationId: string): Promise<string | undefined>;
  /** The credentials issued from an offer. */
  listDeliveredCredentialIds(offerId: string): Promise<string[]>;
  /** Whether a type of an offer was claimed at the credential endpoint already. */
  isDelivered(offerId: string, type: string): Promise<boolean>;
}

/**
 * The staff collection store on an issuer database (SQLite or PostgreSQL), or one of its transactions.
 *
 * @example
 * const claim = await createStaffCollectionStore(ctx.db).findPersonClaim(org.id);
 */
export function createStaffCollectionStore(db: SqlExecutor): StaffCollectionStore {
  const q: Kysely<CollectionTables> = db.kysely.withTables<CollectionTables>();
  return {
    async findPersonClaim(orgId) {
      const row = await q.selectFrom('sp_collection_settings').select('person_claim').where('org_id', '=', orgId).executeTakeFirst();
      return row?.person_claim;
    },
    async putPersonClaim(orgId, personClaim, at) {
      await q
        .insertInto('sp_collection_settings')
        .values({ org_id: orgId, person_claim: personClaim, wallet_redirect_uris: null, updated_at: at })
        .onConflict((oc) => oc.column('org_id').doUpdateSet({ person_claim: personClaim, updated_at: at }))
        .execute();
    },
    async findWalletRedirectUris(orgId) {
      const row = await q.selectFrom('sp_collection_settings').select('wallet_redirect_uris').where('org_id', '=', orgId).executeTakeFirst();
      return row?.wallet_redirect_uris ? (JSON.parse(row.wallet_redirect_uris) as string[]) : undefined;
    },
    async putWalletRedirectUris(orgId, uris, at) {
      await q
        .updateTable('sp_collection_settings')
        .set({ wallet_redirect_uris: uris === null ? null : JSON.stringify(uris), updated_at: at })
        .where('org_id', '=', orgId)
        .execute();
    },
    async holdOffer(row) {
      await q.insertInto('sp_held_offers').values(row).execute();
    },
    findHeldOfferByRequestKey: (requestKey) => q.selectFrom('sp_held_offers').selectAll().where('request_key', '=', requestKey).executeTakeFirst(),
    listHeldByJob: (jobId) => q.selectFrom('sp_held_offers').selectAll().where('job_id', '=', jobId).orderBy('job_row').execute(),
    findHeldOfferByIssuerState: (orgId, hash) => q.selectFrom('sp_held_offers').selectAll().where('org_id', '=', orgId).where('issuer_state_hash', '=', hash).executeTakeFirst(),
    listWaiting: (orgId, personNumber, now) =>
      q
        .selectFrom('sp_held_offers as h')
        .innerJoin('sp_offers as o', 'o.id', 'h.offer_id')
        .selectAll('h')
        .where('h.org_id', '=', orgId)
        .where('h.person_number', '=', personNumber)
        .where('o.status', 'in', ['offered', 'token_issued'])
        .where('o.expires_at', '>', now)
        .orderBy('h.created_at')
        .orderBy('h.offer_id')
        .execute(),
    async insertRequest(row) {
      await q.insertInto('sp_collection_requests').values(row).execute();
    },
    findRequest: (id) => q.selectFrom('sp_collection_requests').selectAll().where('id', '=', id).executeTakeFirst(),
    async signIn(id, codeHash, personNumber) {
      const result = await q
        .updateTable('sp_collection_requests')
        .set({ status: 'signed_in', code_hash: codeHash, person_number: personNumber })
        .where('id', '=', id)
        .where('status', '=', 'signing_in')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    findRequestByCode: (orgId, codeHash) => q.selectFrom('sp_collection_requests').selectAll().where('org_id', '=', orgId).where('code_hash', '=', codeHash).executeTakeFirst(),
    async useCode(id) {
      const result = await q.updateTable('sp_collection_requests').set({ status: 'used' }).where('id', '=', id).where('status', '=', 'signed_in').executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async markTokenIssued(offerIds, at) {
      if (offerIds.length === 0) return;
      await q.updateTable('sp_offers').set({ status: 'token_issued', updated_at: at }).where('id', 'in', [...offerIds]).where('status', '=', 'offered').execute();
    },
    async insertToken(row) {
      await q.insertInto('sp_collection_tokens').values(row).execute();
    },
    findToken: (tokenHash) => q.selectFrom('sp_collection_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),
    async listSameRecord(orgId, personNumber, recordKey, offerId) {
      const rows = await q
        .selectFrom('sp_held_offers as h')
        .innerJoin('sp_offers as o', 'o.id', 'h.offer_id')
        .select(['h.offer_id as offerId', 'o.status as status'])
        .where('h.org_id', '=', orgId)
        .where('h.person_number', '=', personNumber)
        .where('h.record_key', '=', recordKey)
        .where('h.offer_id', '<>', offerId)
        .orderBy('h.created_at')
        .execute();
      return rows;
    },
    async findOfferByNotification(offerIds, notificationId) {
      if (offerIds.length === 0) return undefined;
      const row = await q.selectFrom('sp_offer_deliveries').select('offer_id').where('offer_id', 'in', [...offerIds]).where('notification_id', '=', notificationId).executeTakeFirst();
      return row?.offer_id;
    },
    async listDeliveredCredentialIds(offerId) {
      const rows = await q.selectFrom('sp_offer_deliveries').select('credential_ids').where('offer_id', '=', offerId).where('state', '=', 'issued').execute();
      return rows.flatMap((r) => (r.credential_ids ? (JSON.parse(r.credential_ids) as string[]) : []));
    },
    async isDelivered(offerId, type) {
      const row = await q.selectFrom('sp_offer_deliveries').select('state').where('offer_id', '=', offerId).where('type', '=', type).executeTakeFirst();
      return row !== undefined;
    },
  };
}
