/**
 * The house pattern for store contract suites: one suite, every engine. `describeEngines` runs the
 * suite once on a fresh SQLite file and once on a fresh PostgreSQL database (in the jest run's
 * throwaway cluster, `sharedPostgresCluster`), handing each run a way to open databases on its engine.
 *
 * @example
 * describeEngines('the offer store', (engine) => {
 *   let db: Database;
 *   beforeAll(async () => { db = await engine.open({ scope: 'issuer', migrations: ISSUER_MIGRATIONS }); });
 *   afterAll(() => db.close());
 *   it('...', async () => { ... });
 * });
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from '@jest/globals';
import { openDatabase, type Database, type OpenDatabaseOptions, type SqlEngine } from '@staff-passport/core';
import { sharedPostgresCluster, type PostgresCluster } from './postgres-cluster.js';

/** What a suite gets for its engine. */
export interface EngineUnderTest {
  name: SqlEngine;
  /**
   * Where one database lives, for services that open their own (`createIssuerContext`): a SQLite
   * file, or a PostgreSQL URL. Each call gives a new one unless `shared` names one given before.
   */
  target(shared?: string): Promise<{ databaseFile: string; databaseUrl?: string }>;
  /** Opens a database on this engine (a new one, or the one `shared` named before: a second connection to it). */
  open(options: Omit<OpenDatabaseOptions, 'file' | 'url'>, shared?: string): Promise<Database>;
}

/** Runs `suite` on SQLite and on PostgreSQL. */
export function describeEngines(title: string, suite: (engine: EngineUnderTest) => void): void {
  describe.each(['sqlite', 'postgres'] as const)(`${title} (%s)`, (name) => {
    let dir: string;
    let cluster: PostgresCluster | undefined;
    const named = new Map<string, Promise<{ databaseFile: string; databaseUrl?: string }>>();
    let count = 0;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), `sp-${name}-`));
      if (name === 'postgres') cluster = await sharedPostgresCluster();
    });
    afterAll(async () => {
      await cluster?.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    const engine: EngineUnderTest = {
      name,
      target(shared) {
        const known = shared === undefined ? undefined : named.get(shared);
        if (known) return known;
        count += 1;
        const databaseFile = join(dir, `db-${count}.sqlite`);
        const made = cluster ? cluster.createDatabase().then((databaseUrl) => ({ databaseFile, databaseUrl })) : Promise.resolve({ databaseFile });
        if (shared !== undefined) named.set(shared, made);
        return made;
      },
      async open(options, shared) {
        const where = await engine.target(shared);
        return openDatabase({ ...options, file: where.databaseFile, ...(where.databaseUrl ? { url: where.databaseUrl } : {}) });
      },
    };
    suite(engine);
  });
}
