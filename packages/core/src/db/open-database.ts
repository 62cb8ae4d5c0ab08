import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Entities, migrations as veramoMigrations } from '@veramo/data-store';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import type { Database, Migration } from './database.js';
import { TypeormDatabase } from './lib/typeorm-database.js';
import { runMigrations } from './run-migrations.js';
import { statementsMigration } from './statements-migration.js';

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /**
   * A SQLite file, created with its folder when missing; `:memory:` for a throwaway store. Used
   * when `url` is not given.
   */
  file?: string;
  /** `postgres://user@host:port/database`: PostgreSQL instead of the SQLite file. */
  url?: string;
  /** Whose tables these are (`issuer`, `verifier`, `wallet`): the migrations' ledger is kept per scope (default `main`). */
  scope?: string;
  /** Our own tables, as versioned steps (see {@link runMigrations}). */
  migrations?: readonly Migration[];
  /** Shorthand for one migration of idempotent statements (see `statementsMigration`), for small stores and tests. */
  schema?: readonly string[];
  /**
   * Apply what is missing (Veramo's and ours) under the migration lock (default true). With false
   * the database must be current already (`staff-passport migrate` ran), or opening fails.
   */
  migrate?: boolean;
  /** PostgreSQL: the pool's size (default 10). */
  poolSize?: number;
  /** The secret sealing secrets at rest, for migrations that seal them again (see `MigrationContext`). */
  secretKey?: string;
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

// PostgreSQL's 64-bit integers (COUNT(*), BIGINT columns) and NUMERIC come back from `pg` as
// strings; ours all fit a double, so they are read as numbers on this pool's connections only.
const INT8 = 20;
const NUMERIC = 1700;
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
  },
};

function dataSourceOf(options: OpenDatabaseOptions): DataSource {
  const common = { entities: Entities, migrations: veramoMigrations, migrationsRun: false, synchronize: false, logging: false } as const;
  if (options.url !== undefined) {
    return new DataSource({ ...common, type: 'postgres', url: options.url, extra: { max: options.poolSize ?? 10, types: pgTypes } });
  }
  const file = options.file ?? ':memory:';
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return new DataSource({ ...common, type: 'sqlite', driver: quietSqlite3, database: file, enableWAL: file !== ':memory:' });
}

/**
 * The data source, connected. Processes opening a new SQLite file at the same moment race to
 * switch it to WAL, and TypeORM does that before any busy timeout is set, so a loser is refused at
 * once (`SQLITE_BUSY`, about 1 open in 16 with four at once): it tries again with a new data source.
 */
async function initializedDataSource(options: OpenDatabaseOptions): Promise<DataSource> {
  for (let attempt = 1; ; attempt++) {
    const dataSource = dataSourceOf(options);
    try {
      await dataSource.initialize();
      return dataSource;
    } catch (err: unknown) {
      const busy = (err as { code?: unknown }).code === 'SQLITE_BUSY';
      if (options.url !== undefined || !busy || attempt >= 10) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

/**
 * Opens a service's database: PostgreSQL when `url` is given, else its SQLite file. Veramo's
 * tables (keys, DIDs, credentials) and ours are brought up to date under the migration lock.
 * SQLite runs in WAL mode so readers never wait for the writer and a killed process loses nothing
 * it had committed (`synchronous` stays FULL: a commit is on disk when it returns), the log
 * checkpointed every 10,000 pages.
 *
 * @throws `Error` when `migrate` is false and the database is behind.
 * @example
 * const db = await openDatabase({ file: 'data/issuer.sqlite', scope: 'issuer', migrations: ISSUER_MIGRATIONS });
 * const pgDb = await openDatabase({ url: process.env.DATABASE_URL, scope: 'issuer', migrations: ISSUER_MIGRATIONS });
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const dataSource = await initializedDataSource(options);
  const db = new TypeormDatabase(
    dataSource,
    options.url !== undefined ? 'postgres' : 'sqlite',
    options.url === undefined && options.file !== undefined && options.file !== ':memory:' ? options.file : undefined,
  );
  try {
    if (db.engine === 'sqlite') {
      await db.query('PRAGMA busy_timeout = 5000');
      await db.query('PRAGMA foreign_keys = ON');
      // Checkpoint the log every 10,000 pages (40 MB) rather than SQLite's 1,000: a page written again
      // before the checkpoint (an index's hot pages, the ends of tables) is copied to the database once.
      // Issuing in bulk writes a page of each index with random keys per credential, so at 1,000 pages
      // nearly every commit checkpointed (docs/performance.md: 14 % more rows a second at 100,000 rows).
      if (options.file !== undefined && options.file !== ':memory:') await db.query('PRAGMA wal_autocheckpoint = 10000');
    }
    const migrations = [...(options.migrations ?? []), ...(options.schema ? [statementsMigration(1, 'schema', options.schema)] : [])];
    await runMigrations(db, {
      scope: options.scope ?? 'main',
      migrations,
      apply: options.migrate ?? true,
      ...(options.secretKey === undefined ? {} : { context: { secretKey: options.secretKey } }),
    });
  } catch (err: unknown) {
    await db.close();
    throw err;
  }
  return db;
}
