/**
 * The database layer every store stands on, on SQLite and on PostgreSQL: one query compiled for
 * each engine, transactions that commit or roll back whole (and take turns on SQLite's one
 * connection instead of nesting), queries made inside a transaction joining it (or, for a
 * transaction run `throughTxOnly`, only those made through its `tx`), counts as numbers, and
 * versioned migrations applied once even when two instances open the database together.
 */
import { expect, it } from '@jest/globals';
import { sql } from 'kysely';
import type { Database, Migration } from '../../src/index.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';

// A type alias: Kysely's table map wants an index signature.
type Tables = {
  t_items: { id: string; n: number; note: string | null };
};

const created: string[] = [];
const migrations: Migration[] = [
  {
    version: 1,
    name: 'items',
    async up(tx) {
      created.push(tx.engine);
      await tx.query('CREATE TABLE t_items (id TEXT PRIMARY KEY, n INTEGER NOT NULL, note TEXT)');
    },
  },
  {
    version: 2,
    name: 'index on n',
    async up(tx) {
      await tx.query('CREATE INDEX t_items_n ON t_items (n)');
    },
  },
];

const items = (db: { kysely: Database['kysely'] }) => db.kysely.withTables<Tables>();

describeEngines('the database layer', (engine) => {
  it('applies each migration once, even when two instances open the database at once', async () => {
    created.length = 0;
    const [a, b] = await Promise.all([engine.open({ scope: 'test', migrations }, 'shared'), engine.open({ scope: 'test', migrations }, 'shared')]);
    try {
      expect(created).toEqual([engine.name]);
      const versions = await a.query<{ version: number }>(`SELECT version FROM sp_migrations WHERE scope = 'test' ORDER BY version`);
      expect(versions.map((v) => Number(v.version))).toEqual([1, 2]);
      // The other instance sees the same tables.
      await items(b).insertInto('t_items').values({ id: 'x', n: 1, note: null }).execute();
      expect(await items(a).selectFrom('t_items').select('id').execute()).toEqual([{ id: 'x' }]);
    } finally {
      await a.close();
      await b.close();
    }
    // Opened again without migrating, it is current: no error.
    const again = await engine.open({ scope: 'test', migrations, migrate: false }, 'shared');
    await again.close();
  });

  it('refuses to open a database that is behind when asked not to migrate', async () => {
    await expect(engine.open({ scope: 'test', migrations, migrate: false })).rejects.toThrow(/staff-passport migrate/);
  });

  it('compiles one query for the engine, commits a transaction whole and rolls a failed one back whole', async () => {
    const db = await engine.open({ scope: 'test', migrations });
    try {
      await db.transaction(async (tx) => {
        await items(tx).insertInto('t_items').values([{ id: 'a', n: 1, note: "it's" }, { id: 'b', n: 2, note: null }]).execute();
      });
      await expect(
        db.transaction(async (tx) => {
          await items(tx).insertInto('t_items').values({ id: 'c', n: 3, note: null }).execute();
          await items(tx).insertInto('t_items').values({ id: 'a', n: 4, note: null }).execute();
        }),
      ).rejects.toThrow();
      const rows = await items(db).selectFrom('t_items').selectAll().orderBy('id').execute();
      expect(rows).toEqual([
        { id: 'a', n: 1, note: "it's" },
        { id: 'b', n: 2, note: null },
      ]);
      // COUNT(*) is a number on both engines (pg gives 64-bit integers as text unless told).
      const [count] = await items(db).selectFrom('t_items').select((eb) => eb.fn.countAll<number>().as('c')).execute();
      expect(count).toEqual({ c: 2 });
      // Changed rows are counted, for conditional statements.
      const updated = await items(db).updateTable('t_items').set({ n: sql<number>`n + 10` }).where('n', '<', 2).executeTakeFirst();
      expect(updated.numUpdatedRows).toBe(1n);
      expect(await db.run('DELETE FROM t_items WHERE n > 100')).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('runs transactions started together without losing either, and queries inside one join it', async () => {
    const db = await engine.open({ scope: 'test', migrations });
    try {
      await items(db).insertInto('t_items').values({ id: 'counter', n: 0, note: null }).execute();
      // Read-modify-write in 20 transactions at once; each holds the row (a write lock on
      // PostgreSQL, the connection's turn on SQLite) so no increment is lost.
      await Promise.all(
        Array.from({ length: 20 }, () =>
          db.transaction(async (tx) => {
            await items(tx).updateTable('t_items').set({ note: 'held' }).where('id', '=', 'counter').execute();
            const [row] = await items(tx).selectFrom('t_items').select('n').where('id', '=', 'counter').execute();
            await new Promise((resolve) => setImmediate(resolve));
            // Through the database, not tx: still inside the transaction.
            await items(db).updateTable('t_items').set({ n: Number(row!.n) + 1 }).where('id', '=', 'counter').execute();
          }),
        ),
      );
      const [row] = await items(db).selectFrom('t_items').select('n').where('id', '=', 'counter').execute();
      expect(Number(row!.n)).toBe(20);
      // A transaction inside a transaction joins it: rolled back with it.
      await expect(
        db.transaction(async () => {
          await db.transaction(async (inner) => {
            await items(inner).insertInto('t_items').values({ id: 'inner', n: 1, note: null }).execute();
          });
          throw new Error('outer fails');
        }),
      ).rejects.toThrow('outer fails');
      expect(await items(db).selectFrom('t_items').select('id').where('id', '=', 'inner').execute()).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('runs a transaction throughTxOnly on its own connection: its tx commits or rolls back whole, beside tracked ones', async () => {
    const db = await engine.open({ scope: 'test', migrations });
    try {
      // Started together with tracked transactions (whose async context is given up once none runs).
      await Promise.all([
        db.transaction(async (tx) => {
          await items(tx).insertInto('t_items').values({ id: 'untracked', n: 1, note: null }).execute();
          // tx is not the database: its queries run on the transaction's connection.
          expect(tx).not.toBe(db);
          expect(tx.engine).toBe(engine.name);
          expect(await tx.query<{ id: string }>(engine.name === 'sqlite' ? 'SELECT id FROM t_items WHERE n = ?' : 'SELECT id FROM t_items WHERE n = $1', [1])).toEqual([{ id: 'untracked' }]);
        }, { throughTxOnly: true }),
        ...Array.from({ length: 3 }, (_, i) =>
          db.transaction(async () => {
            await new Promise((resolve) => setImmediate(resolve));
            await items(db).insertInto('t_items').values({ id: `tracked-${i}`, n: 10 + i, note: null }).execute();
          }),
        ),
      ]);
      await expect(
        db.transaction(async (tx) => {
          await items(tx).insertInto('t_items').values({ id: 'rolled-back', n: 2, note: null }).execute();
          expect(await tx.run(engine.name === 'sqlite' ? 'UPDATE t_items SET note = ? WHERE id = ?' : 'UPDATE t_items SET note = $1 WHERE id = $2', ['x', 'rolled-back'])).toBe(1);
          throw new Error('fails');
        }, { throughTxOnly: true }),
      ).rejects.toThrow('fails');
      // A tracked transaction after them still joins the database's own queries to it.
      await expect(
        db.transaction(async () => {
          await items(db).insertInto('t_items').values({ id: 'joined', n: 3, note: null }).execute();
          throw new Error('outer fails');
        }),
      ).rejects.toThrow('outer fails');
      const ids = (await items(db).selectFrom('t_items').select('id').orderBy('id').execute()).map((r) => r.id);
      expect(ids).toEqual(['tracked-0', 'tracked-1', 'tracked-2', 'untracked']);
    } finally {
      await db.close();
    }
  });
});
