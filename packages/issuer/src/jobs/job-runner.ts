import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { PassportError, enqueueWebhookEvent, type SqlExecutor } from '@staff-passport/core';
import type { Principal } from '../api-keys/authenticate-api-key.js';
import { appendAuditEvent } from '../audit/append-audit-event.js';
import type { IssuerContext } from '../issuer-context.js';
import { issueCredentialOutcome, prepareCredential, type IssueOrigin, type IssueRequest, type IssuedCredential } from '../issuing/issue-credential.js';
import { resolveHolderJwk } from '../issuing/resolve-holder-jwk.js';
import { getOrganisation } from '../organisations/get-organisation.js';
import type { Organisation } from '../organisations/organisation.js';
import type { JobOptions, JobRow, JobState } from './job.js';
import { rowEnvironmentOf, type RowError, type RowIssue } from './lib/bulk-row.js';
import { claimJobLease, insertRowErrors, loadJobRow, releaseJobLease, renewJobLease, updateJobRow } from './lib/job-store.js';
import { jobFilePath, jobsFolderOf } from './lib/jobs-folder.js';
import { openBulkSource, type BulkSource } from './lib/open-bulk-source.js';
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
  /** The data folder (default: the SQLite file's folder); uploads go to its `jobs/` folder. */
  dataDir?: string;
  /** The largest upload accepted, in bytes (default 2 GiB). */
  maxUploadBytes?: number;
}

const DEFAULTS = {
  concurrency: 128,
  progressIntervalMs: 1000,
  maxStoredErrors: 10_000,
  maxUploadBytes: 2 * 1024 ** 3,
};

// How far issuing may run ahead of the oldest unfinished row, in rows: bounds memory whatever one
// slow row does, and bounds what a restart repeats (as duplicates).
const WINDOW_PER_SLOT = 8;
const ERROR_FLUSH_ROWS = 500;
/** How long a job's lease lasts without renewal (database clock): an instance that died gives its jobs up after this. */
const JOB_LEASE_MS = 20_000;
// The longest the job loop runs before it lets the event loop in, in milliseconds: SQLite answers
// each statement of the issue queue's transaction through the event loop, so a long turn here
// holds the commit up (256 rows a turn was 15-25 ms, and four statements a commit each waited).
const TURN_MS = 2;

type RowOutcome = 'issued' | 'duplicate' | 'skipped' | 'failed';

