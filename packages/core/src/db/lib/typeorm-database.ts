import { AsyncLocalStorage } from 'node:async_hooks';
import { CompiledQuery, Kysely } from 'kysely';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Database, SqlEngine, SqlExecutor, TransactionOptions } from '../database.js';
import { RunnerConnection, typeormDialect } from './typeorm-dialect.js';

async function rawQuery<R>(kysely: Kysely<object>, sql: string, params: readonly unknown[]): Promise<R[]> {
  const result = await kysely.executeQuery<R>(CompiledQuery.raw(sql, [...params]));
  return result.rows;
}

async function rawRun(kysely: Kysely<object>, sql: string, params: readonly unknown[]): Promise<number> {
  const result = await kysely.executeQuery(CompiledQuery.raw(sql, [...params]));
  return Number(result.numAffectedRows ?? 0n);
}

/** Turns on one resource: `take` resolves with the function that passes the turn on. */
class Turns {
  private tail: Promise<void> = Promise.resolve();

  take(): Promise<() => void> {
    let pass!: () => void;
    const mine = new Promise<void>((resolve) => {
      pass = resolve;
    });
    const before = this.tail;
    this.tail = before.then(() => mine);
    return before.then(() => pass);
  }
}

/** The transaction the current async call chain runs in, while it is open. */
interface OpenTransaction {
  connection: RunnerConnection;
  open: boolean;
}

/**
 * {@link Database} over a TypeORM data source. On SQLite there is one connection: one query runner
 * serves every query and transaction, which take turns ({@link Turns}), so a transaction has the
 * connection to itself and a query outside it never lands inside it. On PostgreSQL each query or
 * transaction leases a runner (a pooled connection) of its own.
 */
export class TypeormDatabase implements Database {
  readonly kysely: Kysely<object>;
  private readonly turns = new Turns();
  private readonly current = new AsyncLocalStorage<OpenTransaction>();
  /** Transactions running with {@link TypeormDatabase.current} as their context. */
  private tracked = 0;
  private sqliteRunner: QueryRunner | undefined;
  closed = false;

  constructor(
    readonly dataSource: DataSource,
    readonly engine: SqlEngine,
    readonly file: string | undefined,
  ) {
    this.kysely = new Kysely<object>({ dialect: typeormDialect(engine, () => this.lease()) });
  }

  /** A connection for one query or one transaction: the open transaction's when inside one. */
  private async lease(): Promise<RunnerConnection> {
    const inside = this.current.getStore();
    if (inside?.open) return new RunnerConnection(inside.connection.runner, this.engine, async () => {});
    if (this.engine === 'postgres') {
      const runner = this.dataSource.createQueryRunner();
      return new RunnerConnection(runner, this.engine, () => runner.release());
    }
    const pass = await this.turns.take();
    this.sqliteRunner ??= this.dataSource.createQueryRunner();
    return new RunnerConnection(this.sqliteRunner, this.engine, async () => pass());
  }

  query<R = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return rawQuery<R>(this.kysely, sql, params);
  }

  run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return rawRun(this.kysely, sql, params);
  }

  async transaction<T>(run: (tx: SqlExecutor) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.current.getStore()?.open) return run(this);
    const connection = await this.lease();
    const state: OpenTransaction = { connection, open: true };
    const { runner } = connection;
    // SQLite: BEGIN IMMEDIATE takes the file's write lock at once, so two processes on one file
    // queue for it (busy_timeout) instead of one failing when it upgrades a read to a write.
    const sqlite = this.engine === 'sqlite';
    try {
      if (sqlite) await runner.query('BEGIN IMMEDIATE');
      else await runner.startTransaction();
      let result: T;
      try {
        result = await (options.throughTxOnly ? run(this.executorOn(connection)) : this.runTracked(state, () => run(this)));
      } catch (err: unknown) {
        state.open = false;
        await (sqlite ? runner.query('ROLLBACK') : runner.rollbackTransaction()).catch(() => undefined);
        throw err;
      }
      state.open = false;
      if (sqlite) await runner.query('COMMIT');
      else await runner.commitTransaction();
      return result;
    } finally {
      await connection.release();
    }
  }

  /**
   * Runs `run` with the transaction as its async context, so the database's own queries made
   * from it join the transaction. The context is tracked only while such a transaction runs: on
   * Node 20, AsyncLocalStorage hooks every promise of the process while it is enabled, which cost
   * the group commit's issues about 5 % of their time.
   */
  private async runTracked<T>(state: OpenTransaction, run: () => Promise<T>): Promise<T> {
    this.tracked += 1;
    try {
      return await this.current.run(state, run);
    } finally {
      this.tracked -= 1;
      if (this.tracked === 0) this.current.disable();
    }
  }

  /** An executor whose queries run on one connection: a transaction's, for callers that pass `tx` on. */
  private executorOn(connection: RunnerConnection): SqlExecutor {
    const kysely = new Kysely<object>({ dialect: typeormDialect(this.engine, async () => new RunnerConnection(connection.runner, this.engine, async () => {})) });
    return {
      engine: this.engine,
      kysely,
      query: (sql, params = []) => rawQuery(kysely, sql, params),
      run: (sql, params = []) => rawRun(kysely, sql, params),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.engine === 'sqlite') {
      const pass = await this.turns.take();
      pass();
    }
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
