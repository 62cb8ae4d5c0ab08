/**
 * A throwaway PostgreSQL cluster for the store contract suites, the race tests and the
 * two-instance suite: `initdb` in a temporary folder, started on 127.0.0.1 at a free port (and a
 * socket in the same folder), without fsync, and removed at the end. Run as root, the server runs
 * as the `postgres` user (PostgreSQL refuses root), which then owns the folder. Each suite makes
 * its own databases in it (`createDatabase`), so suites on different jest workers never meet.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
  const initdb = binary('initdb');
  const pgCtl = binary('pg_ctl');
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'sp-pg-'));
  const data = join(dir, 'data');
  const asServer = (command: string, args: string[]): void => {
    const [file, argv] = root ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir });
  };
  if (root) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const port = await freePort();
  try {
    asServer(initdb, ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-sync']);
    const unsafe = options.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
    asServer(pgCtl, ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', `-k ${dir} -c listen_addresses=127.0.0.1 -p ${port}${unsafe} -c max_connections=200`, 'start']);
  } catch (err: unknown) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
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
      try {
        asServer(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function postgresUser(): { uid: number; gid: number } {
  const [uid, gid] = execFileSync('sh', ['-c', 'id -u postgres; id -g postgres'], { encoding: 'utf8' }).trim().split('\n').map(Number);
  if (uid === undefined || gid === undefined || Number.isNaN(uid) || Number.isNaN(gid)) throw new Error('no postgres user to run the server as');
  return { uid, gid };
}
