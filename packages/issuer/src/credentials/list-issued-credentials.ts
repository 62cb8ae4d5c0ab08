import { PassportError, sha256Hex, type SqlEngine } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import { PERSON_REFERENCE_MAX, foldPersonReference } from '../lib/person-reference.js';
import type { CredentialStatusValue } from '../status/change-credential-status.js';

/** What the issuer keeps about a credential it issued (metadata, not the credential). */
export interface IssuedCredentialRecord {
  id: string;
  type: string;
  schemaId: string;
  /** SHA-256 (hex) of the holder's DID: all the issuer keeps of who holds it, enough to group a person's credentials. */
  subjectHash: string;
  format: string;
  issuedAt: string;
  issuedBy: string;
  validUntil: string | null;
  status: CredentialStatusValue;
  statusReason: string | null;
  statusChangedAt: string | null;
  statusListId: string | null;
  statusIndex: number | null;
  credentialHash: string;
  jobId: string | null;
  /**
   * HR's own label for the person ("Amara Okafor, ESR 12345678"), when the credential was
   * delivered for an OpenID4VCI offer made with one. Kept at the issuer only, not in the credential.
   */
  personReference?: string;
}

interface Row {
  id: string;
  type: string;
  schema_id: string;
  subject_hash: string;
  format: string;
  issued_at: string;
  issued_by: string;
  valid_until: string | null;
  status: CredentialStatusValue;
  status_reason: string | null;
  status_changed_at: string | null;
  status_list_id: string | null;
  status_index: number | null;
  credential_hash: string;
  job_id: string | null;
  person_ref: string | null;
}

// A credential delivered for an offer names the offer as its issuer (`oid4vci:<offer id>`, the
// offer's actor): the offer's person reference is one primary-key lookup away.
const PERSON_REF = `(SELECT o.person_ref FROM sp_offers o
    WHERE substr(sp_issued_credentials.issued_by, 1, 8) = 'oid4vci:' AND o.id = substr(sp_issued_credentials.issued_by, 9) AND o.org_id = sp_issued_credentials.org_id) AS person_ref`;

const COLUMNS = `id, type, schema_id, subject_hash, format, issued_at, issued_by, valid_until, status, status_reason, status_changed_at, status_list_id, status_index, credential_hash, job_id, ${PERSON_REF}`;

// The credentials delivered for the organisation's offers whose person reference contains the
// text: the deliveries list each type's credential ids, found then by primary key.
// (PostgreSQL says json_each and instr its own way, and has no rowid: its records are ordered by
// their ids, which are time-ordered.)
function deliveredForPerson(engine: SqlEngine): string {
  const each = engine === 'postgres' ? 'jsonb_array_elements_text(CAST(d.credential_ids AS jsonb)) AS j(value)' : 'json_each(d.credential_ids) j';
  const contains = engine === 'postgres' ? 'strpos(o.person_ref_key, ?) > 0' : 'instr(o.person_ref_key, ?) > 0';
  return `id IN (SELECT j.value FROM sp_offers o
    JOIN sp_offer_deliveries d ON d.offer_id = o.id, ${each}
    WHERE o.org_id = ? AND o.person_ref_key IS NOT NULL AND ${contains})`;
}

function record(row: Row): IssuedCredentialRecord {
  return {
    id: row.id,
    type: row.type,
    schemaId: row.schema_id,
    subjectHash: row.subject_hash,
    format: row.format,
    issuedAt: row.issued_at,
    issuedBy: row.issued_by,
    validUntil: row.valid_until,
    status: row.status,
    statusReason: row.status_reason,
    statusChangedAt: row.status_changed_at,
    statusListId: row.status_list_id,
    statusIndex: row.status_index,
    credentialHash: row.credential_hash,
    jobId: row.job_id,
    ...(row.person_ref === null ? {} : { personReference: row.person_ref }),
  };
}

/** Filters for {@link listIssuedCredentials}. */
export interface CredentialQuery {
  /** The holder's DID (`credentialSubject.id`); matched by its hash, which is all that is kept. */
  subject?: string;
  /** The holder by the hash of their DID (as {@link IssuedCredentialRecord.subjectHash} gives it). */
  subjectHash?: string;
  type?: string;
  status?: CredentialStatusValue;
  jobId?: string;
  /**
   * Part of the person reference HR gave the offer the credential was delivered for (a name, a
   * staff number): contains, ignoring case, accents and repeated spaces. Up to 200 characters.
   */
  personReference?: string;
  limit?: number;
  /** Paging: records issued before this one (newest first). */
  before?: string;
  /** Paging back: the records issued just after this one (still answered newest first). */
  after?: string;
}

