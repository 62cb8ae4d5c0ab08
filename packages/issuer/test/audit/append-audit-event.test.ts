/**
 * The audit chain's head is kept in memory (the issue queue appends without reading it), and is
 * never trusted: after a transaction that appended was rolled back, or another process appended
 * to the same chain, the next append still links to the chain's real last entry, and a script
 * planned from a stale head writes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { openDatabase } from '@staff-passport/core';
import { ISSUER_SCHEMA, appendAuditEvents, verifyAuditChain } from '@staff-passport/issuer';
import type { DataSource } from 'typeorm';
import { planAuditAppend, type AuditEventInput } from '../../src/audit/append-audit-event.js';
import { prepareSqlScripts, runSqlScript } from '../../src/store/run-sql-script.js';

let dir: string;
let db: DataSource;
let other: DataSource;

const event = (n: number): AuditEventInput => ({ orgId: 'org_a', actor: 'key_1', action: 'test.event', subject: `s${n}`, detail: { n }, at: new Date(Date.UTC(2026, 4, 1, 9, 0, n)) });
const seqs = async (): Promise<number[]> => ((await db.query("SELECT chain_seq FROM sp_audit_log WHERE chain = 'org_a' ORDER BY chain_seq")) as { chain_seq: number }[]).map((r) => r.chain_seq);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sp-audit-'));
  db = await openDatabase({ file: join(dir, 'issuer.sqlite'), schema: ISSUER_SCHEMA });
  prepareSqlScripts(db);
  // A second process on the same data folder, as far as the audit log can tell.
  other = await openDatabase({ file: join(dir, 'issuer.sqlite'), schema: ISSUER_SCHEMA });
});
afterAll(async () => {
  await other.destroy();
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

it('links to the real head after a transaction that appended was rolled back', async () => {
  await db.transaction((tx) => appendAuditEvents(tx, [event(1), event(2)]));
  // The head in memory moves to 4, then the transaction is rolled back: the chain ends at 2.
  await expect(
    db.transaction(async (tx) => {
      await appendAuditEvents(tx, [event(3), event(4)]);
      throw new Error('something after the append failed');
    }),
  ).rejects.toThrow('something after the append failed');
  await db.transaction((tx) => appendAuditEvents(tx, [event(5)]));
  expect(await seqs()).toEqual([1, 2, 3]);
  expect((await verifyAuditChain(db, 'org_a')).problems).toEqual([]);
});

it('links to the real head after another process appended to the chain', async () => {
  await other.transaction((tx) => appendAuditEvents(tx, [event(6), event(7)]));
  await db.transaction((tx) => appendAuditEvents(tx, [event(8)]));
  expect(await seqs()).toEqual([1, 2, 3, 4, 5, 6]);
  expect((await verifyAuditChain(db, 'org_a')).problems).toEqual([]);
});

it('a script planned from a stale head writes nothing; from the current head it appends', async () => {
  const stale = planAuditAppend(db, [event(9)])!;
  await other.transaction((tx) => appendAuditEvents(tx, [event(10)]));
  await expect(runSqlScript(db, stale.statements)).rejects.toThrow(/NOT NULL constraint failed: sp_audit_log\.prev_hash/);
  expect(await seqs()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  // The transaction path reads the head again and remembers it: the next plan is current.
  await db.transaction((tx) => appendAuditEvents(tx, [event(11)]));
  const current = planAuditAppend(db, [event(12), event(13)])!;
  await runSqlScript(db, current.statements);
  current.remember();
  await db.transaction((tx) => appendAuditEvents(tx, [event(14)]));
  expect(await seqs()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  expect((await verifyAuditChain(db, 'org_a')).problems).toEqual([]);
});

it('plans nothing for a chain whose head it has not seen (the transaction path reads it first)', () => {
  expect(planAuditAppend(db, [{ ...event(1), orgId: 'org_never_seen' }])).toBeUndefined();
});
