import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { PassportError, enqueueWebhookEvent, type SqlExecutor } from '@staff-passport/core';
import type { Principal } from '../api-keys/authenticate-api-key.js';
import { appendAuditEvent } from '../audit/append-audit-event.js';
import { checkHeldRow, holdBulkRow } from '../collect/hold-bulk-row.js';
import { createStaffCollectionStore } from '../store/staff-collection-store.js';
import type { IssuerContext } from '../issuer-context.js';
import { findIssueType } from '../issuing/find-issue-type.js';
import { upgradeVcDm11 } from '../issuing/lib/upgrade-vc-dm11.js';
import { issueCredentialOutcome, prepareCredential, type IssueOrigin, type IssueRequest, type IssuedCredential } from '../issuing/issue-credential.js';
import { resolveHolderJwk } from '../issuing/resolve-holder-jwk.js';
import { getOrganisation } from '../organisations/get-organisation.js';
import type { Organisation } from '../organisations/organisation.js';
import {
  claimJobLease,
  claimSlice,
  countJobCredentials,
  countRowErrors,
  countSlices,
  deleteRowErrors,
  insertRowErrors,
  insertSlices,
  listJobIdsToRun,
  loadJobRow,
  releaseJobLease,
  releaseSlice,
  renewJobLease,
  renewSlice,
  saveSliceProgress,
  sumSlices,
  updateJobRow,
  type HeldSlice,
  type JobChanges,
  type SliceRange,
} from '../store/job-store.js';
import { deleteUpload, readUploadChunks } from '../store/job-upload-store.js';
import type { JobOptions, JobRow, JobState } from './job.js';
import { rowEnvironmentOf, type RowError, type RowIssue } from './lib/bulk-row.js';
import { openBulkSource, type BulkSource, type SourceRow } from './lib/open-bulk-source.js';
import { rowRequestKey } from './lib/row-request-key.js';

/**
 * Issues one row of a job: by default `issueCredentialOutcome` (`issueCredential` answering the
 * outcome only). Injected so signing can be spread over worker threads for large jobs without
 * touching the job logic; it must honour `origin.requestKey`
 * (a key already issued for the organisation answers `duplicate` and issues nothing) and settle
 * only once the credential's record is committed.
 */
export type IssueRowFunction = (
  ctx: IssuerContext,
  org: Organisation,
  request: IssueRequest,
  principal: Pick<Principal, 'keyId'>,
  origin: IssueOrigin,
) => Promise<Pick<IssuedCredential, 'outcome'>>;

/** How bulk jobs run in this process (see {@link configureJobs}). */
export interface JobRunnerOptions {
  /** Issues one row (default `issueCredentialOutcome`). */
  issueRow?: IssueRowFunction;
  /** Rows of one job being issued at once, so the group commit writes them together (default 128). */
  concurrency?: number;
  /** How often progress is written to the job row, in milliseconds (default 1000). */
  progressIntervalMs?: number;
  /** Row errors kept for the report (default 10,000; all are counted). */
  maxStoredErrors?: number;
  /** The largest upload accepted, in bytes (default 2 GiB). */
  maxUploadBytes?: number;
  /**
   * Rows of a slice: the unit instances claim when several work one job (default 2000). Each
   * slice ends with its rows in flight drained, so smaller slices share a job out sooner and cost
   * a little speed.
   */
  sliceRows?: number;
  /**
   * How long a lease (of a job being validated, or of a slice) lasts without renewal, in
   * milliseconds (default 20,000): an instance that died gives its work up after this.
   */
  leaseMs?: number;
}

const DEFAULTS = {
  concurrency: 128,
  progressIntervalMs: 1000,
  maxStoredErrors: 10_000,
  maxUploadBytes: 2 * 1024 ** 3,
  sliceRows: 2000,
  leaseMs: 20_000,
};