/**
 * Finds an organisation's issued credentials by person (the holder's DID, or its hash, or part of
 * the person reference HR gave their offer) and type, newest first, a page at a time: `before`
 * pages on to older records, `after` back to newer ones. Filters combine (all must match).
 *
 * @example
 * const page = await listIssuedCredentials(ctx, org.id, { subject: 'did:key:z6Mk...', type: 'DbsCheck', limit: 20 });
 * const older = await listIssuedCredentials(ctx, org.id, { type: 'DbsCheck', limit: 20, before: page.at(-1)!.id });
 * const amaras = await listIssuedCredentials(ctx, org.id, { personReference: 'okafor' });
 * @throws PassportError `ERR_REQUEST_INVALID` (field `limit`, `status`, `subjectHash`, `personReference`, or `after` given with `before`).
 */
export async function listIssuedCredentials(ctx: IssuerContext, orgId: string, query: CredentialQuery): Promise<IssuedCredentialRecord[]> {
  const limit = query.limit ?? 50;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 500) throw new PassportError('ERR_REQUEST_INVALID', 'limit must be 1 to 500', { field: 'limit' });
  if (query.status !== undefined && !['active', 'suspended', 'revoked'].includes(query.status)) {
    throw new PassportError('ERR_REQUEST_INVALID', 'status must be active, suspended or revoked', { field: 'status' });
  }
  if (query.subjectHash !== undefined && !/^[0-9a-f]{64}$/.test(query.subjectHash)) {
    throw new PassportError('ERR_REQUEST_INVALID', 'subjectHash must be a SHA-256 in lower-case hex', { field: 'subjectHash' });
  }
  if (query.before !== undefined && query.after !== undefined) throw new PassportError('ERR_REQUEST_INVALID', 'give before or after, not both', { field: 'after' });
  const person = query.personReference === undefined ? undefined : foldPersonReference(query.personReference);
  if (person !== undefined && (person === '' || [...person].length > PERSON_REFERENCE_MAX)) {
    throw new PassportError('ERR_REQUEST_INVALID', `personReference must be 1 to ${PERSON_REFERENCE_MAX} characters`, { field: 'personReference' });
  }
  // Searching by person, the matches (few) are found first and then fetched by primary key: the
  // unary + keeps SQLite from walking all the organisation's credentials by its org_id indexes.
  const engine = ctx.db.engine;
  const rowid = engine === 'postgres' ? 'id' : 'rowid';
  const filters: [string, ...unknown[]][] = [[person === undefined || engine === 'postgres' ? 'org_id = ?' : '+org_id = ?', orgId]];
  if (query.subject !== undefined) filters.push(['subject_hash = ?', sha256Hex(query.subject)]);
  if (query.subjectHash !== undefined) filters.push(['subject_hash = ?', query.subjectHash]);
  if (query.type !== undefined) filters.push(['type = ?', query.type]);
  if (query.status !== undefined) filters.push(['status = ?', query.status]);
  if (query.jobId !== undefined) filters.push(['job_id = ?', query.jobId]);
  if (person !== undefined) filters.push([deliveredForPerson(engine), orgId, person]);
  if (query.before !== undefined) filters.push([`${rowid} < (SELECT ${rowid} FROM sp_issued_credentials WHERE id = ?)`, query.before]);
  if (query.after !== undefined) filters.push([`${rowid} > (SELECT ${rowid} FROM sp_issued_credentials WHERE id = ?)`, query.after]);
  const where = filters.map(([clause]) => clause);
  const params = filters.flatMap(([, ...values]) => values);
  // Paging back takes the page nearest the cursor (oldest first), then turns it round.
  const order = query.after === undefined ? 'DESC' : 'ASC';
  const rows = (await ctx.db.query(`SELECT ${COLUMNS} FROM sp_issued_credentials WHERE ${where.join(' AND ')} ORDER BY ${rowid} ${order} LIMIT ?`, [
    ...params,
    limit,
  ])) as Row[];
  if (query.after !== undefined) rows.reverse();
  return rows.map(record);
}

/**
 * One issued credential's record.
 *
 * @throws PassportError `ERR_CREDENTIAL_NOT_FOUND` (also for another organisation's credential).
 */
export async function getIssuedCredential(ctx: IssuerContext, orgId: string, credentialId: string): Promise<IssuedCredentialRecord> {
  const rows = (await ctx.db.query(`SELECT ${COLUMNS} FROM sp_issued_credentials WHERE org_id = ? AND id = ?`, [orgId, credentialId])) as Row[];
  if (!rows[0]) throw new PassportError('ERR_CREDENTIAL_NOT_FOUND', 'no credential with that id in this organisation', { field: 'credentialId' });
  return record(rows[0]);
}
