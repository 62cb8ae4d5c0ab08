import type { Database, Migration, MigrationContext, SqlExecutor } from './database.js';

/** Options for {@link runMigrations}. */
export interface RunMigrationsOptions {
  /** Whose migrations these are; the ledger `sp_migrations` keeps versions per scope. */
  scope: string;
  migrations: readonly Migration[];
  /** Apply what is missing (default true); with false only check that nothing is. */
  apply?: boolean;
  /** Handed to each step applied (the secret for steps that seal secrets again). */
  context?: MigrationContext;
}

// One advisory lock key for every scope (and Veramo's migrations): instances starting together
// migrate one after the other, and each finds the work done by the first.
const LOCK_KEY = 0x5350_4d47; // "SPMG"

const LEDGER = `CREATE TABLE IF NOT EXISTS sp_migrations (
  scope TEXT NOT NULL,
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  PRIMARY KEY (scope, version)
)`;

// A type alias, not an interface: Kysely wants a table map with an index signature.
type LedgerTables = {
  sp_migrations: { scope: string; version: number; name: string; applied_at: string };
};

async function appliedVersions(db: SqlExecutor, scope: string): Promise<Set<number>> {
  const rows = await db.kysely.withTables<LedgerTables>().selectFrom('sp_migrations').select('version').where('scope', '=', scope).execute();
  return new Set(rows.map((row) => Number(row.version)));
}

/**
 * Brings a database up to date: Veramo's migrations (through TypeORM), then each of `migrations`
 * not yet in the ledger, in version order, each in its own transaction with its ledger row. On
 * PostgreSQL all of it runs under a session advisory lock, so instances started together (or
 * `staff-passport migrate` beside them) never run a step twice; on SQLite ours run in one
 * transaction holding the file's write lock.
 *
 * @returns the versions applied now.
 * @throws `Error` when `apply` is false and a step is missing.
 * @example
 * await runMigrations(db, { scope: 'issuer', migrations: ISSUER_MIGRATIONS });
 */
export async function runMigrations(db: Database, options: RunMigrationsOptions): Promise<number[]> {
  const apply = options.apply ?? true;
  if (!apply) {
    if (await db.dataSource.showMigrations()) throw new Error('the database is behind: run `staff-passport migrate`');
    await db.query(LEDGER);
    const missing = await missingOf(db, options);
    if (missing.length > 0) throw new Error(`the database is behind (${options.scope} ${missing.map((m) => m.version).join(', ')}): run \`staff-passport migrate\``);
    return [];
  }
  if (db.engine === 'sqlite') {
    // Veramo's migrations manage their own transactions (some rebuild tables); a second process
    // opening a new file at the same moment can meet a table the first just made: try again.
    for (let attempt = 1; ; attempt++) {
      try {
        await db.dataSource.runMigrations({ transaction: 'each' });
        break;
      } catch (err: unknown) {
        if (attempt >= 5) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
    await db.query(LEDGER);
    // Ours in one transaction holding SQLite's write lock (BEGIN IMMEDIATE; another process waits).
    return db.transaction(() => applyMissing(db, options));
  }
  const lock = db.dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await db.dataSource.runMigrations({ transaction: 'each' });
    await db.query(LEDGER);
    return await applyMissing(db, options);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}

async function missingOf(db: SqlExecutor, options: RunMigrationsOptions): Promise<Migration[]> {
  const done = await appliedVersions(db, options.scope);
  return [...options.migrations].filter((m) => !done.has(m.version)).sort((a, b) => a.version - b.version);
}

async function applyMissing(db: Database, options: RunMigrationsOptions): Promise<number[]> {
  const applied: number[] = [];
  for (const migration of await missingOf(db, options)) {
    await db.transaction(async (tx) => {
      await tx.kysely
        .withTables<LedgerTables>()
        .insertInto('sp_migrations')
        .values({ scope: options.scope, version: migration.version, name: migration.name, applied_at: new Date().toISOString() })
        .execute();
      await migration.up(tx, options.context ?? {});
    });
    applied.push(migration.version);
  }
  return applied;
}
