/**
 * Appends link to the chain's real last entry: after a transaction that appended was rolled back,
 * or another process appended to the same chain, with or without the heads a writer remembers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { openDatabase } from '@staff-passport/core';
import { ISSUER_MIGRATIONS, appendAuditEvents, verifyAuditChain } from '@staff-passport/issuer';
import type { Database } from '@staff-passport/core';
import type { AuditEventInput } from '../../src/audit/append-audit-event.js';
import { AuditHeads } from '../../src/audit/audit-heads.js';

let dir: string;
let db: Database;
let other: Database;

const event = (n: number): AuditEventInput => ({ orgId: 'org_a', actor: 'key_1', action: 'test.event', subject: `s${n}`, detail: { n }, at: new Date(Date.UTC(2026, 4, 1, 9, 0, n)) });
const seqs = async (): Promise<number[]> => ((await db.query("SELECT chain_seq FROM sp_audit_log WHERE chain = 'org_a' ORDER BY chain_seq")) as { chain_seq: number }[]).map((r) => r.chain_seq);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sp-audit-'));
  db = await openDatabase({ file: join(dir, 'issuer.sqlite'), scope: 'issuer', migrations: ISSUER_MIGRATIONS });
  // A second process on the same data folder, as far as the audit log can tell.
  other = await openDatabase({ file: join(dir, 'issuer.sqlite'), scope: 'issuer', migrations: ISSUER_MIGRATIONS });
});
afterAll(async () => {
  await other.close();
  await db.close();
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


it('with the heads it last moved remembered, still links to the real head after a rollback and after another process appended', async () => {
  const heads = new AuditHeads();
  await db.transaction((tx) => appendAuditEvents(tx, [event(9)], heads));
  expect(heads.get('org_a')?.seq).toBe(7);
  // Remembered at 9, then rolled back: the chain ends at 7, and the next append finds that out.
  await expect(
    db.transaction(async (tx) => {
      await appendAuditEvents(tx, [event(10), event(11)], heads);
      throw new Error('something after the append failed');
    }),
  ).rejects.toThrow('something after the append failed');
  expect(heads.get('org_a')?.seq).toBe(9);
  await db.transaction((tx) => appendAuditEvents(tx, [event(12)], heads));
  await other.transaction((tx) => appendAuditEvents(tx, [event(13), event(14)]));
  await db.transaction((tx) => appendAuditEvents(tx, [event(15)], heads));
  await db.transaction((tx) => appendAuditEvents(tx, [event(16)], heads));
  expect(await seqs()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  expect(heads.get('org_a')?.seq).toBe(12);
  expect((await verifyAuditChain(db, 'org_a')).problems).toEqual([]);
});
