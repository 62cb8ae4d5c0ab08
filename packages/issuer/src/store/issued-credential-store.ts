import type { SqlEngine, SqlExecutor } from '@staff-passport/core';
import { sql, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import { insertRows, type SqlValue } from './insert-rows.js';
import { issuerSql, type IssuedCredentialsTable } from './issuer-tables.js';

/** The metadata kept for one issued credential (not the credential, unless configured). */
export interface IssuedRecord {
  id: string;
  orgId: string;
  type: string;
  schemaId: string;
  subjectHash: string;
  format: string;
  issuedAt: string;
  issuedBy: string;
  validUntil: string | null;
  credentialHash: string;
  signingKid: string;
  statusListId: string;
  statusIndex: number;
  requestKey: string | null;
  jobId: string | null;
  storedCredential: string | null;
}

const RECORD_COLUMNS = [
  'id',
  'org_id',
  'type',
  'schema_id',
  'subject_hash',
  'format',
  'issued_at',
  'issued_by',
  'valid_until',
  'credential_hash',
  'signing_kid',
  'status_list_id',
  'status_index',
  'request_key',
  'job_id',
  'stored_credential',
] as const;

function rowOf(r: IssuedRecord): SqlValue[] {
  return [
    r.id,
    r.orgId,
    r.type,
    r.schemaId,
    r.subjectHash,
    r.format,
    r.issuedAt,
    r.issuedBy,
    r.validUntil,
    r.credentialHash,
    r.signingKid,
    r.statusListId,
    r.statusIndex,
    r.requestKey,
    r.jobId,
    r.storedCredential,
  ];
}

// Pairs a statement looks up (one JSON parameter each).
const KEYS_CHUNK = 500;

/** An issued credential's record as the listings read it, with the person reference of the offer it was delivered for. */
export type IssuedCredentialListRow = Omit<Selectable<IssuedCredentialsTable>, 'org_id' | 'request_key' | 'stored_credential'> & { person_ref: string | null };

/** Filters of {@link IssuedCredentialStore.list}, all combined. */
export interface IssuedCredentialFilter {
  subjectHashes?: readonly string[];
  type?: string;
  status?: string;
  jobId?: string;
  /** Part of the folded person reference of the offer the credential was delivered for. */
  personReferenceKey?: string;
  /** Records issued before this one (newest first). */
  before?: string;
  /** The records issued just after this one (still answered newest first). */
  after?: string;
  limit: number;
}

/** The issued credentials' records (`sp_issued_credentials`): as the issue queue writes them, and as HR and the DID documents read them. */
export interface IssuedCredentialStore {
  /**
   * Inserts records in one statement ({@link insertRows}), in the caller's transaction: all or
   * none. Throws when one's (organisation, request key) was issued before (the unique index).
   */
  insert(records: readonly IssuedRecord[]): Promise<void>;
  /**
   * Which of these (organisation, request key) pairs were issued before, as `org_id NUL
   * request_key`. The pairs travel as one JSON parameter (SQLite's `json_each`, PostgreSQL's
   * `jsonb_array_elements`), served by the unique (org_id, request_key) index.
   */
  findRequestKeys(pairs: readonly (readonly [string, string])[]): Promise<Set<string>>;
  /** An organisation's records, newest first, a page at a time. */
  list(orgId: string, filter: IssuedCredentialFilter): Promise<IssuedCredentialListRow[]>;
  /** One record of an organisation (another organisation's is not found). */
  get(orgId: string, credentialId: string): Promise<IssuedCredentialListRow | undefined>;
  /** How many records an organisation has in each status. */
  countByStatus(orgId: string): Promise<Map<string, number>>;
  /** Whether a credential signed with `kid` is still live at `now` (not revoked, not expired). */
  hasLiveSignedBy(kid: string, now: string): Promise<boolean>;
}

// The offers' columns the listings read (the offer store owns the tables).
type OfferTables = {
  sp_offers: { id: string; org_id: string; person_ref: string | null; person_ref_key: string | null };
  sp_offer_deliveries: { offer_id: string; credential_ids: string | null };
};

const LIST_COLUMNS = [
  'id',
  'type',
  'schema_id',
  'subject_hash',
  'format',
  'issued_at',
  'issued_by',
  'valid_until',
  'status',
  'status_reason',
  'status_changed_at',
  'status_list_id',
  'status_index',
  'credential_hash',
  'job_id',
  'signing_kid',
] as const;

// A credential delivered for an offer names the offer as its issuer (`oid4vci:<offer id>`, the
// offer's actor): the offer's person reference is one primary-key lookup away.
const PERSON_REF = sql<string | null>`(SELECT o.person_ref FROM sp_offers o
    WHERE substr(sp_issued_credentials.issued_by, 1, 8) = 'oid4vci:' AND o.id = substr(sp_issued_credentials.issued_by, 9) AND o.org_id = sp_issued_credentials.org_id)`.as(
  'person_ref',
);

// The credentials delivered for the organisation's offers whose person reference contains the
// text: the deliveries list each type's credential ids, found then by primary key. (PostgreSQL
// says json_each and instr its own way.)
function deliveredForPerson(engine: SqlEngine, orgId: string, key: string): RawBuilder<SqlBool> {
  const each = engine === 'postgres' ? sql`jsonb_array_elements_text(CAST(d.credential_ids AS jsonb)) AS j(value)` : sql`json_each(d.credential_ids) j`;
  const contains = engine === 'postgres' ? sql`strpos(o.person_ref_key, ${key}) > 0` : sql`instr(o.person_ref_key, ${key}) > 0`;
  return sql<SqlBool>`id IN (SELECT j.value FROM sp_offers o
    JOIN sp_offer_deliveries d ON d.offer_id = o.id, ${each}
    WHERE o.org_id = ${orgId} AND o.person_ref_key IS NOT NULL AND ${contains})`;
}

function listRow(row: IssuedCredentialListRow): IssuedCredentialListRow {
  return { ...row, status_index: row.status_index === null ? null : Number(row.status_index) };
}

/**
 * The issued credential store on an issuer database (SQLite or PostgreSQL), or one of its transactions.
 *
 * @example
 * const page = await createIssuedCredentialStore(ctx.db).list(orgId, { type: 'DbsCheck', limit: 20 });
 */
export function createIssuedCredentialStore(db: SqlExecutor): IssuedCredentialStore {
  const q = issuerSql(db).withTables<OfferTables>();
  // PostgreSQL has no rowid: its records are ordered by their ids, which are time-ordered.
  const order = sql.raw(db.engine === 'postgres' ? 'id' : 'rowid');
  const select = () => q.selectFrom('sp_issued_credentials').select([...LIST_COLUMNS, PERSON_REF]);
  return {
    async insert(records) {
      await insertRows(db, 'sp_issued_credentials', RECORD_COLUMNS, records.map(rowOf));
    },
    async findRequestKeys(pairs) {
      const taken = new Set<string>();
      for (let i = 0; i < pairs.length; i += KEYS_CHUNK) {
        const json = JSON.stringify(pairs.slice(i, i + KEYS_CHUNK));
        const from = db.engine === 'postgres' ? sql`SELECT x->>0, x->>1 FROM jsonb_array_elements(CAST(${json} AS jsonb)) AS x` : sql`SELECT value->>0, value->>1 FROM json_each(${json})`;
        const { rows } = await sql<{ org_id: string; request_key: string }>`SELECT org_id, request_key FROM sp_issued_credentials WHERE (org_id, request_key) IN (${from})`.execute(db.kysely);
        for (const row of rows) taken.add(`${row.org_id}\u0000${row.request_key}`);
      }
      return taken;
    },
    async list(orgId, filter) {
      const { subjectHashes, type, status, jobId, personReferenceKey: person, before, after } = filter;
      // Searching by person, the matches (few) are found first and then fetched by primary key: the
      // unary + keeps SQLite from walking all the organisation's credentials by its org_id indexes.
      const orgColumn = person !== undefined && db.engine === 'sqlite' ? sql<string>`+org_id` : sql<string>`org_id`;
      let query = select().where(orgColumn, '=', orgId);
      for (const hash of subjectHashes ?? []) query = query.where('subject_hash', '=', hash);
      if (type !== undefined) query = query.where('type', '=', type);
      if (status !== undefined) query = query.where('status', '=', status);
      if (jobId !== undefined) query = query.where('job_id', '=', jobId);
      if (person !== undefined) query = query.where(deliveredForPerson(db.engine, orgId, person));
      if (before !== undefined) query = query.where(sql<SqlBool>`${order} < (SELECT ${order} FROM sp_issued_credentials WHERE id = ${before})`);
      if (after !== undefined) query = query.where(sql<SqlBool>`${order} > (SELECT ${order} FROM sp_issued_credentials WHERE id = ${after})`);
      // Paging back takes the page nearest the cursor (oldest first), then turns it round.
      const rows = await query
        .orderBy(order, after === undefined ? 'desc' : 'asc')
        .limit(filter.limit)
        .execute();
      if (after !== undefined) rows.reverse();
      return rows.map(listRow);
    },
    async get(orgId, credentialId) {
      const row = await select().where('org_id', '=', orgId).where('id', '=', credentialId).executeTakeFirst();
      return row && listRow(row);
    },
    async countByStatus(orgId) {
      const rows = await q
        .selectFrom('sp_issued_credentials')
        .select((eb) => ['status', eb.fn.countAll().as('n')])
        .where('org_id', '=', orgId)
        .groupBy('status')
        .execute();
      return new Map(rows.map((row) => [row.status, Number(row.n)]));
    },
    async hasLiveSignedBy(kid, now) {
      const row = await q
        .selectFrom('sp_issued_credentials')
        .select(sql.lit(1).as('live'))
        .where('signing_kid', '=', kid)
        .where('status', '!=', 'revoked')
        .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', now)]))
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
