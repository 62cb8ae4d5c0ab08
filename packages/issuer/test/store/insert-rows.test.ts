/**
 * `insertRows`: a batch of rows in one statement (as JSON through `json_each`), with SQLite's own
 * types kept (text, integer, real, NULL) and the rows' order kept (an autoincrement key follows it),
 * all or none, under a condition when asked.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { openDatabase } from '@staff-passport/core';
import type { Database } from '@staff-passport/core';
import { sql } from 'kysely';
import { insertRows } from '../../src/store/insert-rows.js';

let db: Database;

beforeAll(async () => {
  db = await openDatabase({ file: ':memory:', schema: ['CREATE TABLE t (seq INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, n INTEGER, x REAL, note TEXT)'] });
});
afterAll(async () => {
  await db.close();
});

it('writes every row with its types and in order', async () => {
  const rows = [
    ['plain', 1, 1.5, null],
    ["it's \"quoted\" -- ; DROP TABLE t", -7, 0, 'ünïcödé ✓ 𝄞'],
    ['', 0, -2.25, 'tab\t and \n newline \u001f'],
  ] as const;
  await db.transaction((tx) => insertRows(tx, 't', ['name', 'n', 'x', 'note'], rows));
  const found = (await db.query('SELECT name, n, x, note, typeof(n) AS nt, typeof(x) AS xt, typeof(note) AS notet FROM t ORDER BY seq')) as Record<string, unknown>[];
  expect(found.map((r) => [r['name'], r['n'], r['x'], r['note']])).toEqual(rows.map((r) => [...r]));
  expect(found.map((r) => r['nt'])).toEqual(['integer', 'integer', 'integer']);
  // The column's affinity applies as for bound values: an integral JSON number in a REAL column is stored as real.
  expect(found.map((r) => r['xt'])).toEqual(['real', 'real', 'real']);
  expect(found.map((r) => r['notet'])).toEqual(['null', 'text', 'text']);
});

it('binds a batch JSON cannot carry exactly (U+0000 in a text, a non-finite number) as parameters', async () => {
  await db.query('DELETE FROM t');
  const rows = [
    ['a\u0000b', 1, Number.POSITIVE_INFINITY, 'kept'],
    ['plain', 2, Number.NaN, '\u0000'],
  ] as const;
  await db.transaction((tx) => insertRows(tx, 't', ['name', 'n', 'x', 'note'], rows));
  const found = (await db.query('SELECT name, n, x, note FROM t ORDER BY seq')) as Record<string, unknown>[];
  expect(found).toEqual([
    { name: 'a\u0000b', n: 1, x: Number.POSITIVE_INFINITY, note: 'kept' },
    // SQLite stores NaN as NULL, bound or not.
    { name: 'plain', n: 2, x: null, note: '\u0000' },
  ]);
});

it('takes thousands of rows in one call, keeps their order, and does nothing for none', async () => {
  await db.query('DELETE FROM t');
  await db.transaction((tx) => insertRows(tx, 't', ['name', 'n'], []));
  expect(await db.query('SELECT count(*) AS c FROM t')).toEqual([{ c: 0 }]);
  const rows = Array.from({ length: 5000 }, (_, i) => [`row-${i}`, i]);
  await db.transaction((tx) => insertRows(tx, 't', ['name', 'n'], rows));
  const found = (await db.query('SELECT n FROM t ORDER BY seq')) as { n: number }[];
  expect(found.map((r) => r.n)).toEqual(rows.map((r) => r[1]));
});

it('fails the whole statement, in the caller transaction, when one row breaks a constraint', async () => {
  await db.query('CREATE TABLE IF NOT EXISTS u (id TEXT PRIMARY KEY)');
  await expect(db.transaction((tx) => insertRows(tx, 'u', ['id'], [['a'], ['b'], ['a']]))).rejects.toThrow(/UNIQUE/);
  expect(await db.query('SELECT count(*) AS c FROM u')).toEqual([{ c: 0 }]);
});

it('inserts only when onlyIf holds, and says how many rows it wrote', async () => {
  await db.query('DELETE FROM t');
  const rows = [['a', 1], ['b', 2]];
  const written = await db.transaction(async (tx) => [
    await insertRows(tx, 't', ['name', 'n'], rows, { onlyIf: sql`(SELECT count(*) FROM t) = ${0}` }),
    // Now two rows are there: the condition is false and nothing is written.
    await insertRows(tx, 't', ['name', 'n'], rows, { onlyIf: sql`(SELECT count(*) FROM t) = ${0}` }),
    // The bound fallback (a text with U+0000) checks the condition too.
    await insertRows(tx, 't', ['name', 'n'], [['c\u0000', 3]], { onlyIf: sql`(SELECT count(*) FROM t) = ${2}` }),
    await insertRows(tx, 't', ['name', 'n'], [['d\u0000', 4]], { onlyIf: sql`(SELECT count(*) FROM t) = ${2}` }),
  ]);
  expect(written).toEqual([2, 0, 1, 0]);
  expect(((await db.query('SELECT n FROM t ORDER BY seq')) as { n: number }[]).map((r) => r.n)).toEqual([1, 2, 3]);
});

it('writes a bound batch of several statements all or none (a savepoint)', async () => {
  await db.query('CREATE TABLE IF NOT EXISTS w (id TEXT PRIMARY KEY, note TEXT)');
  await db.query('DELETE FROM w');
  // 4,000 two-column rows bound as parameters take a single statement's 8,000; 4,500 take two.
  const rows = Array.from({ length: 4500 }, (_, i) => [`id-${i}`, 'with U+0000: \u0000']);
  rows[4400] = ['id-1', 'a duplicate in the second statement'];
  await db.transaction(async (tx) => {
    await expect(insertRows(tx, 'w', ['id', 'note'], rows)).rejects.toThrow(/UNIQUE/);
    // The transaction goes on, with nothing of the batch in it.
    expect(await tx.query('SELECT count(*) AS c FROM w')).toEqual([{ c: 0 }]);
  });
});

