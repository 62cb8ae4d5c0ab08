/**
 * `runSqlScript`: a whole transaction in one call to SQLite, taking turns with TypeORM's
 * transactions on the same connection; a failure keeps nothing and leaves no transaction open;
 * `deferSync` commits without waiting for the disk and puts the connection's level back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { openDatabase } from '@staff-passport/core';
import type { DataSource } from 'typeorm';
import { insertRowsSql } from '../../src/store/insert-rows.js';
import { prepareSqlScripts, runSqlScript } from '../../src/store/run-sql-script.js';

let dir: string;
let db: DataSource;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sp-script-'));
  // A file, not :memory:, so the database is in WAL mode as the issuer's is.
  db = await openDatabase({
    file: join(dir, 'script.sqlite'),
    schema: [
      'CREATE TABLE parent (id TEXT PRIMARY KEY)',
      'CREATE TABLE child (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, parent TEXT REFERENCES parent(id))',
    ],
  });
  prepareSqlScripts(db);
  await db.query("INSERT INTO parent (id) VALUES ('p')");
});
afterAll(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const children = (ids: string[], parent = 'p'): string => insertRowsSql('child', ['id', 'parent'], ids.map((id) => [id, parent]))!;
const count = async (): Promise<number> => ((await db.query('SELECT count(*) AS n FROM child')) as { n: number }[])[0]!.n;

it('runs the statements as one transaction', async () => {
  await runSqlScript(db, [children(['a', 'b']), children(['c'])]);
  expect(await count()).toBe(3);
});

it('keeps nothing when a statement meets a conflict, and the connection is usable after', async () => {
  await expect(runSqlScript(db, [children(['d']), children(['e', 'a'])])).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
  expect(await count()).toBe(3);
  // No transaction was left open: TypeORM can begin one.
  await db.transaction((tx) => tx.query("INSERT INTO child (id, parent) VALUES ('f', 'p')"));
  expect(await count()).toBe(4);
});

it('rolls back after an error that leaves the transaction open (a foreign key)', async () => {
  await expect(runSqlScript(db, [children(['g']), children(['h'], 'no-such-parent')])).rejects.toThrow(/FOREIGN KEY/);
  expect(await count()).toBe(4);
  await db.transaction((tx) => tx.query("INSERT INTO child (id, parent) VALUES ('i', 'p')"));
  expect(await count()).toBe(5);
});

it('takes turns with TypeORM transactions started at the same time (none nests in another)', async () => {
  const before = await count();
  const work: Promise<unknown>[] = [];
  for (let i = 0; i < 40; i++) {
    work.push(runSqlScript(db, [children([`s${i}`])]));
    work.push(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO child (id, parent) VALUES (?, ?)', [`t${i}`, 'p']);
        await new Promise((resolve) => setImmediate(resolve));
        await tx.query('INSERT INTO child (id, parent) VALUES (?, ?)', [`u${i}`, 'p']);
      }),
    );
  }
  await Promise.all(work);
  expect(await count()).toBe(before + 120);
});

it('deferSync commits at synchronous NORMAL and puts the connection back to its level, also after a failure', async () => {
  const level = async (): Promise<number> => ((await db.query('PRAGMA synchronous')) as { synchronous: number }[])[0]!.synchronous;
  const usual = await level();
  await runSqlScript(db, [children(['n1'])], { deferSync: true });
  expect(await level()).toBe(usual);
  await expect(runSqlScript(db, [children(['n2', 'n1'])], { deferSync: true })).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
  expect(await level()).toBe(usual);
  expect(((await db.query("SELECT id FROM child WHERE id LIKE 'n%' ORDER BY id")) as { id: string }[]).map((r) => r.id)).toEqual(['n1']);
});

it('refuses a database not prepared for scripts', async () => {
  const other = await openDatabase({ file: ':memory:' });
  await expect(runSqlScript(other, [children(['x'])])).rejects.toThrow(TypeError);
  await other.destroy();
});