/** Runs the bulk jobs of one issuer context: at most one runner per job, all sharing one pause gate. */
class JobRunner {
  readonly options: Required<Omit<JobRunnerOptions, 'dataDir'>> & { folder: string };
  /** Jobs whose file is being uploaded (no job row yet). */
  readonly uploads = new Set<string>();
  private readonly running = new Map<string, Promise<void>>();
  private stopping = false;
  /** This instance, as it signs the leases of the jobs it runs. */
  readonly instanceId = `i_${randomBytes(8).toString('hex')}`;
  /** Jobs whose lease this instance lost (another instance took them over): they stop at once. */
  private readonly lost = new Set<string>();
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private gate: Promise<void> | undefined;
  private exclusiveChain: Promise<unknown> = Promise.resolve();

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
      folder: jobsFolderOf(ctx, options.dataDir),
    };
  }

  /** Starts running a job unless it is running already (or the runner is stopping). */
  start(jobId: string): void {
    if (this.stopping || this.running.has(jobId)) return;
    const run = this.run(jobId).finally(() => this.running.delete(jobId));
    this.running.set(jobId, run);
  }

  /** Whether a job is being run by this process. */
  isRunning(jobId: string): boolean {
    return this.running.has(jobId);
  }

  private sweep: NodeJS.Timeout | undefined;

  /**
   * From now on looks for jobs to run every few seconds: unfinished jobs no live lease holds (their
   * instance died or stopped), taken over by whichever instance claims them first.
   */
  watch(find: () => Promise<string[]>): void {
    if (this.sweep || this.stopping) return;
    this.sweep = setInterval(() => {
      find()
        .then((ids) => ids.forEach((id) => this.start(id)))
        .catch((err: unknown) => this.ctx.logger.warn({ err }, 'bulk jobs not looked for'));
    }, JOB_LEASE_MS / 4);
    this.sweep.unref();
  }

  /** Stops every job at its next row: rows in flight finish, progress is saved, states stay as they are. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.sweep);
    await Promise.allSettled([...this.running.values()]);
  }

  /**
   * Runs `fn` in a transaction while no row of any job is in flight and the issue queue is empty.
   * TypeORM's SQLite driver has one connection: a second transaction opened while the issue
   * queue's is open would nest inside it, so job bookkeeping that needs a transaction waits here.
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

  /** Whether a job must stop: the runner stops, or the job's lease went to another instance. */
  private halted(jobId: string): boolean {
    return this.stopping || this.lost.has(jobId);
  }

  private async run(jobId: string): Promise<void> {
    // Only a job no live lease holds: one instance runs a job at a time, and a job whose instance
    // died is taken over once its lease ran out (database clock).
    if (!(await claimJobLease(this.ctx.db, jobId, this.instanceId, JOB_LEASE_MS))) return;
    // Renewed while the job runs; lost (fenced), the job stops here without touching its row.
    const renewal = setInterval(() => {
      renewJobLease(this.ctx.db, jobId, this.instanceId, JOB_LEASE_MS)
        .then((held) => {
          if (!held) this.lost.add(jobId);
        })
        .catch((err: unknown) => this.ctx.logger.warn({ err, jobId }, 'bulk job lease not renewed'));
    }, JOB_LEASE_MS / 4);
    renewal.unref();
    try {
      await this.runClaimed(jobId);
    } finally {
      clearInterval(renewal);
      this.lost.delete(jobId);
      if (!this.ctx.db.closed) await releaseJobLease(this.ctx.db, jobId, this.instanceId).catch(() => undefined);
    }
  }

  private async runClaimed(jobId: string): Promise<void> {
    let row: JobRow | undefined;
    try {
      row = await loadJobRow(this.ctx.db, jobId);
      if (!row) return;
      const org = await getOrganisation(this.ctx, row.org_id);
      if (row.state === 'validating') row = await this.validate(row, org);
      if (row?.state === 'issuing') await this.issue(row, org);
    } catch (err: unknown) {
      if (this.halted(jobId) || this.ctx.db.closed) return;
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
    }
  }

  private async openSource(row: JobRow, org: Organisation): Promise<BulkSource> {
    return openBulkSource(row.kind, jobFilePath(this.options.folder, row.id), rowEnvironmentOf(org, row.format, JSON.parse(row.options) as JobOptions, this.ctx.now()));
  }

  /**
   * Validation problems of one issue request, each with the column it came from: the claims
   * (schema and rules), and for SD-JWT VC that the holder's key can be found (it is bound in `cnf`).
   */
  private async check(org: Organisation, request: IssueRequest, source: BulkSource): Promise<RowIssue[]> {
    try {
      const { credential } = prepareCredential(org, request.credential, this.ctx.now());
      if (request.options?.format === 'dc+sd-jwt' && request.options.holderJwk === undefined) {
        await resolveHolderJwk(this.ctx.resolver, (credential['credentialSubject'] as { id?: unknown }).id);
      }
      return [];
    } catch (err: unknown) {
      if (!(err instanceof PassportError)) throw err;
      return issuesOf(err, source);
    }
  }

  /** Phase 1: every row mapped and validated, errors stored; nothing issued. Answers the row after, or undefined when stopped. */
  private async validate(job: JobRow, org: Organisation): Promise<JobRow | undefined> {
    const db = this.ctx.db;
    // A restart validates again from the start (nothing was issued yet).
    await db.query('DELETE FROM sp_job_errors WHERE job_id = ?', [job.id]);
    const startedAt = this.ctx.now().toISOString();
    await updateJobRow(db, job.id, { validated: 0, error_count: 0, rate_done: 0, rate_since: startedAt, updated_at: startedAt });
    const source = await this.openSource(job, org);
    let total = 0;
    let errorCount = 0;
    let stored = 0;
    let pending: RowError[] = [];
    let lastSave = Date.now();
    let turnStart = performance.now();
    try {
      for await (const r of source.rows) {
        if (this.halted(job.id)) return undefined;
        total += 1;
        const issues = 'issues' in r ? r.issues : 'request' in r ? await this.check(org, r.request, source) : [];
        for (const issue of issues) {
          errorCount += 1;
          if (stored < this.options.maxStoredErrors) {
            pending.push({ row: r.row, ...issue });
            stored += 1;
          }
        }
        if (pending.length >= ERROR_FLUSH_ROWS) {
          await insertRowErrors(db, job.id, 'validate', pending);
          pending = [];
        }
        if (Date.now() - lastSave >= this.options.progressIntervalMs) {
          lastSave = Date.now();
          await updateJobRow(db, job.id, { validated: total, error_count: errorCount, updated_at: this.ctx.now().toISOString() });
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
    await insertRowErrors(db, job.id, 'validate', pending);
    const at = this.ctx.now().toISOString();
    if (errorCount > 0 || total === 0) {
      await this.finish(job, 'failed_validation', {
        total,
        validated: total,
        error_count: errorCount,
        updated_at: at,
        ...(total === 0
          ? { failure_code: 'ERR_BULK_FILE_INVALID', failure_message: 'the file has no rows' }
          : { failure_code: 'ERR_BULK_ROWS_INVALID', failure_message: `${errorCount} row error${errorCount === 1 ? '' : 's'}: nothing was issued (see the errors)` }),
      });
      return undefined;
    }
    await updateJobRow(db, job.id, { state: 'issuing', total, validated: total, committed_row: 0, done: 0, rate_done: 0, rate_since: at, updated_at: at });
    return loadJobRow(db, job.id);
  }

  /** Phase 2: rows issued many at a time from the last committed row; progress saved as it goes. */
  private async issue(job: JobRow, org: Organisation): Promise<void> {
    const db = this.ctx.db;
    const { concurrency, issueRow, maxStoredErrors, progressIntervalMs } = this.options;
    const resumeAfter = job.committed_row;
    // Errors of rows after the last committed one were (or will be) found again.
    await db.query("DELETE FROM sp_job_errors WHERE job_id = ? AND phase = 'issue' AND row_no > ?", [job.id, resumeAfter]);
    const storedRows = (await db.query('SELECT COUNT(*) AS n FROM sp_job_errors WHERE job_id = ?', [job.id])) as { n: number }[];
    let stored = storedRows[0]?.n ?? 0;
    const counts = { done: job.done, issued: job.issued, duplicate: job.duplicates, skipped: job.skipped, failed: job.failed_rows, committed: job.committed_row };
    const resumedAt = this.ctx.now().toISOString();
    await updateJobRow(db, job.id, { rate_done: job.done, rate_since: resumedAt, updated_at: resumedAt });

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
        counts[entry.outcome] += 1;
        counts.committed = entry.row;
        head += 1;
      }
      if (head > 4096) {
        window.splice(0, head);
        head = 0;
      }
    };
    const save = async (): Promise<void> => {
      const errors = pendingErrors;
      pendingErrors = [];
      await insertRowErrors(db, job.id, 'issue', errors);
      await updateJobRow(db, job.id, {
        done: counts.done,
        issued: counts.issued,
        duplicates: counts.duplicate,
        skipped: counts.skipped,
        failed_rows: counts.failed,
        committed_row: counts.committed,
        updated_at: this.ctx.now().toISOString(),
      });
    };
    const maybeSave = (): void => {
      if (saving || Date.now() - lastSave < progressIntervalMs) return;
      lastSave = Date.now();
      saving = save()
        .catch((err: unknown) => this.ctx.logger.warn({ err, jobId: job.id }, 'bulk job progress not saved'))
        .finally(() => (saving = undefined));
    };
    const recordError = (error: RowError): void => {
      if (stored < maxStoredErrors) {
        pendingErrors.push(error);
        stored += 1;
      }
    };
    const settle = (entry: (typeof window)[number], outcome: RowOutcome | 'aborted'): void => {
      entry.outcome = outcome;
      advance();
      maybeSave();
    };

    const source = await this.openSource(job, org);
    let finished = false;
    try {
      let turnStart = performance.now();
      for await (const r of source.rows) {
        if (r.row <= resumeAfter) continue;
        // Wait for a free slot with the gate open, both checked with no await before the row starts
        // (an exclusive transaction must never see a row start after it found none in flight). A
        // row that broke (aborted) holds the window still: stop waiting for it to move.
        for (;;) {
          if (this.halted(job.id) || abort !== undefined) break;
          if (this.gate) await this.gate;
          else if (inFlight >= concurrency || window.length - head >= concurrency * WINDOW_PER_SLOT) await new Promise<void>((resolve) => (wake = resolve));
          else break;
          // Woken inside another task (a commit answering its rows): this turn starts now.
          turnStart = performance.now();
        }
        if (this.halted(job.id) || abort !== undefined) break;
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
          // Called at once (a throw becomes a rejection), so the row is in flight before any await.
          (async () => issueRow(this.ctx, org, request, { keyId: job.created_by }, { requestKey: rowRequestKey(request), jobId: job.id }))()
            .then(
              (issued) => settle(entry, issued.outcome === 'inserted' ? 'issued' : 'duplicate'),
              (err: unknown) => {
                if (err instanceof PassportError) {
                  for (const issue of issuesOf(err, source)) recordError({ row: entry.row, ...issue });
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
      finished = !this.halted(job.id) && abort === undefined;
    } finally {
      while (inFlight > 0) await new Promise<void>((resolve) => (wake = resolve));
      await source.close();
      await saving;
      if (!this.ctx.db.closed) await save();
    }
    if (abort !== undefined) throw abort;
    if (!finished) return;

    // The exact count: rows issued before a restart but after the saved position came back as duplicates.
    const issuedRows = (await db.query('SELECT COUNT(*) AS n FROM sp_issued_credentials WHERE job_id = ?', [job.id])) as { n: number }[];
    const issued = issuedRows[0]?.n ?? 0;
    const done = counts.done;
    await this.finish(job, counts.failed > 0 ? 'failed' : 'completed', {
      done,
      issued,
      duplicates: Math.max(0, done - issued - counts.skipped - counts.failed),
      skipped: counts.skipped,
      failed_rows: counts.failed,
      committed_row: counts.committed,
      ...(counts.failed > 0 ? { failure_code: 'ERR_BULK_ROWS_INVALID', failure_message: `${counts.failed} row${counts.failed === 1 ? '' : 's'} could not be issued (see the errors)` } : {}),
    });
  }

  /** Ends a job: its final state and counts with a `job.complete` audit event and a `job.finished` webhook message, in one transaction; the upload is deleted. */
  private async finish(job: JobRow, state: JobState, changes: Partial<JobRow>): Promise<void> {
    const at = this.ctx.now();
    await this.exclusive(async (tx) => {
      await updateJobRow(tx, job.id, { ...changes, state, updated_at: at.toISOString(), completed_at: at.toISOString() });
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
    });
    // The upload holds personal data: it goes as soon as the job no longer needs it.
    await rm(jobFilePath(this.options.folder, job.id), { force: true });
  }
}

/** Row issues of an error from validating or issuing a row, each with the column it came from. */
function issuesOf(err: PassportError, source: BulkSource): RowIssue[] {
  if (err.issues.length > 0) return err.issues.map((i) => ({ column: source.columnOf(i.path) ?? i.path, code: i.code, message: i.message }));
  return [{ column: err.field === undefined ? null : (source.columnOf(err.field) ?? err.field), code: err.code, message: err.message }];
}

const runners = new WeakMap<IssuerContext, JobRunner>();

/** The job runner of an issuer context (one per context, created on first use). */
export function jobRunnerFor(ctx: IssuerContext): JobRunner {
  let runner = runners.get(ctx);
  if (!runner) {
    runner = new JobRunner(ctx, {});
    runners.set(ctx, runner);
  }
  return runner;
}

/**
 * Sets how bulk jobs run for an issuer context: the per-row issue function (for example one that
 * signs on worker threads), concurrency, progress interval, upload limit and data folder. Call it
 * before the first upload or {@link resumeJobs}; jobs already running keep their settings.
 *
 * @example
 * configureJobs(ctx, { concurrency: 256, issueRow: issueOnWorkers });
 */
export function configureJobs(ctx: IssuerContext, options: JobRunnerOptions): void {
  runners.set(ctx, new JobRunner(ctx, options));
}

export type { JobRunner };
