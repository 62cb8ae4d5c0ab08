import {
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { QueryRunner } from 'typeorm';
import type { SqlEngine } from '../database.js';

/** TypeORM's structured answer (`QueryRunner.query(sql, params, true)`). */
interface TypeormResult {
  records?: unknown[];
  affected?: number;
}

const WRITES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode']);

/**
 * Kysely's connection over one TypeORM query runner: the query is compiled by Kysely for the
 * engine and run through TypeORM's public `QueryRunner.query`, so Veramo's tables and ours share
 * TypeORM's connections (one SQLite connection, one PostgreSQL pool) without reaching under them.
 */
export class RunnerConnection implements DatabaseConnection {
  constructor(
    readonly runner: QueryRunner,
    private readonly engine: SqlEngine,
    readonly release: () => Promise<void>,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    let sql = compiled.sql;
    // TypeORM's SQLite runner counts changed rows only for statements starting `INSERT `, `UPDATE `
    // or `DELETE ` (it runs them with sqlite3's `run`), and returns rows only for the others (`all`).
    // Kysely writes keywords in lower case: a write without RETURNING is given its keyword in upper
    // case so its count comes back; one with RETURNING keeps it and returns its rows.
    const node = compiled.query as { kind: string; returning?: unknown };
    if (this.engine === 'sqlite' && WRITES.has(node.kind) && !node.returning) sql = sql.replace(/^(insert|update|delete) /, (keyword) => keyword.toUpperCase());
    const result = (await this.runner.query(sql, [...compiled.parameters], true)) as TypeormResult;
    return {
      rows: (result.records ?? []) as R[],
      ...(typeof result.affected === 'number' ? { numAffectedRows: BigInt(result.affected) } : {}),
    };
  }

  // eslint-disable-next-line require-yield -- the interface asks for a generator; none of ours streams through it (stores page by key instead)
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new TypeError('streaming is not offered: read in pages by key');
  }
}

class TypeormDriver implements Driver {
  constructor(private readonly lease: () => Promise<RunnerConnection>) {}
  async init(): Promise<void> {}
  acquireConnection(): Promise<DatabaseConnection> {
    return this.lease();
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as RunnerConnection).runner.startTransaction();
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as RunnerConnection).runner.commitTransaction();
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as RunnerConnection).runner.rollbackTransaction();
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await (connection as RunnerConnection).release();
  }
  async destroy(): Promise<void> {}
}

/**
 * A Kysely dialect compiling for `engine` (SQLite's or PostgreSQL's compiler) and executing on
 * connections leased by `lease`.
 */
export function typeormDialect(engine: SqlEngine, lease: () => Promise<RunnerConnection>): Dialect {
  const sqlite = engine === 'sqlite';
  return {
    createDriver: () => new TypeormDriver(lease),
    createQueryCompiler: () => (sqlite ? new SqliteQueryCompiler() : new PostgresQueryCompiler()),
    createAdapter: () => (sqlite ? new SqliteAdapter() : new PostgresAdapter()),
    createIntrospector: (db) => (sqlite ? new SqliteIntrospector(db) : new PostgresIntrospector(db)),
  };
}
