/**
 * The PostgreSQL rows of `pnpm bench` (issue 17): `issue-jose`, `verify-jose`, revoking 10,000
 * credentials in one request and a bulk job, against a throwaway local cluster that commits to
 * disk (fsync on, as a deployment; SQLite runs with `synchronous = FULL`), once with one issuer
 * instance on the database (`pg ...`) and once with two (`pg2 ...`: two issuer contexts with their
 * own connections, leases and caches, the issues going round them; the bulk job runs on one
 * instance, under its lease, while the other runs beside it).
 */
import { startPostgresCluster, type PostgresCluster } from '../../test/helpers/postgres-cluster.js';
import { createBenchWorld } from '../lib/bench-world.js';
import { compare, type PathResult } from '../measure.js';
import { benchBulk } from './bulk-paths.js';
import { measureIssueAndVerify } from './jose-paths.js';
import { benchRevokeMany } from './status-paths.js';

/** How long and how much: the settings of the run (`--quick` or full). */
export interface PostgresBenchSettings {
  durationMs: number;
  revokeCount: number;
  revokeIterations: number;
  bulkRows: number;
}

/**
 * Runs the paths on PostgreSQL with one and with two issuer instances. Without PostgreSQL's
 * binaries (`initdb`) it says so and measures nothing.
 */
export async function benchPostgres(settings: PostgresBenchSettings, note: (line: string) => void): Promise<PathResult[]> {
  let cluster: PostgresCluster;
  try {
    cluster = await startPostgresCluster({ durable: true });
  } catch (err: unknown) {
    if (err instanceof Error && /not found/.test(err.message)) {
      note(`postgresql: not measured (${err.message})`);
      return [];
    }
    throw err;
  }
  const results: PathResult[] = [];
  try {
    for (const instances of [1, 2]) {
      const prefix = instances === 1 ? 'pg' : `pg${instances}`;
      const world = await createBenchWorld({ postgres: { issuerUrl: await cluster.createDatabase(), verifierUrl: await cluster.createDatabase() }, issuerInstances: instances });
      let issue: PathResult;
      try {
        const measured = await measureIssueAndVerify(world, settings.durationMs, { issue: `${prefix} issue-jose`, verify: `${prefix} verify-jose` });
        issue = measured.issue;
        results.push(measured.issue, measured.verify);
        results.push(await benchRevokeMany(world, settings.revokeCount, settings.revokeIterations, `${prefix} status-1m-revoke-10k`));
      } finally {
        await world.close();
      }
      const bulk = await benchBulk(settings.bulkRows, { databaseUrl: await cluster.createDatabase(), instances, path: `${prefix} bulk-1m` });
      compare(bulk, issue);
      results.push(bulk);
    }
  } finally {
    await cluster.stop();
  }
  return results;
}
