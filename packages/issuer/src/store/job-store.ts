import { sqlNowMs, type Database, type SqlExecutor } from '@staff-passport/core';
import { sql, type Kysely } from 'kysely';
import type { JobRow } from '../jobs/job.js';
import type { RowError } from '../jobs/lib/bulk-row.js';

// Type aliases, not interfaces: Kysely's table map wants an index signature.

/** sp_jobs with its lease (migration 3). */
export type JobsTable = JobRow & { leased_by: string | null; lease_until: number | null };

/** sp_job_errors: the first row errors of a job. */
export type JobErrorsTable = {
  id?: number;
  job_id: string;
  phase: 'validate' | 'issue';
  row_no: number;
  column_name: string | null;
  code: string;
  message: string;
};

/**
 * sp_job_slices: a job's rows cut into ranges (by row number, inclusive), each issued by whichever
 * instance holds its lease, with its own progress; the job's counts are the sums of its slices'.
 */
export type JobSlicesTable = {
  job_id: string;
  slice_no: number;
  first_row: number;
  last_row: number;
  state: 'open' | 'done';
  /** The last row counted: every row of the slice up to it is finished. */
  committed_row: number;
  done: number;
  issued: number;
  duplicates: number;
  skipped: number;
  failed_rows: number;
  /** The instance holding (or, once done, that finished) the slice. */
  leased_by: string | null;
  /** The holder's lease token: progress is written only under it (fencing). */
  lease_token: string | null;
  lease_until: number | null;
};

type JobTables = { sp_jobs: JobsTable; sp_job_errors: JobErrorsTable; sp_job_slices: JobSlicesTable };

function jobSql(db: SqlExecutor): Kysely<JobTables> {
  return db.kysely.withTables<JobTables>();
}

const NUMBERS = ['file_bytes', 'validated', 'done', 'issued', 'duplicates', 'skipped', 'failed_rows', 'error_count', 'committed_row', 'rate_done'] as const;

// PostgreSQL answers BIGINT columns as numbers already (core's type parser); SQLite too. The
// conversion keeps a driver's string or bigint from reaching the API.
function jobOf(row: JobsTable): JobRow {
  const out = { ...row } as JobRow & Partial<Pick<JobsTable, 'leased_by' | 'lease_until'>>;
  for (const name of NUMBERS) out[name] = Number(row[name]);
  out.total = row.total === null ? null : Number(row.total);
  delete out.leased_by;
  delete out.lease_until;
  return out;
}

/** A new job row (state `validating`, no progress yet). */
export type NewJob = Pick<JobRow, 'id' | 'org_id' | 'kind' | 'format' | 'options' | 'file_sha256' | 'file_bytes' | 'created_by' | 'created_at'>;

/** Records a new job, in the caller's transaction (with its audit event). */
export async function insertJob(tx: SqlExecutor, job: NewJob): Promise<void> {
  await jobSql(tx)
    .insertInto('sp_jobs')
    .values({
      ...job,
      state: 'validating',
      total: null,
      validated: 0,
      done: 0,
      issued: 0,
      duplicates: 0,
      skipped: 0,
      failed_rows: 0,
      error_count: 0,
      committed_row: 0,
      rate_done: 0,
      rate_since: job.created_at,
      failure_code: null,
      failure_message: null,
      updated_at: job.created_at,
      completed_at: null,
      leased_by: null,
      lease_until: null,
    })
    .execute();
}

/** The job row with an id, or undefined. */
export async function loadJobRow(db: SqlExecutor, jobId: string): Promise<JobRow | undefined> {
  const [row] = await jobSql(db).selectFrom('sp_jobs').selectAll().where('id', '=', jobId).execute();
  return row ? jobOf(row) : undefined;
}

/** The organisation a job belongs to, or undefined when there is no such job. */
export async function findJobOrgId(db: SqlExecutor, jobId: string): Promise<string | undefined> {
  const [row] = await jobSql(db).selectFrom('sp_jobs').select('org_id').where('id', '=', jobId).execute();
  return row?.org_id;
}

