import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Entities, migrations } from '@veramo/data-store';
import sqlite3 from 'sqlite3';
import { DataSource, type EntityManager } from 'typeorm';

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** The SQLite file; created with its folder when missing. `:memory:` for a throwaway store. */
  file: string;
  /**
   * Our own tables: statements run in order, each idempotent (`CREATE TABLE IF NOT EXISTS`). An
   * `ALTER TABLE ... ADD COLUMN` is idempotent too: a column that exists already is left alone, so
   * a data folder from an older version gains new columns on open.
   */
  schema?: readonly string[];
}

/**
 * The sqlite3 module as TypeORM's `driver`, with `verbose()` answering the module itself.
 * TypeORM calls `sqlite3.verbose()`, which wraps every `Database` and `Statement` method of the
 * process (not just its own connection) to build a long stack trace per call: a `new Error()`
 * and a `util.inspect` of every bound parameter, each statement. Profiled on `issue-jose`
 * (bench/profile-path.ts) that was about a fifth of the main thread's busy time, more than the
 * Ed25519 signatures. Errors still carry SQLite's message and code; only the extra
 * "--> in Database#run(...)" frames are gone.
 */
const quietSqlite3 = { ...sqlite3, verbose: () => quietSqlite3 };

/**
 * SQLite through TypeORM is one connection: two `transaction()` calls at once would nest ("cannot
 * start a transaction within a transaction") and one would be lost. Queue them instead, so writes
 * that belong together (an issue batch, a revocation, a job's bookkeeping) each get the database to
 * themselves. Callers must not open a transaction inside another (none of ours does).
 */
function serialiseTransactions(dataSource: DataSource): void {
  const original = dataSource.transaction.bind(dataSource) as (run: (manager: EntityManager) => Promise<unknown>) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  const queued = (...args: unknown[]): Promise<unknown> => {
    const run = args.find((a): a is (manager: EntityManager) => Promise<unknown> => typeof a === 'function');
    if (!run) throw new TypeError('transaction needs a function');
    const next = tail.then(() => original(run));
    tail = next.catch(() => undefined);
    return next;
  };
  dataSource.transaction = queued as DataSource['transaction'];
}

/**
 * Opens a service's SQLite file: Veramo's tables (keys, DIDs, credentials) through its migrations,
 * then ours, in WAL mode so readers never wait for the writer and a killed process loses nothing
 * it had committed (`synchronous` stays FULL: a commit is on disk when it returns), the log
 * checkpointed every 10,000 pages.
 *
 * @example
 * const db = await openDatabase({ file: 'data/issuer.sqlite', schema: ISSUER_SCHEMA });
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DataSource> {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const dataSource = new DataSource({
    type: 'sqlite',
    driver: quietSqlite3,
    database: options.file,
    entities: Entities,
    migrations,
    migrationsRun: true,
    synchronize: false,
    logging: false,
    enableWAL: options.file !== ':memory:',
  });
  await dataSource.initialize();
  serialiseTransactions(dataSource);
  await dataSource.query('PRAGMA busy_timeout = 5000');
  await dataSource.query('PRAGMA foreign_keys = ON');
  // Checkpoint the log every 10,000 pages (40 MB) rather than SQLite's 1,000: a page written again
  // before the checkpoint (an index's hot pages, the ends of tables) is copied to the database once.
  // Issuing in bulk writes a page of each index with random keys per credential, so at 1,000 pages
  // nearly every commit checkpointed (docs/performance.md: 14 % more rows a second at 100,000 rows).
  if (options.file !== ':memory:') await dataSource.query('PRAGMA wal_autocheckpoint = 10000');
  for (const statement of options.schema ?? []) {
    try {
      await dataSource.query(statement);
    } catch (err: unknown) {
      const addsColumn = /^\s*ALTER TABLE \w+ ADD COLUMN/i.test(statement);
      if (!(addsColumn && err instanceof Error && /duplicate column name/i.test(err.message))) throw err;
    }
  }
  return dataSource;
}