// How far issuing may run ahead of the oldest unfinished row, in rows: bounds memory whatever one
// slow row does, and bounds what a restart repeats (as duplicates).
const WINDOW_PER_SLOT = 8;
const ERROR_FLUSH_ROWS = 500;
// The longest the job loop runs before it lets the event loop in, in milliseconds: SQLite answers
// each statement of the issue queue's transaction through the event loop, so a long turn here
// holds the commit up (256 rows a turn was 15-25 ms, and four statements a commit each waited).
const TURN_MS = 2;
// The last row of the one slice a job issuing before slices existed gets (migration 6).
const LAST_ROW = 2 ** 31 - 1;

type RowOutcome = 'issued' | 'duplicate' | 'skipped' | 'failed';
type Settings = Required<JobRunnerOptions>;

/** The rows of a bulk source read forward, with one row of look-ahead put back at a slice's end. */
class RowCursor {
  /** The last row taken (and not put back): rows after it can still be read. */
  taken = 0;
  private before = 0;
  private held: SourceRow | undefined;

  constructor(readonly source: BulkSource) {}

  async next(): Promise<SourceRow | undefined> {
    const row = this.held ?? (await this.source.rows.next()).value;
    this.held = undefined;
    if (row) {
      this.before = this.taken;
      this.taken = row.row;
    }
    return row ?? undefined;
  }

  putBack(row: SourceRow): void {
    this.held = row;
    this.taken = this.before;
  }
}

/** A slice this instance holds, and whether its lease was taken. */
interface Holding {
  slice: HeldSlice;
  lost: boolean;
}

/**
 * Runs the bulk jobs of one issuer context. A job is validated by the one instance holding its
 * lease, which cuts its rows into slices; the slices are then issued by every instance that takes
 * part, each claiming one slice at a time under a lease renewed with progress and fenced by a
 * token (a holder whose lease was taken writes nothing more). Every row is issued under its
 * request key, so a row issued twice (by a holder that lost its lease, or after a crash) is one
 * credential.
 */
