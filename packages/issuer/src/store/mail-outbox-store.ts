import type { SqlExecutor } from '@staff-passport/core';
import type { Kysely, Selectable } from 'kysely';

/** sp_mail_outbox: emails to send, kept until sent or given up (durable, retried, leased to one instance at a time). */
export type MailOutboxTable = {
  id: string;
  org_id: string;
  /** The held offer the email tells the person about. */
  offer_id: string | null;
  to_address: string;
  subject: string;
  body: string;
  /** `cancelled`: the offer it told of was withdrawn (renewed) before it was sent. */
  status: 'pending' | 'sent' | 'failed' | 'cancelled';
  attempts: number;
  next_attempt_at: string;
  leased_by: string | null;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
};

export type MailRow = Selectable<MailOutboxTable>;

/** Part of issuer migration 9. */
export const MAIL_OUTBOX_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS sp_mail_outbox (
     id TEXT PRIMARY KEY,
     org_id TEXT NOT NULL,
     offer_id TEXT,
     to_address TEXT NOT NULL,
     subject TEXT NOT NULL,
     body TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
     attempts INTEGER NOT NULL,
     next_attempt_at TEXT NOT NULL,
     leased_by TEXT,
     lease_until TEXT,
     last_error TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS sp_mail_outbox_due ON sp_mail_outbox (status, next_attempt_at)`,
  `CREATE INDEX IF NOT EXISTS sp_mail_outbox_offer ON sp_mail_outbox (offer_id)`,
];

/** Every query on the mail outbox. */
export interface MailOutboxStore {
  insert(row: MailRow): Promise<void>;
  /** Ids of pending emails due at `now` and not leased, oldest first. */
  listDue(now: string, limit: number): Promise<string[]>;
  /** Leases one email to `instance` until `until`; false when another instance has it or it is no longer pending. */
  lease(id: string, instance: string, now: string, until: string): Promise<boolean>;
  find(id: string): Promise<MailRow | undefined>;
  markSent(id: string, instance: string, at: string): Promise<void>;
  /** Records a failed attempt: retried at `retryAt`, or failed for good when `retryAt` is null. */
  markAttemptFailed(id: string, instance: string, error: string, retryAt: string | null, at: string): Promise<void>;
  /** Cancels the emails still pending about an offer. */
  cancelForOffer(offerId: string, at: string): Promise<void>;
  /** The emails about some held offers (for HR's view of delivery). */
  listForOffers(offerIds: readonly string[]): Promise<MailRow[]>;
}

/**
 * The mail outbox store on an issuer database (SQLite or PostgreSQL), or one of its transactions.
 *
 * @example
 * const due = await createMailOutboxStore(ctx.db).listDue(now, 20);
 */
export function createMailOutboxStore(db: SqlExecutor): MailOutboxStore {
  const q: Kysely<{ sp_mail_outbox: MailOutboxTable }> = db.kysely.withTables<{ sp_mail_outbox: MailOutboxTable }>();
  return {
    async insert(row) {
      await q.insertInto('sp_mail_outbox').values(row).execute();
    },
    async listDue(now, limit) {
      const rows = await q
        .selectFrom('sp_mail_outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },
    async lease(id, instance, now, until) {
      const result = await q
        .updateTable('sp_mail_outbox')
        .set({ leased_by: instance, lease_until: until })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    find: (id) => q.selectFrom('sp_mail_outbox').selectAll().where('id', '=', id).executeTakeFirst(),
    async markSent(id, instance, at) {
      await q
        .updateTable('sp_mail_outbox')
        .set((eb) => ({ status: 'sent', attempts: eb('attempts', '+', 1), leased_by: null, lease_until: null, last_error: null, updated_at: at }))
        .where('id', '=', id)
        .where('leased_by', '=', instance)
        .execute();
    },
    async markAttemptFailed(id, instance, error, retryAt, at) {
      await q
        .updateTable('sp_mail_outbox')
        .set((eb) => ({
          status: retryAt === null ? 'failed' : 'pending',
          attempts: eb('attempts', '+', 1),
          next_attempt_at: retryAt ?? at,
          leased_by: null,
          lease_until: null,
          last_error: error.slice(0, 500),
          updated_at: at,
        }))
        .where('id', '=', id)
        .where('leased_by', '=', instance)
        .execute();
    },
    async cancelForOffer(offerId, at) {
      await q.updateTable('sp_mail_outbox').set({ status: 'cancelled', updated_at: at }).where('offer_id', '=', offerId).where('status', '=', 'pending').execute();
    },
    listForOffers: (offerIds) => (offerIds.length === 0 ? Promise.resolve([]) : q.selectFrom('sp_mail_outbox').selectAll().where('offer_id', 'in', [...offerIds]).orderBy('created_at').execute()),
  };
}
