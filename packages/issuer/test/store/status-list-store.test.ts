/**
 * The status list store's contract on SQLite and PostgreSQL, with two instances (two stores on
 * two connections to one database): each leases a list of its own and allocates distinct indices
 * from it; a lease let go is taken over; bits changed at once through both on one byte all stick,
 * and the version (the ETag) each reads is the database's.
 */
import { expect, it } from '@jest/globals';
import { Bitstring, PassportError } from '@staff-passport/core';
import { StatusListStore, type StatusSlot } from '../../src/store/status-list-store.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { twoIssuerDatabases } from './helpers/two-issuer-databases.js';
import { sql } from 'kysely';

const now = () => new Date('2026-12-01T10:00:00.000Z');

describeEngines('the status list store', (engine) => {
  const both = twoIssuerDatabases(engine, 'status-lists');
  const instances = () => both().dbs.map((db, i) => new StatusListStore({ db, now, instanceId: `instance-${i}-${engine.name}` })) as [StatusListStore, StatusListStore];

  it('leases one list to each instance and reserves distinct indices from it', async () => {
    const { orgId } = both();
    const [a, b] = instances();
    const slots = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).reserve(orgId)));
    expect(new Set(slots.map((s) => `${s.listId}#${s.index}`)).size).toBe(40);
    const listsOf = (from: number) => new Set(slots.filter((_, i) => i % 2 === from).map((s) => s.listId));
    expect(listsOf(0).size).toBe(1);
    expect(listsOf(1).size).toBe(1);
    expect([...listsOf(0)][0]).not.toBe([...listsOf(1)][0]);
    // A reservation given back can be drawn again; the lease held is reused.
    a.release(slots[0]!);
    expect((await a.reserve(orgId)).listId).toBe(slots[0]!.listId);
    await a.releaseLeases();
    await b.releaseLeases();
  });

  it('lets another instance take over a list whose lease was let go rather than open one', async () => {
    const { orgId, dbs } = both();
    const listsOf = async () => (await sql<{ id: string }>`SELECT id FROM sp_status_lists WHERE org_id = ${orgId} ORDER BY id`.execute(dbs[0].kysely)).rows.map((r) => r.id);
    const [a] = instances();
    await a.reserve(orgId);
    await a.releaseLeases();
    const before = await listsOf();
    const c = new StatusListStore({ db: dbs[1], now, instanceId: `instance-c-${engine.name}` });
    const taken = await c.reserve(orgId);
    expect(before).toContain(taken.listId);
    expect(await listsOf()).toEqual(before);
    await c.releaseLeases();
  });

  it('keeps every bit changed at once through both instances on one byte, and moves the version on with each change', async () => {
    const { orgId, dbs } = both();
    const [a, b] = instances();
    const { listId } = await a.reserve(orgId);
    const before = await b.version(orgId, listId);
    const slots: StatusSlot[] = Array.from({ length: 8 }, (_, i) => ({ listId, index: 64 + i }));
    await Promise.all(
      slots.map((slot, i) => dbs[i % 2]!.transaction((tx) => (i % 2 === 0 ? a : b).writeBits(tx, orgId, [{ slot, purpose: i < 4 ? 'revocation' : 'suspension', on: true }]))),
    );
    expect(await a.version(orgId, listId)).toBe(before + 8);
    const list = await b.get(orgId, listId);
    expect(list.version).toBe(before + 8);
    expect(list.revocation[8]).toBe(0xf0);
    expect(list.suspension[8]).toBe(0x0f);
    // Cleared as well as set, several bits in one transaction.
    await dbs[0].transaction((tx) => a.writeBits(tx, orgId, [{ slot: slots[4]!, purpose: 'suspension', on: false }, { slot: slots[5]!, purpose: 'suspension', on: false }]));
    const after = await a.get(orgId, listId);
    expect(new Bitstring({ bytes: after.suspension, size: after.size }).get(68)).toBe(0);
    expect(after.suspension[8]).toBe(0x03);
    expect(after.version).toBe(before + 9);
    await a.releaseLeases();
  });

  it('finds no list of another organisation', async () => {
    const { orgId, otherOrgId } = both();
    const [a] = instances();
    const { listId } = await a.reserve(orgId);
    await expect(a.version(otherOrgId, listId)).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
    await expect(a.get(otherOrgId, listId)).rejects.toBeInstanceOf(PassportError);
    await a.releaseLeases();
  });
});
