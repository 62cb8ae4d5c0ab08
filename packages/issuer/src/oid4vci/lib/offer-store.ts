import { randomBytes } from 'node:crypto';
import { PassportError, sha256Hex, type SqlExecutor } from '@staff-passport/core';
import { appendAuditEvents, type AuditEventInput } from '../../audit/append-audit-event.js';
import type { IssuerContext } from '../../issuer-context.js';
import { createOfferStore, type OfferRow } from '../../store/offer-store.js';
import type { OfferFormat } from '../oid4vci-settings.js';

/** Where an offer is in its life. */
export const OFFER_STATUSES = ['offered', 'token_issued', 'pending', 'issued', 'accepted', 'deleted', 'failed', 'expired', 'withdrawn'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** One credential of an offer: a catalogue type and, unless still pending, its claims. */
export interface OfferedCredential {
  type: string;
  credentialSubject?: Record<string, unknown>;
}

/** An offer row, mapped. */
export interface OfferRecord {
  id: string;
  orgId: string;
  status: OfferStatus;
  credentials: OfferedCredential[];
  formats: OfferFormat[];
  byReference: boolean;
  pending: boolean;
  txCodeHash: string | null;
  txCodeFailures: number;
  offerJson: string | null;
  /** HR's own label for whom the offer is for; never put in a credential. */
  personReference: string | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  updatedAt: string;
}

// A live offer's JSON holds its pre-authorised code: sealed at rest under the configured secret
// (bound to the offer id), so a copy of the database cannot redeem offers.
function offerFromRow(ctx: IssuerContext, row: OfferRow): OfferRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    status: row.status as OfferStatus,
    credentials: JSON.parse(row.credentials) as OfferedCredential[],
    formats: JSON.parse(row.formats) as OfferFormat[],
    byReference: Number(row.by_reference) === 1,
    pending: Number(row.pending) === 1,
    txCodeHash: row.tx_code_hash,
    txCodeFailures: Number(row.tx_code_failures),
    offerJson: row.offer_json === null ? null : ctx.secretBox.open(row.offer_json, row.id).toString('utf8'),
    personReference: row.person_ref,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    updatedAt: row.updated_at,
  };
}

/** The offer JSON as stored: sealed under the secret, bound to the offer id. */
export function sealOfferJson(ctx: IssuerContext, offerId: string, json: string): string {
  return ctx.secretBox.seal(json, offerId);
}

/** A random secret, base64url (32 bytes unless told). */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** The hash secrets are stored and looked up by. */
export function hashSecret(secret: string): string {
  return sha256Hex(secret);
}

/** An offer by id within an organisation, or undefined. */
export async function findOffer(ctx: IssuerContext, orgId: string, offerId: string): Promise<OfferRecord | undefined> {
  const row = await createOfferStore(ctx.db).find(orgId, offerId);
  return row ? offerFromRow(ctx, row) : undefined;
}

/** The offer a pre-authorised code belongs to, or undefined. */
export async function findOfferByCode(ctx: IssuerContext, orgId: string, code: string): Promise<OfferRecord | undefined> {
  const row = await createOfferStore(ctx.db).findByCodeHash(orgId, hashSecret(code));
  return row ? offerFromRow(ctx, row) : undefined;
}

/** An organisation's offers, newest first. */
export async function listOfferRecords(ctx: IssuerContext, orgId: string, limit: number): Promise<OfferRecord[]> {
  const rows = await createOfferStore(ctx.db).list(orgId, limit);
  return rows.map((row) => offerFromRow(ctx, row));
}

/**
 * Writes audit events (and whatever else `fn` writes) in one transaction, once the issue queue
 * has written what it holds: TypeORM's SQLite driver has one connection, so a transaction opened
 * while the queue's is open would nest inside it.
 */
export async function withAudit(ctx: IssuerContext, events: readonly AuditEventInput[], fn?: (tx: SqlExecutor) => Promise<void>): Promise<void> {
  await ctx.issueQueue.drain();
  await ctx.db.transaction(async (tx) => {
    await fn?.(tx);
    await appendAuditEvents(tx, events);
  });
}

/** The actor audit events of the wallet-facing endpoints name: the offer itself. */
export function offerActor(offerId: string): string {
  return `oid4vci:${offerId}`;
}

/**
 * Whether an offer can still be used at `now`; marks it expired when its time has passed.
 *
 * @throws PassportError `ERR_OFFER_EXPIRED`
 */
export async function assertNotExpired(ctx: IssuerContext, offer: OfferRecord, now: Date): Promise<void> {
  if (offer.expiresAt > now.toISOString()) return;
  // Only a live offer (offered, token issued, pending) is marked; the store says which are.
  await createOfferStore(ctx.db).expire(offer.id, offer.status, now.toISOString());
  throw new PassportError('ERR_OFFER_EXPIRED', 'the credential offer has expired', { field: 'pre-authorized_code' });
}
