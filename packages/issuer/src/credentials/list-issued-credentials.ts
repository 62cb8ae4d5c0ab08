import { PassportError, sha256Hex } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import { PERSON_REFERENCE_MAX, foldPersonReference } from '../lib/person-reference.js';
import type { CredentialStatusValue } from '../status/change-credential-status.js';
import { createIssuedCredentialStore, type IssuedCredentialListRow } from '../store/issued-credential-store.js';

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

function record(row: IssuedCredentialListRow): IssuedCredentialRecord {
  return {
    id: row.id,
    type: row.type,
    schemaId: row.schema_id,
    subjectHash: row.subject_hash,
    format: row.format,
    issuedAt: row.issued_at,
    issuedBy: row.issued_by,
    validUntil: row.valid_until,
    status: row.status as CredentialStatusValue,
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
export async function listIssuedCredentials(ctx: Pick<IssuerContext, 'db'>, orgId: string, query: CredentialQuery): Promise<IssuedCredentialRecord[]> {
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
  const subjectHashes = [...(query.subject === undefined ? [] : [sha256Hex(query.subject)]), ...(query.subjectHash === undefined ? [] : [query.subjectHash])];
  const rows = await createIssuedCredentialStore(ctx.db).list(orgId, {
    limit,
    subjectHashes,
    ...(query.type === undefined ? {} : { type: query.type }),
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.jobId === undefined ? {} : { jobId: query.jobId }),
    ...(person === undefined ? {} : { personReferenceKey: person }),
    ...(query.before === undefined ? {} : { before: query.before }),
    ...(query.after === undefined ? {} : { after: query.after }),
  });
  return rows.map(record);
}

/**
 * One issued credential's record.
 *
 * @throws PassportError `ERR_CREDENTIAL_NOT_FOUND` (also for another organisation's credential).
 */
export async function getIssuedCredential(ctx: Pick<IssuerContext, 'db'>, orgId: string, credentialId: string): Promise<IssuedCredentialRecord> {
  const row = await createIssuedCredentialStore(ctx.db).get(orgId, credentialId);
  if (!row) throw new PassportError('ERR_CREDENTIAL_NOT_FOUND', 'no credential with that id in this organisation', { field: 'credentialId' });
  return record(row);
}
