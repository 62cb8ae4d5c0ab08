import type { Generated, Kysely, Selectable } from 'kysely';
import type { Database, SqlExecutor } from '../db/database.js';

// Type aliases, not interfaces: Kysely's table map wants an index signature.

/** sp_webhook_endpoints, as stored. */
export type WebhookEndpointsTable = {
  id: string;
  org_id: string;
  url: string;
  /** JSON array of event types. */
  events: string;
  secret: string;
  description: string | null;
  created_at: string;
  created_by: string | null;
  /** When the endpoint answered 410 Gone and was disabled; null while enabled (WEBHOOK_ENDPOINT_STATE). */
  disabled_at: string | null;
  disabled_reason: string | null;
};

/** sp_webhook_messages: the outbox. */
export type WebhookMessagesTable = {
  id: string;
  endpoint_id: string;
  org_id: string;
  event_type: string;
  body: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  /** Milliseconds since 1970 (the service's clock). */
  next_attempt_at: number;
  claimed_by: string | null;
  claim_until: number | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
};

/** sp_webhook_attempts: the delivery log. */
export type WebhookAttemptsTable = {
  id: Generated<number>;
  message_id: string;
  endpoint_id: string;
  attempt: number;
  at: string;
  status: number | null;
  error: string | null;
  duration_ms: number;
};

/** The webhook tables, for Kysely. */
export type WebhookTables = {
  sp_webhook_endpoints: WebhookEndpointsTable;
  sp_webhook_messages: WebhookMessagesTable;
  sp_webhook_attempts: WebhookAttemptsTable;
};

/** An endpoint as stored. */
export type WebhookEndpointRow = Selectable<WebhookEndpointsTable>;
/** An outbox message as stored. */
export type WebhookMessageRow = Selectable<WebhookMessagesTable>;
/** One delivery attempt as logged. */
export type WebhookAttemptRow = Selectable<WebhookAttemptsTable>;
/** A message claimed for delivery, with where it goes and the (possibly sealed) secret. */
export type ClaimedWebhookMessage = WebhookMessageRow & { url: string; secret: string };

/** What one attempt came to: the log row, and the message's next state. */
export interface WebhookAttemptOutcome {
  attempt: { status: number | null; error: string | null; duration_ms: number; at: string };
  state: 'pending' | 'delivered' | 'failed';
  next_attempt_at: number;
  delivered_at: string | null;
}

/** The webhook endpoints, outbox and delivery log of one service's database: every query on them. */
export interface WebhookStore {
  insertEndpoint(row: WebhookEndpointRow): Promise<void>;
  /** The organisation's endpoints, oldest first. */
  listEndpoints(orgId: string): Promise<WebhookEndpointRow[]>;
  findEndpoint(orgId: string, id: string): Promise<WebhookEndpointRow | undefined>;
  /** Changes an endpoint (its URL, events, description) and enables it again; false when the organisation has no such endpoint. */
  updateEndpoint(orgId: string, id: string, fields: Partial<Pick<WebhookEndpointRow, 'url' | 'events' | 'description'>>): Promise<boolean>;
  /**
   * Disables an endpoint (it answered 410 Gone): nothing more is sent to it, and its messages still
   * pending are marked failed with the reason, until it is updated.
   */
  disableEndpoint(id: string, at: string, reason: string): Promise<void>;
  /** Deletes an endpoint with its messages and their log; false when the organisation has no such endpoint. */
  deleteEndpoint(orgId: string, id: string): Promise<boolean>;
  /** Adds messages to the outbox (in the caller's transaction when there is one). */
  insertMessages(rows: readonly Omit<WebhookMessageRow, 'claimed_by' | 'claim_until' | 'last_status' | 'last_error' | 'delivered_at'>[]): Promise<void>;
  /**
   * Claims up to `limit` pending messages due at `nowMs` that no live claim holds, for
   * `instance` until `nowMs + leaseMs`: rows locked with `FOR UPDATE SKIP LOCKED` on PostgreSQL,
   * then a conditional update, so two instances never claim one message at once.
   */
  claimDue(instance: string, nowMs: number, leaseMs: number, limit: number): Promise<ClaimedWebhookMessage[]>;
  /**
   * Logs an attempt and moves the message on, if `instance` still holds its claim (one that
   * lapsed and was taken over is left to its new holder; the attempt is logged all the same).
   */
  recordAttempt(message: Pick<WebhookMessageRow, 'id' | 'endpoint_id' | 'attempts'>, instance: string, outcome: WebhookAttemptOutcome): Promise<boolean>;
  /** An endpoint's messages, newest first. */
  listMessages(orgId: string, endpointId: string, limit: number): Promise<WebhookMessageRow[]>;
  findMessage(orgId: string, endpointId: string, id: string): Promise<WebhookMessageRow | undefined>;
  /** The attempts of these messages, first first. */
  listAttempts(messageIds: readonly string[]): Promise<WebhookAttemptRow[]>;
  /** Deletes delivered and failed messages created before `before` (ISO 8601), with their log; how many messages. */
  deleteFinishedBefore(before: string): Promise<number>;
  /** Makes a message due again at `nowMs` (same id: the receiver sees the same `webhook-id`); false when not found. */
  replay(orgId: string, endpointId: string, id: string, nowMs: number): Promise<boolean>;
}

