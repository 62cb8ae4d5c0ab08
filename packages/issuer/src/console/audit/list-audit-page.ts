import { PassportError, type Database } from '@staff-passport/core';
import { auditEntryFromRow, type AuditEntry } from '../../audit/list-audit-events.js';
import { createAuditStore } from '../../store/audit-store.js';

/** Which page of one chain's audit log to read, newest first. */
export interface AuditPageQuery {
  /** Entries older than this sequence number (the next page). */
  before?: number;
  /** Entries newer than this sequence number, the ones nearest it (the page before). */
  after?: number;
  /** Only entries with this action (`credential.revoke`...). */
  action?: string;
  limit: number;
}

/**
 * A page of one organisation's audit log, newest first, as people read it (the API's
 * `listAuditEvents` reads oldest first, for export). Walks the chain's own index backwards.
 *
 * @example
 * const latest = await listAuditPage(ctx.db, org.id, { limit: 25 });
 * const older = await listAuditPage(ctx.db, org.id, { limit: 25, before: latest.at(-1)!.seq });
 * @throws PassportError `ERR_REQUEST_INVALID` (a cursor that is not a whole number, both cursors, or a bad limit).
 */
export async function listAuditPage(db: Database, chain: string, query: AuditPageQuery): Promise<AuditEntry[]> {
  for (const [field, value] of [
    ['before', query.before],
    ['after', query.after],
  ] as const) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) throw new PassportError('ERR_REQUEST_INVALID', `${field} must be a whole number`, { field });
  }
  if (query.before !== undefined && query.after !== undefined) throw new PassportError('ERR_REQUEST_INVALID', 'give before or after, not both', { field: 'after' });
  if (!Number.isSafeInteger(query.limit) || query.limit < 1 || query.limit > 1000) throw new PassportError('ERR_REQUEST_INVALID', 'limit must be 1 to 1000', { field: 'limit' });
  return (await createAuditStore(db).listPage(chain, query)).map(auditEntryFromRow);
}

/** The newest entry of a chain (its sequence number and hash), or `undefined` for an empty chain. */
export async function auditChainHead(db: Database, chain: string): Promise<{ seq: number; hash: string } | undefined> {
  return createAuditStore(db).lastEntry(chain);
}
