import { randomBytes } from 'node:crypto';
import { PassportError, sha256Hex, type SqlExecutor } from '@staff-passport/core';
import { appendAuditEvents, type AuditEventInput } from '../../audit/append-audit-event.js';
import type { IssuerContext } from '../../issuer-context.js';
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

interface OfferRow {
  id: string;
  org_id: string;
  status: OfferStatus;
  credentials: string;
  formats: string;
  by_reference: number;
  pending: number;
  tx_code_hash: string | null;
  tx_code_failures: number;
  offer_json: string | null;
  person_ref: string | null;
  created_by: string;
  created_at: string;
  expires_at: string;
  updated_at: string;
}

// A live offer's JSON holds its pre-authorised code: sealed at rest under the configured secret
// (bound to the offer id), so a copy of the database cannot redeem offers.
function offerFromRow(ctx: IssuerContext, row: OfferRow): OfferRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    status: row.status,
    credentials: JSON.parse(row.credentials) as OfferedCredential[],
    formats: JSON.parse(row.formats) as OfferFormat[],
    byReference: row.by_reference === 1,
    pending: row.pending === 1,
    txCodeHash: row.tx_code_hash,
    txCodeFailures: row.tx_code_failures,
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
  const rows = (await ctx.db.query('SELECT * FROM sp_offers WHERE id = ? AND org_id = ?', [offerId, orgId])) as OfferRow[];
  return rows[0] ? offerFromRow(ctx, rows[0]) : undefined;
}

/** The offer a pre-authorised code belongs to, or undefined. */
export async function findOfferByCode(ctx: IssuerContext, orgId: string, code: string): Promise<OfferRecord | undefined> {
  const rows = (await ctx.db.query('SELECT * FROM sp_offers WHERE code_hash = ? AND org_id = ?', [hashSecret(code), orgId])) as OfferRow[];
  return rows[0] ? offerFromRow(ctx, rows[0]) : undefined;
}

/** An organisation's offers, newest first. */
export async function listOfferRecords(ctx: IssuerContext, orgId: string, limit: number): Promise<OfferRecord[]> {
  const rows = (await ctx.db.query('SELECT * FROM sp_offers WHERE org_id = ? ORDER BY created_at DESC, id DESC LIMIT ?', [orgId, limit])) as OfferRow[];
  return rows.map((row) => offerFromRow(ctx, row));
}

/**
 * Runs one statement and says how many rows it changed: state changes are single conditional
 * statements (atomic on their own), so two requests racing for one offer cannot both win.
 */
export function runCounted(ctx: IssuerContext, sql: string, params: unknown[]): Promise<number> {
  return ctx.db.run(sql, params);
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
  if (offer.status === 'offered' || offer.status === 'token_issued' || offer.status === 'pending') {
    await runCounted(ctx, "UPDATE sp_offers SET status = 'expired', offer_json = NULL, updated_at = ? WHERE id = ? AND status = ?", [now.toISOString(), offer.id, offer.status]);
  }
  throw new PassportError('ERR_OFFER_EXPIRED', 'the credential offer has expired', { field: 'pre-authorized_code' });
}
