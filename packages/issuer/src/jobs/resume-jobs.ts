import type { IssuerContext } from '../issuer-context.js';
import { listUnfinishedJobIds } from '../store/job-store.js';
import { jobRunnerFor } from './job-runner.js';

/**
 * Takes part in the jobs left unfinished (call once at start-up, after the context is open), and
 * from then on looks every few seconds for work no live lease holds: a job still validating whose
 * instance died validates again; a job issuing has its free slices (and slices whose holder died,
 * once their lease runs out) claimed by whichever instance gets there first, each slice going on
 * from its last committed row. Rows issued after that come back as duplicates through their
 * request keys, so a job whose instance was killed at any point completes with no duplicates and
 * no gaps. Work a live instance holds is left to it.
 *
 * @example
 * const ctx = await createIssuerContext(options);
 * const resumed = await resumeJobs(ctx);
 * @returns the ids of the unfinished jobs found.
 */
export async function resumeJobs(ctx: IssuerContext): Promise<string[]> {
  const runner = jobRunnerFor(ctx);
  const ids = await listUnfinishedJobIds(ctx.db);
  for (const id of ids) runner.start(id);
  runner.watch();
  return ids;
}

/**
 * Stops this process's jobs before the context closes (on SIGTERM, or at the end of a test): rows
 * in flight finish and are committed, progress is saved and the leases let go, and the jobs stay
 * `validating` or `issuing`, so another instance (or {@link resumeJobs} in the next process) carries on.
 */
export async function stopJobs(ctx: IssuerContext): Promise<void> {
  await jobRunnerFor(ctx).stop();
}