/** An organisation's jobs, newest first. */
export async function listJobRows(db: SqlExecutor, orgId: string, limit: number): Promise<JobRow[]> {
  const rows = await jobSql(db).selectFrom('sp_jobs').selectAll().where('org_id', '=', orgId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(jobOf);
}

/** The ids of jobs not ended (validating or issuing), oldest first. */
export async function listUnfinishedJobIds(db: SqlExecutor): Promise<string[]> {
  const rows = await jobSql(db).selectFrom('sp_jobs').select('id').where('state', 'in', ['validating', 'issuing']).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/**
 * Jobs with work no live lease holds (database clock): validating with its lease free or run out,
 * or issuing with a slice free or run out (or none left open: the job is still to be ended).
 */
export async function listJobIdsToRun(db: SqlExecutor): Promise<string[]> {
  const nowMs = sqlNowMs(db.engine);
  const rows = await jobSql(db)
    .selectFrom('sp_jobs as j')
    .select('j.id')
    .where((eb) =>
      eb.or([
        eb.and([eb('j.state', '=', 'validating'), eb.or([eb('j.leased_by', 'is', null), eb('j.lease_until', '<', nowMs)])]),
        eb.and([
          eb('j.state', '=', 'issuing'),
          eb.or([
            eb.exists(
              eb
                .selectFrom('sp_job_slices as s')
                .select('s.slice_no')
                .whereRef('s.job_id', '=', 'j.id')
                .where('s.state', '=', 'open')
                .where((e) => e.or([e('s.leased_by', 'is', null), e('s.lease_until', '<', nowMs)])),
            ),
            eb.not(eb.exists(eb.selectFrom('sp_job_slices as s').select('s.slice_no').whereRef('s.job_id', '=', 'j.id').where('s.state', '=', 'open'))),
          ]),
        ]),
      ]),
    )
    .orderBy('j.created_at')
    .execute();
  return rows.map((r) => r.id);
}

/** Writes to a job row: its progress, or its end. */
export type JobChanges = Partial<Omit<JobRow, 'id' | 'org_id' | 'kind' | 'format' | 'options' | 'file_sha256' | 'file_bytes' | 'created_by' | 'created_at'>>;

/**
 * Changes a job row. With `leasedBy`, only while that instance holds the job's lease (fenced); with
 * `state`, only while the job is in one of those states (so one instance ends a job, once).
 *
 * @returns whether the row changed.
 */
export async function updateJobRow(db: SqlExecutor, jobId: string, changes: JobChanges, only: { leasedBy?: string; state?: readonly JobRow['state'][] } = {}): Promise<boolean> {
  if (Object.keys(changes).length === 0) return true;
  const result = await jobSql(db)
    .updateTable('sp_jobs')
    .set(changes)
    .where('id', '=', jobId)
    .$if(only.leasedBy !== undefined, (qb) => qb.where('leased_by', '=', only.leasedBy!))
    .$if(only.state !== undefined, (qb) => qb.where('state', 'in', only.state!))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Takes the lease of a job still to validate or issue, if no live lease holds it (one conditional
 * statement, database clock): true when this instance may run it.
 */
export async function claimJobLease(db: SqlExecutor, jobId: string, instanceId: string, leaseMs: number): Promise<boolean> {
  const nowMs = sqlNowMs(db.engine);
  const result = await jobSql(db)
    .updateTable('sp_jobs')
    .set({ leased_by: instanceId, lease_until: sql<number>`${nowMs} + ${leaseMs}` })
    .where('id', '=', jobId)
    .where('state', 'in', ['validating', 'issuing'])
    .where((eb) => eb.or([eb('leased_by', 'is', null), eb('leased_by', '=', instanceId), eb('lease_until', '<', nowMs)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Renews a job's lease; false when another instance holds it now (this one must stop). */
export async function renewJobLease(db: SqlExecutor, jobId: string, instanceId: string, leaseMs: number): Promise<boolean> {
  const result = await jobSql(db)
    .updateTable('sp_jobs')
    .set({ lease_until: sql<number>`${sqlNowMs(db.engine)} + ${leaseMs}` })
    .where('id', '=', jobId)
    .where('leased_by', '=', instanceId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Lets a job's lease go (validation ended, or this instance stops). */
export async function releaseJobLease(db: SqlExecutor, jobId: string, instanceId: string): Promise<void> {
  await jobSql(db).updateTable('sp_jobs').set({ leased_by: null, lease_until: null }).where('id', '=', jobId).where('leased_by', '=', instanceId).execute();
}

// Six values a row: 150 rows a statement stay under SQLite's oldest limit on parameters (999).
const ERRORS_PER_STATEMENT = 150;

/** Writes row errors, many to a statement (messages cut at 500 characters). */
export async function insertRowErrors(db: SqlExecutor, jobId: string, phase: 'validate' | 'issue', errors: readonly RowError[]): Promise<void> {
  for (let i = 0; i < errors.length; i += ERRORS_PER_STATEMENT) {
    const chunk = errors.slice(i, i + ERRORS_PER_STATEMENT);
    await jobSql(db)
      .insertInto('sp_job_errors')
      .values(chunk.map((e) => ({ job_id: jobId, phase, row_no: e.row, column_name: e.column, code: e.code, message: e.message.slice(0, 500) })))
      .execute();
  }
}

/** Deletes a job's row errors: all of them, or those of the issue phase in a range of rows (inclusive). */
export async function deleteRowErrors(db: SqlExecutor, jobId: string, issueRows?: { from: number; to: number }): Promise<void> {
  await jobSql(db)
    .deleteFrom('sp_job_errors')
    .where('job_id', '=', jobId)
    .$if(issueRows !== undefined, (qb) => qb.where('phase', '=', 'issue').where('row_no', '>=', issueRows!.from).where('row_no', '<=', issueRows!.to))
    .execute();
}

/** How many row errors a job keeps. */
export async function countRowErrors(db: SqlExecutor, jobId: string): Promise<number> {
  const [row] = await jobSql(db)
    .selectFrom('sp_job_errors')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('job_id', '=', jobId)
    .execute();
  return Number(row?.n ?? 0);
}

/** A job's row errors kept, by row. */
export async function listRowErrors(db: SqlExecutor, jobId: string): Promise<RowError[]> {
  const rows = await jobSql(db).selectFrom('sp_job_errors').select(['row_no', 'column_name', 'code', 'message']).where('job_id', '=', jobId).orderBy('row_no').orderBy('id').execute();
  return rows.map((r) => ({ row: Number(r.row_no), column: r.column_name, code: r.code, message: r.message }));
}

/** Credentials a job issued (exact, whoever issued them). */
export async function countJobCredentials(db: SqlExecutor, jobId: string): Promise<number> {
  const [row] = await db.kysely
    .withTables<{ sp_issued_credentials: { job_id: string | null } }>()
    .selectFrom('sp_issued_credentials')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('job_id', '=', jobId)
    .execute();
  return Number(row?.n ?? 0);
}

/** A range of a job's rows (by row number, inclusive), and its counts at the start. */
export interface SliceRange {
  first: number;
  last: number;
}

// Six values a slice, well under both engines' limits on parameters.
const SLICES_PER_STATEMENT = 500;

/** Cuts a job's rows into slices, numbered from 0 (none if the job has some already). */
export async function insertSlices(tx: SqlExecutor, jobId: string, ranges: readonly SliceRange[], start: Partial<Pick<JobSlicesTable, 'done' | 'issued' | 'duplicates' | 'skipped' | 'failed_rows'>> = {}): Promise<void> {
  for (let i = 0; i < ranges.length; i += SLICES_PER_STATEMENT) {
    await jobSql(tx)
      .insertInto('sp_job_slices')
      .values(
        ranges.slice(i, i + SLICES_PER_STATEMENT).map((r, j) => ({
          job_id: jobId,
          slice_no: i + j,
          first_row: r.first,
          last_row: r.last,
          state: 'open' as const,
          committed_row: r.first - 1,
          done: 0,
          issued: 0,
          duplicates: 0,
          skipped: 0,
          failed_rows: 0,
          ...(i + j === 0 ? start : {}),
        })),
      )
      .onConflict((oc) => oc.columns(['job_id', 'slice_no']).doNothing())
      .execute();
  }
}

/** How many slices a job has, and how many are still open. */
export async function countSlices(db: SqlExecutor, jobId: string): Promise<{ all: number; open: number }> {
  const [row] = await jobSql(db)
    .selectFrom('sp_job_slices')
    .select((eb) => [eb.fn.countAll<number>().as('all'), eb.fn.sum<number>(eb.case().when('state', '=', 'open').then(1).else(0).end()).as('open')])
    .where('job_id', '=', jobId)
    .execute();
  return { all: Number(row?.all ?? 0), open: Number(row?.open ?? 0) };
}

/** A slice held under a lease. */
export interface HeldSlice {
  jobId: string;
  sliceNo: number;
  first: number;
  last: number;
  /** Every row up to this one is counted. */
  committedRow: number;
  counts: { done: number; issued: number; duplicates: number; skipped: number; failed: number };
  /** Progress is written only under this token. */
  token: string;
}

/**
 * Claims the first open slice of a job that no live lease holds (database clock), for `leaseMs`:
 * on PostgreSQL the candidate is locked with `FOR UPDATE SKIP LOCKED`, so instances claiming at
 * once each get a different slice without waiting; on SQLite the one writer makes the conditional
 * `UPDATE` the claim. Undefined when every open slice is held.
 */
export async function claimSlice(db: SqlExecutor, jobId: string, instanceId: string, token: string, leaseMs: number): Promise<HeldSlice | undefined> {
  const q = jobSql(db);
  const nowMs = sqlNowMs(db.engine);
  const free = q
    .selectFrom('sp_job_slices')
    .select('slice_no')
    .where('job_id', '=', jobId)
    .where('state', '=', 'open')
    .where((eb) => eb.or([eb('leased_by', 'is', null), eb('lease_until', '<', nowMs)]))
    .orderBy('slice_no')
    .limit(1)
    .$if(db.engine === 'postgres', (qb) => qb.forUpdate().skipLocked());
  const [row] = await q
    .updateTable('sp_job_slices')
    .set({ leased_by: instanceId, lease_token: token, lease_until: sql<number>`${nowMs} + ${leaseMs}` })
    .where('job_id', '=', jobId)
    .where('slice_no', '=', free)
    .where('state', '=', 'open')
    .where((eb) => eb.or([eb('leased_by', 'is', null), eb('lease_until', '<', nowMs)]))
    .returningAll()
    .execute();
  if (!row) return undefined;
  return {
    jobId,
    sliceNo: Number(row.slice_no),
    first: Number(row.first_row),
    last: Number(row.last_row),
    committedRow: Number(row.committed_row),
    counts: { done: Number(row.done), issued: Number(row.issued), duplicates: Number(row.duplicates), skipped: Number(row.skipped), failed: Number(row.failed_rows) },
    token,
  };
}

/** Renews a slice's lease under its token; false when it was taken (this holder must stop). */
export async function renewSlice(db: SqlExecutor, slice: Pick<HeldSlice, 'jobId' | 'sliceNo' | 'token'>, leaseMs: number): Promise<boolean> {
  const result = await jobSql(db)
    .updateTable('sp_job_slices')
    .set({ lease_until: sql<number>`${sqlNowMs(db.engine)} + ${leaseMs}` })
    .where('job_id', '=', slice.jobId)
    .where('slice_no', '=', slice.sliceNo)
    .where('lease_token', '=', slice.token)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Lets a slice's lease go (this instance stops): another instance takes it at once. */
export async function releaseSlice(db: SqlExecutor, slice: Pick<HeldSlice, 'jobId' | 'sliceNo' | 'token'>): Promise<void> {
  await jobSql(db)
    .updateTable('sp_job_slices')
    .set({ leased_by: null, lease_token: null, lease_until: null })
    .where('job_id', '=', slice.jobId)
    .where('slice_no', '=', slice.sliceNo)
    .where('lease_token', '=', slice.token)
    .where('state', '=', 'open')
    .execute();
}

/** Progress of a held slice to save. */
export interface SliceProgress {
  committedRow: number;
  counts: HeldSlice['counts'];
  /** Row errors found since the last save. */
  errors: readonly RowError[];
  /** Every row of the slice is counted: it is done. */
  done: boolean;
  at: string;
}

class LeaseLost extends Error {}

/**
 * Saves a slice's progress and its new row errors under its lease token (fenced: a holder whose
 * lease was taken writes nothing), renews the lease, and brings the job's counts to the sums of its
 * slices', all in one transaction.
 *
 * @returns false when the lease was taken (nothing written).
 */
export async function saveSliceProgress(db: Database, slice: Pick<HeldSlice, 'jobId' | 'sliceNo' | 'token'>, progress: SliceProgress, leaseMs: number): Promise<boolean> {
  try {
    await db.transaction(async (tx) => {
      const q = jobSql(tx);
      const { counts } = progress;
      const saved = await q
        .updateTable('sp_job_slices')
        .set({
          committed_row: progress.committedRow,
          done: counts.done,
          issued: counts.issued,
          duplicates: counts.duplicates,
          skipped: counts.skipped,
          failed_rows: counts.failed,
          lease_until: sql<number>`${sqlNowMs(tx.engine)} + ${leaseMs}`,
          ...(progress.done ? { state: 'done' as const, lease_token: null, lease_until: null } : {}),
        })
        .where('job_id', '=', slice.jobId)
        .where('slice_no', '=', slice.sliceNo)
        .where('lease_token', '=', slice.token)
        .where('state', '=', 'open')
        .executeTakeFirst();
      if (saved.numUpdatedRows === 0n) throw new LeaseLost();
      await insertRowErrors(tx, slice.jobId, 'issue', progress.errors);
      const sum = (column: 'done' | 'issued' | 'duplicates' | 'skipped' | 'failed_rows') =>
        q
          .selectFrom('sp_job_slices')
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>(column), sql<number>`0`).as('n'))
          .where('job_id', '=', slice.jobId);
      await q
        .updateTable('sp_jobs')
        .set({ done: sum('done'), issued: sum('issued'), duplicates: sum('duplicates'), skipped: sum('skipped'), failed_rows: sum('failed_rows'), updated_at: progress.at })
        .where('id', '=', slice.jobId)
        .where('state', '=', 'issuing')
        .execute();
    });
    return true;
  } catch (err: unknown) {
    if (err instanceof LeaseLost) return false;
    throw err;
  }
}

/** The sums of a job's slices' counts, and the last row of its last slice. */
export async function sumSlices(db: SqlExecutor, jobId: string): Promise<HeldSlice['counts'] & { lastRow: number }> {
  const [row] = await jobSql(db)
    .selectFrom('sp_job_slices')
    .select((eb) => [
      eb.fn.sum<number>('done').as('done'),
      eb.fn.sum<number>('issued').as('issued'),
      eb.fn.sum<number>('duplicates').as('duplicates'),
      eb.fn.sum<number>('skipped').as('skipped'),
      eb.fn.sum<number>('failed_rows').as('failed'),
      eb.fn.max<number>('committed_row').as('lastRow'),
    ])
    .where('job_id', '=', jobId)
    .execute();
  return {
    done: Number(row?.done ?? 0),
    issued: Number(row?.issued ?? 0),
    duplicates: Number(row?.duplicates ?? 0),
    skipped: Number(row?.skipped ?? 0),
    failed: Number(row?.failed ?? 0),
    lastRow: Number(row?.lastRow ?? 0),
  };
}

/** The instances that finished a job's slices (for operators, and the two-instance suite). */
export async function listSliceHolders(db: SqlExecutor, jobId: string): Promise<string[]> {
  const rows = await jobSql(db).selectFrom('sp_job_slices').select('leased_by').distinct().where('job_id', '=', jobId).where('leased_by', 'is not', null).execute();
  return rows.map((r) => r.leased_by!);
}