function webhookSql(db: SqlExecutor): Kysely<WebhookTables> {
  return db.kysely.withTables<WebhookTables>();
}

/**
 * The webhook store on a service's database (SQLite or PostgreSQL). Its methods join the
 * transaction open on `db` when there is one, so an outbox row is written with the change it reports.
 *
 * @example
 * const webhooks = createWebhookStore(db);
 * await db.transaction(async () => { await change(); await webhooks.insertMessages(rows); });
 */
export function createWebhookStore(db: Database): WebhookStore {
  return {
    async insertEndpoint(row) {
      await webhookSql(db).insertInto('sp_webhook_endpoints').values(row).execute();
    },
    async listEndpoints(orgId) {
      return webhookSql(db).selectFrom('sp_webhook_endpoints').selectAll().where('org_id', '=', orgId).orderBy('created_at').orderBy('id').execute();
    },
    async findEndpoint(orgId, id) {
      return webhookSql(db).selectFrom('sp_webhook_endpoints').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
    },
    async updateEndpoint(orgId, id, fields) {
      const updated = await webhookSql(db)
        .updateTable('sp_webhook_endpoints')
        .set({ ...fields, disabled_at: null, disabled_reason: null })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .executeTakeFirst();
      return updated.numUpdatedRows > 0n;
    },
    async disableEndpoint(id, at, reason) {
      await db.transaction(async (tx) => {
        const q = webhookSql(tx);
        await q.updateTable('sp_webhook_endpoints').set({ disabled_at: at, disabled_reason: reason }).where('id', '=', id).where('disabled_at', 'is', null).execute();
        await q
          .updateTable('sp_webhook_messages')
          .set({ state: 'failed', claimed_by: null, claim_until: null, last_error: `not sent: ${reason}` })
          .where('endpoint_id', '=', id)
          .where('state', '=', 'pending')
          .execute();
      });
    },
    async deleteEndpoint(orgId, id) {
      return db.transaction(async (tx) => {
        const q = webhookSql(tx);
        const deleted = await q.deleteFrom('sp_webhook_endpoints').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
        if (deleted.numDeletedRows === 0n) return false;
        await q.deleteFrom('sp_webhook_attempts').where('endpoint_id', '=', id).execute();
        await q.deleteFrom('sp_webhook_messages').where('endpoint_id', '=', id).execute();
        return true;
      });
    },
    async insertMessages(rows) {
      // 200 rows a statement: well under both engines' limits on bound parameters (14 a row).
      for (let i = 0; i < rows.length; i += 200) {
        await webhookSql(db)
          .insertInto('sp_webhook_messages')
          .values(rows.slice(i, i + 200).map((r) => ({ ...r, claimed_by: null, claim_until: null, last_status: null, last_error: null, delivered_at: null })))
          .execute();
      }
    },
    async claimDue(instance, nowMs, leaseMs, limit) {
      // A look without a transaction first: most rounds find nothing, and take no write lock.
      const any = await webhookSql(db).selectFrom('sp_webhook_messages').select('id').where('state', '=', 'pending').where('next_attempt_at', '<=', nowMs).limit(1).executeTakeFirst();
      if (!any) return [];
      return db.transaction(async (tx) => {
        const q = webhookSql(tx);
        const due = await q
          .selectFrom('sp_webhook_messages')
          .select('id')
          .where('state', '=', 'pending')
          .where('next_attempt_at', '<=', nowMs)
          .where((w) => w.or([w('claim_until', 'is', null), w('claim_until', '<', nowMs)]))
          // Nothing goes to a disabled endpoint (a message replayed while it is disabled waits).
          .where('endpoint_id', 'not in', q.selectFrom('sp_webhook_endpoints').select('id').where('disabled_at', 'is not', null))
          .orderBy('next_attempt_at')
          .limit(limit)
          .$if(tx.engine === 'postgres', (s) => s.forUpdate().skipLocked())
          .execute();
        if (due.length === 0) return [];
        const ids = due.map((d) => d.id);
        await q
          .updateTable('sp_webhook_messages')
          .set({ claimed_by: instance, claim_until: nowMs + leaseMs })
          .where('id', 'in', ids)
          .where('state', '=', 'pending')
          .where((w) => w.or([w('claim_until', 'is', null), w('claim_until', '<', nowMs)]))
          .execute();
        const rows = await q
          .selectFrom('sp_webhook_messages as m')
          .innerJoin('sp_webhook_endpoints as e', 'e.id', 'm.endpoint_id')
          .selectAll('m')
          .select(['e.url', 'e.secret'])
          .where('m.id', 'in', ids)
          .where('m.claimed_by', '=', instance)
          .orderBy('m.next_attempt_at')
          .execute();
        return rows.map((r) => ({ ...r, attempts: Number(r.attempts), next_attempt_at: Number(r.next_attempt_at), claim_until: r.claim_until === null ? null : Number(r.claim_until) }));
      });
    },
    async recordAttempt(message, instance, outcome) {
      return db.transaction(async (tx) => {
        const q = webhookSql(tx);
        const attempt = message.attempts + 1;
        await q
          .insertInto('sp_webhook_attempts')
          .values({ message_id: message.id, endpoint_id: message.endpoint_id, attempt, ...outcome.attempt })
          .execute();
        const updated = await q
          .updateTable('sp_webhook_messages')
          .set({
            state: outcome.state,
            attempts: attempt,
            next_attempt_at: outcome.next_attempt_at,
            claimed_by: null,
            claim_until: null,
            last_status: outcome.attempt.status,
            last_error: outcome.attempt.error,
            delivered_at: outcome.delivered_at,
          })
          .where('id', '=', message.id)
          .where('claimed_by', '=', instance)
          .executeTakeFirst();
        return updated.numUpdatedRows > 0n;
      });
    },
    async listMessages(orgId, endpointId, limit) {
      const rows = await webhookSql(db)
        .selectFrom('sp_webhook_messages')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('endpoint_id', '=', endpointId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ ...r, attempts: Number(r.attempts), next_attempt_at: Number(r.next_attempt_at) }));
    },
    async findMessage(orgId, endpointId, id) {
      const row = await webhookSql(db).selectFrom('sp_webhook_messages').selectAll().where('org_id', '=', orgId).where('endpoint_id', '=', endpointId).where('id', '=', id).executeTakeFirst();
      return row && { ...row, attempts: Number(row.attempts), next_attempt_at: Number(row.next_attempt_at) };
    },
    async listAttempts(messageIds) {
      if (messageIds.length === 0) return [];
      const rows = await webhookSql(db).selectFrom('sp_webhook_attempts').selectAll().where('message_id', 'in', [...messageIds]).orderBy('id').execute();
      return rows.map((r) => ({ ...r, id: Number(r.id), attempt: Number(r.attempt), status: r.status === null ? null : Number(r.status), duration_ms: Number(r.duration_ms) }));
    },
    async deleteFinishedBefore(before) {
      // No transaction: the log goes first, so a stop between the two leaves messages without a log, never the reverse.
      {
        const q = webhookSql(db);
        const old = q.selectFrom('sp_webhook_messages').select('id').where('state', 'in', ['delivered', 'failed']).where('created_at', '<', before);
        await q.deleteFrom('sp_webhook_attempts').where('message_id', 'in', old).execute();
        const deleted = await q.deleteFrom('sp_webhook_messages').where('state', 'in', ['delivered', 'failed']).where('created_at', '<', before).executeTakeFirst();
        return Number(deleted.numDeletedRows);
      }
    },
    async replay(orgId, endpointId, id, nowMs) {
      const updated = await webhookSql(db)
        .updateTable('sp_webhook_messages')
        .set({ state: 'pending', next_attempt_at: nowMs, claimed_by: null, claim_until: null, delivered_at: null })
        .where('org_id', '=', orgId)
        .where('endpoint_id', '=', endpointId)
        .where('id', '=', id)
        .executeTakeFirst();
      return updated.numUpdatedRows > 0n;
    },
  };
}
