import type { Database, SqlExecutor } from '@staff-passport/core';
import { appendAuditEvents, type AuditEventInput } from '../audit/append-audit-event.js';
import { AuditHeads } from '../audit/audit-heads.js';
import { createIssuedCredentialStore, type IssuedRecord } from '../store/issued-credential-store.js';
import { MainThreadTurns } from './lib/main-thread-turns.js';

export type { IssuedRecord };

/** What became of a record: written, or not because its request key was issued before. */
export type CommitOutcome = 'inserted' | 'duplicate';

interface Pending {
  record: IssuedRecord;
  audit: AuditEventInput;
  resolve(outcome: CommitOutcome): void;
  reject(err: unknown): void;
}

const MAX_BATCH = 2000;

// SQLite's message when an INSERT meets a request key the organisation was issued before.
const REQUEST_KEY_TAKEN = /UNIQUE constraint failed: sp_issued_credentials\.org_id, sp_issued_credentials\.request_key|sp_issued_credentials_request/;

/**
 * Group commit for issuing: records that arrive while a transaction is being written are written
 * together in the next one, with their audit events, so the cost per credential is a few row
 * inserts rather than a transaction (and an fsync) each. A caller's promise settles only after its
 * transaction has committed: an answered request is durable.
 *
 * A batch is one transaction: the records in one `INSERT`, their audit events in one `INSERT` per
 * chain. Request keys (bulk rows, offers) are checked by the unique `(org_id, request_key)` index
 * as the records go in; when a key was issued before (a job resumed, a file uploaded again) the
 * batch looks the keys up first and answers the rows already issued `duplicate`.
 */
export class IssueCommitQueue {
  private pending: Pending[] = [];
  private running: Promise<void> | undefined;
  // After a batch met keys issued before, the next ones look their keys up first (a resumed job
  // meets many in a row) until a batch finds none.
  private expectTaken = false;
  /** Turns of the main thread for issues under way (bulk rows sign on threads and go without), so this queue's writes are answered between them. */
  readonly turns = new MainThreadTurns();
  /** The audit chains' heads as this queue last moved them: tried before reading the head row. */
  private readonly heads = new AuditHeads();

  constructor(private readonly db: Database) {}

  /** Queues a record and its audit event; settles once both are committed (or were a duplicate). */
  commit(record: IssuedRecord, audit: AuditEventInput): Promise<CommitOutcome> {
    return new Promise<CommitOutcome>((resolve, reject) => {
      this.pending.push({ record, audit, resolve, reject });
      this.running ??= this.run();
    });
  }

  /** Waits for everything queued to be written. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    // Let the callers of this turn of the event loop join the batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      try {
        const outcomes = await this.write(batch);
        batch.forEach((p, i) => p.resolve(outcomes[i]!));
      } catch (err: unknown) {
        for (const p of batch) p.reject(err);
      }
    }
    this.running = undefined;
  }

  /** Which of the batch's request keys the organisations were issued before, as `org_id NUL request_key`. */
  private findTaken(tx: SqlExecutor, batch: readonly Pending[]): Promise<Set<string>> {
    return createIssuedCredentialStore(tx).findRequestKeys(
      batch.flatMap((p) => (p.record.requestKey === null ? [] : [[p.record.orgId, p.record.requestKey] as const])),
    );
  }

  /** The rows to insert, their audit events and each record's outcome, given the keys taken before. */
  private plan(batch: readonly Pending[], taken: ReadonlySet<string>): { records: IssuedRecord[]; audits: AuditEventInput[]; outcomes: CommitOutcome[] } {
    const seen = new Set<string>();
    const records: IssuedRecord[] = [];
    const audits: AuditEventInput[] = [];
    const outcomes: CommitOutcome[] = [];
    for (const { record, audit } of batch) {
      const key = record.requestKey === null ? undefined : `${record.orgId}\u0000${record.requestKey}`;
      // A key issued before, or earlier in this batch (a row repeated in a file).
      if (key !== undefined && (taken.has(key) || seen.has(key))) {
        outcomes.push('duplicate');
        continue;
      }
      if (key !== undefined) seen.add(key);
      records.push(record);
      audits.push(audit);
      outcomes.push('inserted');
    }
    return { records, audits, outcomes };
  }

  private write(batch: readonly Pending[]): Promise<CommitOutcome[]> {
    return this.writeInTransaction(batch);
  }

  /** The batch as one transaction: keys looked up when expected. */
  private writeInTransaction(batch: readonly Pending[]): Promise<CommitOutcome[]> {
    const lookUpFirst = this.expectTaken;
    // Every store is given `tx`: no async context need be tracked for the transaction (throughTxOnly).
    return this.db.transaction(async (tx) => {
      const issued = createIssuedCredentialStore(tx);
      let plan = lookUpFirst ? undefined : this.plan(batch, new Set());
      if (plan) {
        try {
          await issued.insert(plan.records);
        } catch (err: unknown) {
          // The insert writes all or none: the transaction is as it was.
          if (!(err instanceof Error && REQUEST_KEY_TAKEN.test(err.message))) throw err;
          plan = undefined;
        }
      }
      if (!plan) {
        const taken = await this.findTaken(tx, batch);
        this.expectTaken = taken.size > 0;
        plan = this.plan(batch, taken);
        await issued.insert(plan.records);
      }
      await appendAuditEvents(tx, plan.audits, this.heads);
      return plan.outcomes;
    }, { throughTxOnly: true });
  }
}
