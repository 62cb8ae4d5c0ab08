/**
 * `openDatabase` hands TypeORM a sqlite3 whose `verbose()` is the module itself: TypeORM's call
 * would otherwise wrap every Database and Statement method of the process in a long-stack-trace
 * shim (an Error and a util.inspect of each parameter per statement; issue 9 profile). Callers
 * opening a new SQLite file at the same moment all get it open (TypeORM switches it to WAL
 * before it sets a busy timeout; about 1 open in 16 was refused with SQLITE_BUSY).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/open-database.js';

let db: Database;

beforeAll(async () => {
  db = await openDatabase({ file: ':memory:', schema: ['CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY)'] });
});
afterAll(async () => {
  await db.close();
});

it('gives TypeORM a sqlite3 that stays quiet when asked to be verbose', () => {
  const driver = (db.dataSource.driver as unknown as { sqlite: { verbose(): unknown; Database: unknown } }).sqlite;
  expect(driver.verbose()).toBe(driver);
  expect(typeof driver.Database).toBe('function');
});

it('still reports SQLite errors with their code', async () => {
  await db.query('INSERT INTO t (id) VALUES (?)', ['a']);
  const failed = await db.query('INSERT INTO t (id) VALUES (?)', ['a']).catch((err: unknown) => err);
  expect(String(failed)).toMatch(/SQLITE_CONSTRAINT/);
});

it('opens a new SQLite file from four callers at once, every time (twelve files)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sp-open-'));
  try {
    for (let i = 0; i < 12; i++) {
      const file = join(dir, `${i}.sqlite`);
      const opened = await Promise.allSettled(Array.from({ length: 4 }, () => openDatabase({ file, scope: 'race', schema: ['CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY)'] })));
      for (const o of opened) if (o.status === 'fulfilled') await o.value.close();
      expect(opened.map((o) => (o.status === 'fulfilled' ? 'open' : String(o.reason)))).toEqual(['open', 'open', 'open', 'open']);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
