/**
 * `openDatabase` hands TypeORM a sqlite3 whose `verbose()` is the module itself: TypeORM's call
 * would otherwise wrap every Database and Statement method of the process in a long-stack-trace
 * shim (an Error and a util.inspect of each parameter per statement; issue 9 profile).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
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
