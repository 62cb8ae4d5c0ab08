import type { Kysely } from 'kysely';
import type { DataSource } from 'typeorm';

/** The engines a {@link Database} runs on. */
export type SqlEngine = 'sqlite' | 'postgres';

/**
 * Something queries run on: a whole database, or one transaction of it. Stores take one, so the
 * same store method runs alone or inside a caller's transaction.
 */
export interface SqlExecutor {
  readonly engine: SqlEngine;
  /**
   * The query builder: it compiles one query for the engine (`?` placeholders on SQLite, `$1` on
   * PostgreSQL) and runs it on this executor's connection.
   */
  readonly kysely: Kysely<object>;
  /**
   * Raw SQL in the engine's own words, placeholders included (`?` on SQLite, `$1`, `$2`... on
   * PostgreSQL): passed through as written. For statements without values (PRAGMAs, DDL,
   * savepoints) and engine-specific code; a statement that runs on both engines is written with
   * {@link SqlExecutor.kysely} (its builder, or its `sql` template), which numbers the placeholders.
   */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Raw SQL as {@link SqlExecutor.query} takes it (an `INSERT`, `UPDATE` or `DELETE`, keyword in capitals), answering how many rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

/**
 * A service's database: SQLite (one file, one connection whose transactions take turns) or
 * PostgreSQL (a pool), with Veramo's tables beside ours.
 */
export interface Database extends SqlExecutor {
  /** TypeORM's data source, for Veramo's data store only; our tables are reached through the stores. */
  readonly dataSource: DataSource;
  /** The SQLite file (undefined on PostgreSQL and for an in-memory database). */
  readonly file: string | undefined;
  /** True once {@link Database.close} has begun. */
  readonly closed: boolean;
  /**
   * Runs `run` in one transaction: committed when it resolves, rolled back when it throws. Every
   * query of this database made from `run`'s calls (through `tx` or through the database itself)
   * runs in that transaction; a `transaction` inside `run` joins it. On SQLite transactions take
   * turns (one connection); on PostgreSQL each has its own connection from the pool.
   */
  transaction<T>(run: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Waits for running transactions, then closes the connections. */
  close(): Promise<void>;
}

/** How a {@link Database.transaction} runs. */
export interface TransactionOptions {
  /**
   * Only queries made through `tx` run in the transaction (default false: the database's own,
   * made from `run`'s calls, join it too). For hot paths that pass `tx` to every store they call
   * (the issuer's group commit): no async context is tracked for them, which on Node 20 costs
   * every promise of the process while a transaction runs. A query made through the database
   * itself from `run` does not join the transaction: on SQLite it waits for it to end, for ever.
   */
  throughTxOnly?: boolean;
}

/** What a migration may need besides the database. */
export interface MigrationContext {
  /**
   * The secret that seals secrets at rest (64 hex characters), for a step that seals them again;
   * absent when the opener has none (such a step then fails if it has anything to convert).
   */
  secretKey?: string;
}

/** One versioned step of a service's schema. */
export interface Migration {
  /** 1, 2, 3...: applied in order, each once. */
  version: number;
  name: string;
  /** Applies the step in the migration's transaction. */
  up(tx: SqlExecutor, context: MigrationContext): Promise<void>;
}