class JobRunner {
  readonly options: Settings;
  private readonly running = new Map<string, Promise<void>>();
  private stopping = false;
  /** This instance, as it signs the leases of the jobs and slices it holds. */
  readonly instanceId = `i_${randomBytes(8).toString('hex')}`;
  /** Jobs whose validation lease this instance lost (another instance took them over): they stop at once. */
  private readonly lost = new Set<string>();
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private gate: Promise<void> | undefined;
  private exclusiveChain: Promise<unknown> = Promise.resolve();
  private sweep: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: IssuerContext,
    options: JobRunnerOptions,
  ) {
    this.options = {
      issueRow: options.issueRow ?? issueCredentialOutcome,
      concurrency: options.concurrency ?? DEFAULTS.concurrency,
      progressIntervalMs: options.progressIntervalMs ?? DEFAULTS.progressIntervalMs,
      maxStoredErrors: options.maxStoredErrors ?? DEFAULTS.maxStoredErrors,
      maxUploadBytes: options.maxUploadBytes ?? DEFAULTS.maxUploadBytes,
      sliceRows: options.sliceRows ?? DEFAULTS.sliceRows,
      leaseMs: options.leaseMs ?? DEFAULTS.leaseMs,
    };
  }

  /** Starts working on a job unless this instance works on it already (or the runner is stopping). */
  start(jobId: string): void {
    if (this.stopping || this.running.has(jobId)) return;
    const run = this.run(jobId).finally(() => this.running.delete(jobId));
    this.running.set(jobId, run);
  }

  /** Whether this process works on a job. */
  isRunning(jobId: string): boolean {
    return this.running.has(jobId);
  }

  /**
   * From now on looks for work every quarter lease: jobs to validate that no live lease holds, and
   * jobs issuing with a slice free (another instance stopped, died, or has not reached it yet).
   */
  watch(): void {
    if (this.sweep || this.stopping) return;
    this.sweep = setInterval(() => {
      listJobIdsToRun(this.ctx.db)
        .then((ids) => ids.forEach((id) => this.start(id)))
        .catch((err: unknown) => this.ctx.logger.warn({ err }, 'bulk jobs not looked for'));
    }, this.options.leaseMs / 4);
    this.sweep.unref();
  }

  /** Stops every job at its next row: rows in flight finish, progress is saved, leases are let go. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.sweep);
    await Promise.allSettled([...this.running.values()]);
  }

  /**
   * Runs `fn` in a transaction while no row of any job is in flight and the issue queue is empty,
   * so job bookkeeping never waits behind (or holds up) a group commit of its own rows.
   */
  exclusive<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const work = async (): Promise<T> => {
      let release!: () => void;
      this.gate = new Promise<void>((resolve) => (release = resolve));
      try {
        while (this.inFlight > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
        await this.ctx.issueQueue.drain();
        return await this.ctx.db.transaction(fn);
      } finally {
        this.gate = undefined;
        release();
      }
    };
    const result = this.exclusiveChain.then(work, work);
    this.exclusiveChain = result.catch(() => undefined);
    return result;
  }

  /** Calls `renew` every quarter lease until the answer is false (then `onLost`); stopped by the function answered. */
  private renewing(renew: () => Promise<boolean>, onLost: () => void, what: Record<string, unknown>): () => void {
    const timer = setInterval(() => {
      renew()
        .then((held) => {
          if (!held) onLost();
        })
        .catch((err: unknown) => this.ctx.logger.warn({ err, ...what }, 'bulk job lease not renewed'));
    }, this.options.leaseMs / 4);
    timer.unref();
    return () => clearInterval(timer);
  }

  private async run(jobId: string): Promise<void> {
    const settings = this.options;
    let row: JobRow | undefined;
    try {
      row = await loadJobRow(this.ctx.db, jobId);
      if (!row) return;
      const org = await getOrganisation(this.ctx, row.org_id);
      if (row.state === 'validating') row = await this.validateLeased(row, org, settings);
      if (row?.state === 'issuing') await this.issue(row, org, settings);
    } catch (err: unknown) {
      if (this.stopping || this.lost.has(jobId) || this.ctx.db.closed) return;
      this.ctx.logger.error({ err, jobId }, 'bulk job stopped by an error');
      const failure =
        err instanceof PassportError
          ? { code: err.code, message: err.message }
          : { code: 'ERR_INTERNAL', message: 'an internal error stopped the job; upload the file again to finish it (rows already issued are not issued twice)' };
      try {
        const current = (await loadJobRow(this.ctx.db, jobId)) ?? row;
        if (current) await this.finish(current, 'failed', { failure_code: failure.code, failure_message: failure.message });
      } catch (finishErr: unknown) {
        this.ctx.logger.error({ err: finishErr, jobId }, 'bulk job failure not recorded');
      }
    } finally {
      this.lost.delete(jobId);
    }
  }

  /**
   * Validates a job under its lease: only a job no live lease holds (one instance validates a job,
   * and a job whose instance died is taken over once its lease ran out, database clock). Answers
   * the row after, or undefined when another instance has it or it stopped.
   */
  private async validateLeased(job: JobRow, org: Organisation, settings: Settings): Promise<JobRow | undefined> {
    const db = this.ctx.db;
    if (!(await claimJobLease(db, job.id, this.instanceId, settings.leaseMs))) return undefined;
    const stopRenewing = this.renewing(
      () => renewJobLease(db, job.id, this.instanceId, settings.leaseMs),
      () => this.lost.add(job.id),
      { jobId: job.id },
    );
    try {
      return await this.validate(job, org, settings);
    } finally {
      stopRenewing();
      if (!db.closed) await releaseJobLease(db, job.id, this.instanceId).catch(() => undefined);
    }
  }

  private async openSource(row: JobRow, org: Organisation): Promise<BulkSource> {
    return openBulkSource(row.kind, readUploadChunks(this.ctx.db, row.id), rowEnvironmentOf(org, row.format, JSON.parse(row.options) as JobOptions, this.ctx.now()));
  }

  /**
   * Validation problems of one issue request, each with the column it came from: the claims
   * (schema and rules), and for SD-JWT VC that the holder's key can be found (it is bound in `cnf`).
   */
  private async check(org: Organisation, request: IssueRequest, source: BulkSource, held = false): Promise<RowIssue[]> {
    try {
      // Held for a named person: no holder yet (bound when they collect).
      if (held) {
        checkHeldRow(org, request, this.ctx.now());
        return [];
      }
      const issueType = await findIssueType(this.ctx, org, upgradeVcDm11(request.credential)['type']);
      const { credential } = prepareCredential(org, request.credential, this.ctx.now(), { issueType, validators: this.ctx.typeValidators });
      if (request.options?.format === 'dc+sd-jwt' && request.options.holderJwk === undefined) {
        await resolveHolderJwk(this.ctx.resolver, (credential['credentialSubject'] as { id?: unknown }).id);
      }
      return [];
    } catch (err: unknown) {
      if (!(err instanceof PassportError)) throw err;
      return issuesOf(err, source);
    }
  }

  /**
   * Phase 1: every row mapped and validated, errors stored, the rows cut into slices; nothing
   * issued. Every write is fenced by the job's lease. Answers the row after, or undefined when stopped.
   */
  private async validate(job: JobRow, org: Organisation, settings: Settings): Promise<JobRow | undefined> {
    const db = this.ctx.db;
    const fenced = { leasedBy: this.instanceId };
    // A restart validates again from the start (nothing was issued yet).
    await deleteRowErrors(db, job.id);
    const startedAt = this.ctx.now().toISOString();
    if (!(await updateJobRow(db, job.id, { validated: 0, error_count: 0, rate_done: 0, rate_since: startedAt, updated_at: startedAt }, fenced))) return undefined;
    const source = await this.openSource(job, org);
    let total = 0;
    let errorCount = 0;
    let stored = 0;
    let pending: RowError[] = [];
    let lastSave = Date.now();
    let turnStart = performance.now();
    const slices: SliceRange[] = [];
    let sliceEnd = 0;
    let inSlice = 0;
    try {
      for await (const r of source.rows) {
        if (this.stopping || this.lost.has(job.id)) return undefined;
        total += 1;
        sliceEnd = r.row;
        inSlice += 1;
        if (inSlice === settings.sliceRows) {
          slices.push({ first: (slices.at(-1)?.last ?? 0) + 1, last: r.row });
          inSlice = 0;
        }
        const issues = 'issues' in r ? r.issues : 'request' in r ? await this.check(org, r.request, source, r.deliverTo !== undefined) : [];
        for (const issue of issues) {
          errorCount += 1;
          if (stored < settings.maxStoredErrors) {
            pending.push({ row: r.row, ...issue });
            stored += 1;
          }
        }
        if (pending.length >= ERROR_FLUSH_ROWS) {
          await insertRowErrors(db, job.id, 'validate', pending);
          pending = [];
        }
        if (Date.now() - lastSave >= settings.progressIntervalMs) {
          lastSave = Date.now();
          if (!(await updateJobRow(db, job.id, { validated: total, error_count: errorCount, updated_at: this.ctx.now().toISOString() }, fenced))) return undefined;
        }
        // Validation is CPU work between file reads: let requests (progress polls) in.
        if (performance.now() - turnStart >= TURN_MS) {
          await nextTurn();
          turnStart = performance.now();
        }
      }
    } finally {
      await source.close();
    }
    if (inSlice > 0) slices.push({ first: (slices.at(-1)?.last ?? 0) + 1, last: sliceEnd });
    await insertRowErrors(db, job.id, 'validate', pending);
    const at = this.ctx.now().toISOString();
    if (errorCount > 0 || total === 0) {
      await this.finish(
        job,
        'failed_validation',
        {
          total,
          validated: total,
          error_count: errorCount,
          updated_at: at,
          ...(total === 0
            ? { failure_code: 'ERR_BULK_FILE_INVALID', failure_message: 'the file has no rows' }
            : { failure_code: 'ERR_BULK_ROWS_INVALID', failure_message: `${errorCount} row error${errorCount === 1 ? '' : 's'}: nothing was issued (see the errors)` }),
        },
        this.instanceId,
      );
      return undefined;
    }
    // The slices and the move to issuing together, under the lease, so slices exist exactly when the job issues.
    const issuing = await db.transaction(async (tx) => {
      const changes: JobChanges = { state: 'issuing', total, validated: total, committed_row: 0, done: 0, rate_done: 0, rate_since: at, updated_at: at };
      if (!(await updateJobRow(tx, job.id, changes, { ...fenced, state: ['validating'] }))) return false;
      await insertSlices(tx, job.id, slices);
      return true;
    });
    return issuing ? loadJobRow(db, job.id) : undefined;
  }

  /**
   * Phase 2: this instance claims the job's free slices one after another (other instances claim
   * others at the same time) and issues their rows from each slice's last committed row, reading
   * the upload forward. Once no slice is open, the job is ended (by one instance).
   */
  private async issue(job: JobRow, org: Organisation, settings: Settings): Promise<void> {
    const db = this.ctx.db;
    // A job that was issuing before slices existed (migration 6) goes on as one slice from its saved position.
    if ((await countSlices(db, job.id)).all === 0) {
      await insertSlices(db, job.id, [{ first: job.committed_row + 1, last: LAST_ROW }], { done: job.done, issued: job.issued, duplicates: job.duplicates, skipped: job.skipped, failed_rows: job.failed_rows });
    }
    const stored = { count: await countRowErrors(db, job.id) };
    const resumedAt = this.ctx.now().toISOString();
    await updateJobRow(db, job.id, { rate_done: job.done, rate_since: resumedAt, updated_at: resumedAt }, { state: ['issuing'] });
    let cursor: RowCursor | undefined;
    try {
      while (!this.stopping) {
        const slice = await claimSlice(db, job.id, this.instanceId, randomBytes(12).toString('hex'), settings.leaseMs);
        if (!slice) break;
        // Slices are claimed in order, so the upload is read forward; a slice behind (one another instance gave up) reads it again.
        if (!cursor || cursor.taken > slice.committedRow) {
          await cursor?.source.close();
          cursor = new RowCursor(await this.openSource(job, org));
        }
        await this.issueSlice(job, org, { slice, lost: false }, cursor, settings, stored);
      }
    } finally {
      await cursor?.source.close();
    }
    if (this.stopping || this.ctx.db.closed || (await countSlices(db, job.id)).open > 0) return;
    // Every slice is done: the job ends, with the exact count (rows issued twice came back as duplicates).
    const sums = await sumSlices(db, job.id);
    const issued = await countJobCredentials(db, job.id);
    await this.finish(job, sums.failed > 0 ? 'failed' : 'completed', {
      done: sums.done,
      issued,
      // Rows held for their person (deliverTo) are neither issued yet nor duplicates: see the job's deliveries.
      duplicates: Math.max(0, sums.done - issued - (await createStaffCollectionStore(db).listHeldByJob(job.id)).length - sums.skipped - sums.failed),
      skipped: sums.skipped,
      failed_rows: sums.failed,
      committed_row: sums.lastRow,
      ...(sums.failed > 0 ? { failure_code: 'ERR_BULK_ROWS_INVALID', failure_message: `${sums.failed} row${sums.failed === 1 ? '' : 's'} could not be issued (see the errors)` } : {}),
    });
  }

  /** Issues the rows of one held slice, many at a time; progress saved as it goes, under the slice's lease. */
  private async issueSlice(job: JobRow, org: Organisation, holding: Holding, cursor: RowCursor, settings: Settings, stored: { count: number }): Promise<void> {
    const db = this.ctx.db;
    const { slice } = holding;
    const { concurrency, issueRow, maxStoredErrors, progressIntervalMs, leaseMs } = settings;
    // Errors of rows after the last committed one were (or will be) found again.
    await deleteRowErrors(db, job.id, { from: slice.committedRow + 1, to: slice.last });
    const counts = { ...slice.counts, committed: slice.committedRow };
    const halted = (): boolean => this.stopping || holding.lost;
    const stopRenewing = this.renewing(
      () => renewSlice(db, slice, leaseMs),
      () => (holding.lost = true),
      { jobId: job.id, slice: slice.sliceNo },
    );

    // Rows started and not yet counted, oldest first; counted (and the committed row moved) only
    // once every row before them is finished, so the saved position never skips an unfinished row.
    const window: { row: number; outcome: RowOutcome | 'aborted' | undefined }[] = [];
    let head = 0;
    let inFlight = 0;
    let wake: (() => void) | undefined;
    let pendingErrors: RowError[] = [];
    let abort: unknown;
    let saving: Promise<void> | undefined;
    let lastSave = Date.now();

    const advance = (): void => {
      while (head < window.length) {
        const entry = window[head]!;
        if (entry.outcome === undefined || entry.outcome === 'aborted') break;
        counts.done += 1;
        if (entry.outcome === 'issued') counts.issued += 1;
        else if (entry.outcome === 'duplicate') counts.duplicates += 1;
        else if (entry.outcome === 'skipped') counts.skipped += 1;
        else counts.failed += 1;
        counts.committed = entry.row;
        head += 1;
      }
      if (head > 4096) {
        window.splice(0, head);
        head = 0;
      }
    };
    const save = async (done: boolean): Promise<void> => {
      const errors = pendingErrors;
      pendingErrors = [];
      const { committed, ...sliceCounts } = counts;
      const held = await saveSliceProgress(db, slice, { committedRow: committed, counts: sliceCounts, errors, done, at: this.ctx.now().toISOString() }, leaseMs);
      if (!held) holding.lost = true;
    };
    const maybeSave = (): void => {
      if (saving || Date.now() - lastSave < progressIntervalMs) return;
      lastSave = Date.now();
      saving = save(false)
        .catch((err: unknown) => this.ctx.logger.warn({ err, jobId: job.id }, 'bulk job progress not saved'))
        .finally(() => (saving = undefined));
    };
    const recordError = (error: RowError): void => {
      if (stored.count < maxStoredErrors) {
        pendingErrors.push(error);
        stored.count += 1;
      }
    };
    const settle = (entry: (typeof window)[number], outcome: RowOutcome | 'aborted'): void => {
      entry.outcome = outcome;
      advance();
      maybeSave();
    };

    let finished = false;
    try {
      let turnStart = performance.now();
      for (;;) {
        const r = await cursor.next();
        if (!r) break;
        if (r.row <= slice.committedRow) continue;
        if (r.row > slice.last) {
          cursor.putBack(r);
          break;
        }
        // Wait for a free slot with the gate open, both checked with no await before the row starts
        // (an exclusive transaction must never see a row start after it found none in flight). A
        // row that broke (aborted) holds the window still: stop waiting for it to move.
        for (;;) {
          if (halted() || abort !== undefined) break;
          if (this.gate) await this.gate;
          else if (inFlight >= concurrency || window.length - head >= concurrency * WINDOW_PER_SLOT) await new Promise<void>((resolve) => (wake = resolve));
          else break;
          // Woken inside another task (a commit answering its rows): this turn starts now.
          turnStart = performance.now();
        }
        if (halted() || abort !== undefined) break;
        const entry: (typeof window)[number] = { row: r.row, outcome: undefined };
        window.push(entry);
        if ('skip' in r) {
          settle(entry, 'skipped');
        } else if ('issues' in r) {
          // Validated before; a row can only fail here if the file changed under the job.
          for (const issue of r.issues) recordError({ row: r.row, ...issue });
          settle(entry, 'failed');
        } else {
          inFlight += 1;
          this.inFlight += 1;
          const request = r.request;
          const deliverTo = r.deliverTo;
          // Called at once (a throw becomes a rejection), so the row is in flight before any await.
          (async () =>
            deliverTo
              ? holdBulkRow(this.ctx, org, request, deliverTo, { requestKey: rowRequestKey(request), jobId: job.id, row: entry.row, keyId: job.created_by })
              : issueRow(this.ctx, org, request, { keyId: job.created_by }, { requestKey: rowRequestKey(request), jobId: job.id }))()
            .then(
              (issued) => settle(entry, issued.outcome === 'inserted' ? 'issued' : 'duplicate'),
              (err: unknown) => {
                if (err instanceof PassportError) {
                  for (const issue of issuesOf(err, cursor.source)) recordError({ row: entry.row, ...issue });
                  settle(entry, 'failed');
                } else {
                  abort ??= err;
                  settle(entry, 'aborted');
                }
              },
            )
            .finally(() => {
              inFlight -= 1;
              this.inFlight -= 1;
              if (this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
              const resolve = wake;
              wake = undefined;
              resolve?.();
            });
        }
        if (performance.now() - turnStart >= TURN_MS) {
          await nextTurn();
          turnStart = performance.now();
        }
      }
      finished = !halted() && abort === undefined;
    } finally {
      while (inFlight > 0) await new Promise<void>((resolve) => (wake = resolve));
      stopRenewing();
      await saving;
      if (!db.closed && !holding.lost) {
        await save(finished);
        // Stopped before the slice's end: its lease is let go, so another instance takes it at once.
        if (!finished && !holding.lost) await releaseSlice(db, slice);
      }
    }
    if (abort !== undefined) throw abort;
  }

  /**
   * Ends a job: its final state and counts with a `job.complete` audit event, in one transaction,
   * only while it is still validating or issuing (so it ends once, whichever instance gets there
   * first) and, with `leasedBy`, while that instance holds its lease, with a `job.finished` webhook
   * message in the same transaction; the upload is deleted.
   */
  private async finish(job: JobRow, state: JobState, changes: JobChanges, leasedBy?: string): Promise<void> {
    const at = this.ctx.now();
    const ended = await this.exclusive(async (tx) => {
      const only = { state: ['validating', 'issuing'] as const, ...(leasedBy === undefined ? {} : { leasedBy }) };
      if (!(await updateJobRow(tx, job.id, { ...changes, state, updated_at: at.toISOString(), completed_at: at.toISOString() }, only))) return false;
      const final = (await loadJobRow(tx, job.id))!;
      await appendAuditEvent(tx, {
        orgId: job.org_id,
        actor: job.created_by,
        action: 'job.complete',
        subject: job.id,
        detail: {
          state,
          total: final.total,
          issued: final.issued,
          duplicates: final.duplicates,
          skipped: final.skipped,
          errors: final.error_count + final.failed_rows,
          ...(final.failure_code ? { failure: final.failure_code } : {}),
        },
        at,
      });
      await enqueueWebhookEvent(this.ctx.webhooks, {
        orgId: job.org_id,
        type: 'job.finished',
        data: { jobId: job.id, state, total: final.total, issued: final.issued, duplicates: final.duplicates, skipped: final.skipped, errors: final.error_count + final.failed_rows },
        at,
      });
      return true;
    });
    // The upload holds personal data: it goes as soon as the job no longer needs it.
    if (ended) await deleteUpload(this.ctx.db, job.id);
  }
}

