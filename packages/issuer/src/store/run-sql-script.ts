import type { DataSource } from 'typeorm';

/**
 * The one place we reach under TypeORM to the sqlite3 `Database` it drives (TypeORM types it as
 * `any`): its `exec` runs a whole script of statements in one call on SQLite's thread, holding
 * the connection for all of them.
 */
interface RawSqlite {
  exec(sql: string, callback: (err: Error | null) => void): unknown;
  get(sql: string, callback: (err: Error | null, row: unknown) => void): unknown;
}

function rawSqliteOf(db: DataSource): RawSqlite | undefined {
  const connection = (db.driver as unknown as { databaseConnection?: unknown }).databaseConnection;
  return typeof (connection as RawSqlite | undefined)?.exec === 'function' ? (connection as RawSqlite) : undefined;
}

function exec(raw: RawSqlite, sql: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    raw.exec(sql, (err) => (err ? reject(err) : resolve()));
  });
}

// The connection's own `synchronous` level, read once (a deferred-sync script puts it back after).
const syncLevels = new WeakMap<RawSqlite, Promise<number>>();

function syncLevelOf(raw: RawSqlite): Promise<number> {
  let level = syncLevels.get(raw);
  if (!level) {
    level = new Promise<number>((resolve, reject) => {
      raw.get('PRAGMA synchronous', (err, row) => (err ? reject(err) : resolve(Number((row as { synchronous?: unknown } | undefined)?.synchronous ?? 2))));
    });
    syncLevels.set(raw, level);
  }
  return level;
}

// One lock per database, taken by every TypeORM transaction and every script: a script's own
// BEGIN must never land inside a transaction TypeORM has open on the same connection, nor the other way.
const locks = new WeakMap<DataSource, { tail: Promise<unknown> }>();

function lockOf(db: DataSource): { tail: Promise<unknown> } {
  let lock = locks.get(db);
  if (!lock) {
    const created = { tail: Promise.resolve() as Promise<unknown> };
    lock = created;
    locks.set(db, created);
    const transaction = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
    const locked = (...args: unknown[]): Promise<unknown> => {
      const next = created.tail.then(() => transaction(...args));
      created.tail = next.catch(() => undefined);
      return next;
    };
    db.transaction = locked as DataSource['transaction'];
  }
  return lock;
}

/**
 * Makes `db` ready for {@link runSqlScript}: from now on its transactions and scripts take turns.
 * Call it before any transaction starts (the issue queue does, when the context opens); scripts
 * run on a database not prepared are refused.
 */
export function prepareSqlScripts(db: DataSource): void {
  lockOf(db);
}

// Errors after which no transaction of ours is open: a conflict OR ROLLBACK resolved (it ended the
// transaction; foreign keys are not conflicts and leave it open), or a BEGIN refused because a
// transaction that is not ours is open (rolling back would end that one).
const ENDED = /(?:UNIQUE|NOT NULL|CHECK|PRIMARY KEY) constraint failed|cannot start a transaction within a transaction/;

/** Options for {@link runSqlScript}. */
export interface RunSqlScriptOptions {
  /**
   * Commit without waiting for the disk (`PRAGMA synchronous = NORMAL` for this transaction only,
   * the connection's own level put back in the same call): in WAL mode the commit survives the
   * process dying, and becomes durable against power loss with the next commit made at the usual
   * level (a sync of the log covers every transaction before it). For writes nobody is answered
   * about until such a commit (rows of a bulk job: its progress is written at the usual level).
   */
  deferSync?: boolean;
}

/**
 * Runs statements as one transaction in a single call to SQLite (`BEGIN; ...; COMMIT`), taking
 * turns with TypeORM's transactions. Where a transaction through TypeORM costs a round trip to
 * SQLite's thread per statement, each waiting for the main thread to be free to send the next
 * (four for a batch of issues), a script costs one. Statements must be complete SQL with their
 * values inlined, and must meet constraints with `OR ROLLBACK` (as `insertRowsSql` writes them):
 * a conflict then ends the transaction inside the same call, before any other statement queued on
 * the connection can run inside it. Any other error is followed by a `ROLLBACK`. Either way
 * nothing of the script is kept and the error is thrown. Settles after the commit (durable as the
 * database's `synchronous` setting makes it, or see `deferSync`).
 *
 * @throws the SQLite error of the statement that failed (`code` `SQLITE_CONSTRAINT` for a constraint);
 *   `TypeError` when `db` is not a SQLite database prepared with {@link prepareSqlScripts}.
 * @example
 * await runSqlScript(db, [insertRowsSql('t', ['a'], [['x']])!, insertRowsSql('u', ['b'], [[1]])!]);
 */
export function runSqlScript(db: DataSource, statements: readonly string[], options: RunSqlScriptOptions = {}): Promise<void> {
  const raw = rawSqliteOf(db);
  const lock = locks.get(db);
  if (!raw || !lock) return Promise.reject(new TypeError('runSqlScript needs a SQLite DataSource prepared with prepareSqlScripts'));
  const run = async (): Promise<void> => {
    const level = options.deferSync ? await syncLevelOf(raw) : undefined;
    const body = `BEGIN;\n${statements.join(';\n')};\nCOMMIT;`;
    try {
      await exec(raw, level === undefined ? body : `PRAGMA synchronous = NORMAL;\n${body}\nPRAGMA synchronous = ${level};`);
    } catch (err: unknown) {
      // Anything else left ours open: undo it.
      if (!(err instanceof Error && ENDED.test(err.message))) await exec(raw, 'ROLLBACK').catch(() => undefined);
      if (level !== undefined) await exec(raw, `PRAGMA synchronous = ${level}`).catch(() => undefined);
      throw err;
    }
  };
  const next = lock.tail.then(run);
  lock.tail = next.catch(() => undefined);
  return next;
}
