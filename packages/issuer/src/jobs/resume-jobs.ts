import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sqlNowMsText } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import { jobRunnerFor } from './job-runner.js';

/**
 * Restarts the jobs an earlier process left unfinished (call once at start-up, after the context
 * is open), each once its lease has run out (a job another live instance runs is left to it), and
 * from then on looks every few seconds for jobs whose instance died: a job still validating validates again; a job issuing goes on from its last committed
 * row, and rows issued after that come back as duplicates through their request keys, so a job
 * killed at any point completes with no duplicates and no gaps. Uploads no job needs any more (an
 * upload cut off by the crash, a job already ended) are deleted.
 *
 * @example
 * const ctx = await createIssuerContext(options);
 * const resumed = await resumeJobs(ctx);
 * @returns the ids of the jobs restarted.
 */
export async function resumeJobs(ctx: IssuerContext): Promise<string[]> {
  const runner = jobRunnerFor(ctx);
  const rows = (await ctx.db.query("SELECT id FROM sp_jobs WHERE state IN ('validating', 'issuing') ORDER BY created_at, id")) as { id: string }[];
  const live = new Set(rows.map((r) => r.id));
  let files: string[] = [];
  try {
    files = await readdir(runner.options.folder);
  } catch {
    files = [];
  }
  for (const name of files) {
    const id = name.replace(/\.upload$/, '');
    if (!live.has(id) && !runner.isRunning(id) && !runner.uploads.has(id)) await rm(join(runner.options.folder, name), { force: true });
  }
  for (const { id } of rows) runner.start(id);
  // Jobs leased by an instance that died are taken over once their lease runs out.
  runner.watch(async () => (await ctx.db.query<{ id: string }>(`SELECT id FROM sp_jobs WHERE state IN ('validating', 'issuing') AND (leased_by IS NULL OR lease_until < ${sqlNowMsText(ctx.db.engine)})`)).map((r) => r.id));
  return rows.map((r) => r.id);
}

/**
 * Stops this process's jobs before the context closes (on SIGTERM, or at the end of a test): rows
 * in flight finish and are committed, progress is saved and the jobs stay `validating` or
 * `issuing`, so {@link resumeJobs} in the next process carries on.
 */
export async function stopJobs(ctx: IssuerContext): Promise<void> {
  await jobRunnerFor(ctx).stop();
}