/** Row issues of an error from validating or issuing a row, each with the column it came from. */
function issuesOf(err: PassportError, source: BulkSource): RowIssue[] {
  if (err.issues.length > 0) return err.issues.map((i) => ({ column: source.columnOf(i.path) ?? i.path, code: i.code, message: i.message }));
  return [{ column: err.field === undefined ? null : (source.columnOf(err.field) ?? err.field), code: err.code, message: err.message }];
}

/** The job runner of an issuer context (kept in the context, made on first use). */
export function jobRunnerFor(ctx: IssuerContext): JobRunner {
  const current = ctx.jobs.runner;
  if (current instanceof JobRunner) return current;
  const made = new JobRunner(ctx, {});
  ctx.jobs.runner = made;
  return made;
}

/**
 * Sets how bulk jobs run for an issuer context: the per-row issue function (for example one that
 * signs on worker threads), concurrency, progress interval, upload limit, slice size and lease
 * time. Call it before the first upload or {@link resumeJobs}; jobs already running keep their settings.
 *
 * @example
 * configureJobs(ctx, { concurrency: 256, issueRow: issueOnWorkers });
 */
export function configureJobs(ctx: IssuerContext, options: JobRunnerOptions): void {
  ctx.jobs.runner = new JobRunner(ctx, options);
}

export type { JobRunner };
