import { sqlNowMsText, type Database, type SqlExecutor } from '@staff-passport/core';
import type { JobRow } from '../job.js';
import type { RowError } from './bulk-row.js';

/** The job row with an id, or undefined. */
export async function loadJobRow(db: SqlExecutor, jobId: string): Promise<JobRow | undefined> {
  const rows = (await db.query('SELECT * FROM sp_jobs WHERE id = ?', [jobId])) as JobRow[];
  return rows[0];
}

// Six values a row; SQLite allows 32,766 parameters a statement (999 before 3.32): 150 rows stay under both.
const ERRORS_PER_STATEMENT = 150;

/**
 * Writes row errors, many to a statement: one statement is atomic on its own, so no transaction is
 * needed (and none is opened beside the issue queue's).
 */
export async function insertRowErrors(db: Database, jobId: string, phase: 'validate' | 'issue', errors: readonly RowError[]): Promise<void> {
  for (let i = 0; i < errors.length; i += ERRORS_PER_STATEMENT) {
    const chunk = errors.slice(i, i + ERRORS_PER_STATEMENT);
    await db.query(
      `INSERT INTO sp_job_errors (job_id, phase, row_no, column_name, code, message) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
      chunk.flatMap((e) => [jobId, phase, e.row, e.column, e.code, e.message.slice(0, 500)]),
    );
  }
}

/** Changes some columns of a job row (names are ours, never a caller's). */
export async function updateJobRow(db: SqlExecutor, jobId: string, changes: Partial<Omit<JobRow, 'id'>>): Promise<void> {
  const names = Object.keys(changes);
  if (names.length === 0) return;
  await db.query(`UPDATE sp_jobs SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE id = ?`, [...names.map((n) => changes[n as keyof typeof changes] ?? null), jobId]);
}


/**
 * Takes the lease of a job still to run, if no live lease holds it (one conditional statement):
 * true when this instance may run it.
 */
export async function claimJobLease(db: Database, jobId: string, instanceId: string, leaseMs: number): Promise<boolean> {
  const now = sqlNowMsText(db.engine);
  const claimed = await db.run(
    `UPDATE sp_jobs SET leased_by = ?, lease_until = ${now} + ? WHERE id = ? AND state IN ('validating', 'issuing') AND (leased_by IS NULL OR leased_by = ? OR lease_until < ${now})`,
    [instanceId, leaseMs, jobId, instanceId],
  );
  return claimed > 0;
}

/** Renews a job's lease; false when another instance holds it now (this one must stop). */
export async function renewJobLease(db: Database, jobId: string, instanceId: string, leaseMs: number): Promise<boolean> {
  return (await db.run(`UPDATE sp_jobs SET lease_until = ${sqlNowMsText(db.engine)} + ? WHERE id = ? AND leased_by = ?`, [leaseMs, jobId, instanceId])) > 0;
}

/** Lets a job's lease go (the job ended, or this instance stops). */
export async function releaseJobLease(db: Database, jobId: string, instanceId: string): Promise<void> {
  await db.run('UPDATE sp_jobs SET leased_by = NULL, lease_until = NULL WHERE id = ? AND leased_by = ?', [jobId, instanceId]);
}
