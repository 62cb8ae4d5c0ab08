import type { DataSource } from 'typeorm';
import { appendAuditEvents, type AuditEventInput } from '../audit/append-audit-event.js';
import { insertRows, type SqlValue } from '../store/insert-rows.js';

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

/** What became of a record: written, or not because its request key was issued before. */
export type CommitOutcome = 'inserted' | 'duplicate';

interface Pending {
  record: IssuedRecord;
  audit: AuditEventInput;
  resolve(outcome: CommitOutcome): void;
  reject(err: unknown): void;
}

const MAX_BATCH = 2000;

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

/**
 * Group commit for issuing: records that arrive while a transaction is being written are written
 * together in the next one, with their audit events, so the cost per credential is a few row
 * inserts rather than a transaction (and an fsync) each; the records of a batch go in one `INSERT`
 * (see `insertRows`), their audit events in another. A caller's promise settles only after its
 * transaction has committed: an answered request is durable.
 */
export class IssueCommitQueue {
  private pending: Pending[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly db: DataSource) {}

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

  private async write(batch: readonly Pending[]): Promise<CommitOutcome[]> {
    return this.db.transaction(async (tx) => {
      const keyed = batch.filter((p) => p.record.requestKey !== null);
      const taken = new Set<string>();
      for (let i = 0; i < keyed.length; i += 500) {
        const chunk = keyed.slice(i, i + 500);
        const rows = (await tx.query(
          `SELECT org_id, request_key FROM sp_issued_credentials WHERE request_key IN (${chunk.map(() => '?').join(',')})`,
          chunk.map((p) => p.record.requestKey),
        )) as { org_id: string; request_key: string }[];
        for (const row of rows) taken.add(`${row.org_id}\u0000${row.request_key}`);
      }
      const outcomes: CommitOutcome[] = [];
      const audits: AuditEventInput[] = [];
      const rows: SqlValue[][] = [];
      for (const { record: r, audit } of batch) {
        const key = r.requestKey === null ? undefined : `${r.orgId}\u0000${r.requestKey}`;
        if (key !== undefined && taken.has(key)) {
          outcomes.push('duplicate');
          continue;
        }
        if (key !== undefined) taken.add(key);
        rows.push([
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
        ]);
        audits.push(audit);
        outcomes.push('inserted');
      }
      await insertRows(tx, 'sp_issued_credentials', RECORD_COLUMNS, rows);
      await appendAuditEvents(tx, audits);
      return outcomes;
    });
  }
}
