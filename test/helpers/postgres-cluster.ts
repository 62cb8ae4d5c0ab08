/**
 * A throwaway PostgreSQL cluster for the store contract suites, the race tests and the
 * two-instance suite: `initdb` in a temporary folder, started on 127.0.0.1 at a free port (and a
 * socket in the same folder), without fsync, and removed at the end. Run as root, the server runs
 * as the `postgres` user (PostgreSQL refuses root), which then owns the folder. Each suite makes
 * its own databases in it (`createDatabase`), so suites on different jest workers never meet.
 *
 * Under jest, suites share one cluster for the whole run (`sharedPostgresCluster`): starting a
 * cluster per test file cost more than the tests on it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A running cluster. */
export interface PostgresCluster {
  /** A new, empty database; its `postgres://` URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

// initdb and pg_ctl: on PATH, else Debian's versioned folder (what `.ci/run` installs).
function binary(name: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const path = join(root, version, 'bin', name);
    if (existsSync(path)) return path;
  }
  throw new Error(`${name} not found: install PostgreSQL (Debian: apt-get install postgresql; .ci/run does)`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Options for {@link startPostgresCluster}. */
export interface PostgresClusterOptions {
  /**
   * Commits on disk when they return, as a deployment runs (for `pnpm bench`, held against SQLite
   * with `synchronous = FULL`); by default the tests' cluster runs without fsync.
   */
  durable?: boolean;
}

/**
 * Starts a cluster (about 1.5 s: initdb, then the server).
 *
 * @example
 * const cluster = await startPostgresCluster();
 * const url = await cluster.createDatabase();
 * afterAll(() => cluster.stop());
 */
export async function startPostgresCluster(options: PostgresClusterOptions = {}): Promise<PostgresCluster> {
  return clusterAt(await startServer(options));
}

async function startServer(options: PostgresClusterOptions): Promise<ClusterPlace> {
  const dir = mkdtempSync(join(tmpdir(), 'sp-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const port = await freePort();
  try {
    runAsServer(binary('initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-sync'], dir);
    const unsafe = options.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
    runAsServer(binary('pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', `-k ${dir} -c listen_addresses=127.0.0.1 -p ${port}${unsafe} -c max_connections=300`, 'start'], dir);
  } catch (err: unknown) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { dir, port };
}

/** Where a running cluster is: its folder (the data under `data/`) and port. */
interface ClusterPlace {
  dir: string;
  port: number;
}

function clusterAt(place: ClusterPlace): PostgresCluster {
  const { dir, port } = place;
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    async createDatabase() {
      const name = `sp_${randomBytes(6).toString('hex')}`;
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      stopClusterAt(dir);
    },
  };
}

// As the `postgres` user when run as root (PostgreSQL refuses root).
function asServer(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function runAsServer(command: string, args: string[], cwd: string): void {
  const [file, argv] = asServer(command, args);
  execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'pipe'], cwd });
}

function stopCommand(dir: string): [string, ...string[]] {
  const [file, argv] = asServer(binary('pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  return [file, ...argv];
}

function stopClusterAt(dir: string): void {
  try {
    const [file, ...argv] = stopCommand(dir);
    execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The environment variable naming the jest run's folder for its shared cluster (set by test/helpers/jest-global-setup.cjs). */
export const SHARED_CLUSTER_RUN = 'SP_TEST_PG_RUN';
const PLACE_FILE = 'cluster.json';
const FAILED_FILE = 'failed.txt';
const WAIT_MS = 180_000;

/**
 * The jest run's one cluster, shared by every test file on every worker: the first file to ask
 * starts it, the others wait for it, and the run's global teardown stops it
 * (`jest-global-teardown.cjs`). Its `stop()` leaves it running. Each suite still makes its own
 * databases. Outside a jest run (no {@link SHARED_CLUSTER_RUN}), a cluster of the caller's own.
 *
 * @example
 * const cluster = await sharedPostgresCluster();
 * const url = await cluster.createDatabase();
 */
export async function sharedPostgresCluster(): Promise<PostgresCluster> {
  const run = process.env[SHARED_CLUSTER_RUN];
  if (!run) return startPostgresCluster();
  const shared = (cluster: PostgresCluster): PostgresCluster => ({ createDatabase: () => cluster.createDatabase(), stop: async () => {} });
  let starter = true;
  try {
    mkdirSync(join(run, 'lock'));
  } catch {
    starter = false;
  }
  if (starter) {
    try {
      const place = await startServer({});
      // The global teardown (jest-global-teardown.cjs) stops the cluster with the command recorded here.
      writeFileSync(join(run, `${PLACE_FILE}.tmp`), JSON.stringify({ ...place, stop: stopCommand(place.dir) }));
      renameSync(join(run, `${PLACE_FILE}.tmp`), join(run, PLACE_FILE));
      return shared(clusterAt(place));
    } catch (err: unknown) {
      writeFileSync(join(run, FAILED_FILE), String(err));
      throw err;
    }
  }
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (existsSync(join(run, PLACE_FILE))) return shared(clusterAt(JSON.parse(readFileSync(join(run, PLACE_FILE), 'utf8')) as ClusterPlace));
    if (existsSync(join(run, FAILED_FILE))) throw new Error(`the shared PostgreSQL cluster did not start: ${readFileSync(join(run, FAILED_FILE), 'utf8')}`);
    if (Date.now() > deadline) throw new Error(`the shared PostgreSQL cluster did not start within ${WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function postgresUser(): { uid: number; gid: number } {
  const [uid, gid] = execFileSync('sh', ['-c', 'id -u postgres; id -g postgres'], { encoding: 'utf8' }).trim().split('\n').map(Number);
  if (uid === undefined || gid === undefined || Number.isNaN(uid) || Number.isNaN(gid)) throw new Error('no postgres user to run the server as');
  return { uid, gid };
}
