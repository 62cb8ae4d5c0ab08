/**
 * The audit store's contract on SQLite and PostgreSQL: a chain's head moved by compare-and-swap
 * (one of two writers from the same head wins), entries read back in pages of a chain oldest
 * first, newest first (filtered by action, before or after a cursor), all chains streamed in
 * order, and the newest entry of a chain.
 */
import { expect, it } from '@jest/globals';
import { createAuditStore, type AuditEntryRow } from '../../src/store/audit-store.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { issuerDatabase } from './helpers/issuer-database.js';

const GENESIS = { hash: '0'.repeat(64), seq: 0 };

function entry(chain: string, seq: number, action = 'credential.issue'): AuditEntryRow {
  return { chain, chain_seq: seq, at: `2026-12-01T10:00:${String(seq % 60).padStart(2, '0')}.000Z`, actor: 'key_1', action, subject: `s${seq}`, detail: '{}', prev_hash: `h${seq - 1}`, hash: `h${seq}` };
}

describeEngines('the audit store', (engine) => {
  const db = issuerDatabase(engine);

  it('moves a chain head only from the head it still has', async () => {
    const audit = createAuditStore(db());
    expect(await audit.readHead('c1')).toBeUndefined();
    expect(await audit.moveHead('c1', GENESIS, { hash: 'h2', seq: 2 })).toBe(true);
    expect(await audit.moveHead('c1', GENESIS, { hash: 'x2', seq: 2 })).toBe(false);
    expect(await audit.moveHead('c1', { hash: 'h2', seq: 2 }, { hash: 'h3', seq: 3 })).toBe(true);
    expect(await audit.moveHead('c1', { hash: 'h2', seq: 2 }, { hash: 'y3', seq: 3 })).toBe(false);
    expect(await audit.readHead('c1')).toEqual({ hash: 'h3', seq: 3 });
  });

  it('lets one of two writers from the same head win, each in its own transaction', async () => {
    const results = await Promise.all(
      ['a', 'b'].map((who) =>
        db()
          .transaction((tx) => createAuditStore(tx).moveHead('c1', { hash: 'h3', seq: 3 }, { hash: `${who}4`, seq: 4 }))
          .catch(() => false),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('reads a chain oldest first after a cursor, and newest first by page, action and cursor', async () => {
    const audit = createAuditStore(db());
    await audit.insertEntries(Array.from({ length: 10 }, (_, i) => entry('c2', i + 1, i % 3 === 0 ? 'key.rotate' : 'credential.issue')));
    expect((await audit.listAfter('c2', 3, 4)).map((e) => e.chain_seq)).toEqual([4, 5, 6, 7]);
    const [first] = await audit.listAfter('c2', 0, 1);
    expect(first).toMatchObject({ ...entry('c2', 1, 'key.rotate'), seq: expect.any(Number) });
    expect((await audit.listPage('c2', { limit: 3 })).map((e) => e.chain_seq)).toEqual([10, 9, 8]);
    expect((await audit.listPage('c2', { limit: 3, before: 8 })).map((e) => e.chain_seq)).toEqual([7, 6, 5]);
    expect((await audit.listPage('c2', { limit: 3, after: 4 })).map((e) => e.chain_seq)).toEqual([7, 6, 5]);
    expect((await audit.listPage('c2', { limit: 10, action: 'key.rotate' })).map((e) => e.chain_seq)).toEqual([10, 7, 4, 1]);
    expect(await audit.lastEntry('c2')).toEqual({ seq: 10, hash: 'h10' });
    expect(await audit.lastEntry('c9')).toBeUndefined();
  });

  it('refuses a sequence number twice in a chain', async () => {
    await expect(createAuditStore(db()).insertEntries([entry('c2', 5)])).rejects.toThrow();
  });

  it('streams every chain in chain and sequence order, across pages, or one chain', async () => {
    const audit = createAuditStore(db());
    await audit.insertEntries(Array.from({ length: 2_100 }, (_, i) => entry('c3', i + 1)));
    await audit.insertEntries([entry('c0', 1), entry('c0', 2)]);
    const all: string[] = [];
    for await (const row of audit.readAll()) all.push(`${row.chain}:${row.chain_seq}`);
    expect(all).toHaveLength(2 + 10 + 2_100);
    expect(all.slice(0, 3)).toEqual(['c0:1', 'c0:2', 'c2:1']);
    expect(all.at(-1)).toBe('c3:2100');
    let count = 0;
    for await (const row of audit.readAll('c3')) {
      count += 1;
      expect(row.chain_seq).toBe(count);
    }
    expect(count).toBe(2_100);
  });
});
