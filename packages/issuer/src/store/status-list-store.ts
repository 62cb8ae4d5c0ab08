import { randomBytes, randomInt } from 'node:crypto';
import { Bitstring, PassportError, sqlNowMs, type Database, type SqlExecutor } from '@staff-passport/core';
import { sql } from 'kysely';
import { issuerSql } from './issuer-tables.js';

/** Entries per status list: the W3C minimum (Bitstring Status List, section 4: 131,072 bits, 16 KB). */
export const STATUS_LIST_SIZE = 131_072;
// A new list is opened when this share of the current one is allocated, so random draws stay cheap
// and the index still says nothing about who or when (a list fills in no particular order).
const FILL_LIMIT = 0.75;
/** How long an instance holds a list it allocates from (database clock), and when it renews. */
const LEASE_MS = 5 * 60_000;
const RENEW_AFTER_MS = 60_000;

/** One status list as stored: the two W3C bitstrings (revocation, suspension) and its version. */
export interface StatusListState {
  id: string;
  orgId: string;
  size: number;
  revocation: Buffer;
  suspension: Buffer;
  version: number;
}

/** Where a credential's status lives. */
export interface StatusSlot {
  listId: string;
  index: number;
}

/** A list this instance holds the lease of: it alone allocates from it while the lease runs. */
interface Lease {
  listId: string;
  size: number;
  allocated: Bitstring;
  allocatedCount: number;
  /** When to renew (this process's clock; the lease's end is the database's). */
  renewAt: number;
  /** The renewal under way, shared by the reservations that find the lease due meanwhile. */
  renewing?: Promise<boolean>;
}

/** Options for {@link StatusListStore}. */
export interface StatusListStoreOptions {
  db: Database;
  now: () => Date;
  /** This instance, as it signs its leases (random by default). */
  instanceId?: string;
}

/**
 * The issuer's status lists (table `sp_status_lists`). Allocation works with any number of
 * instances on one database: each instance leases one open list per organisation (a conditional
 * `UPDATE`, with `FOR UPDATE SKIP LOCKED` on PostgreSQL, lease times from the database's clock),
 * draws random free indices from it in memory (the used ones read when the lease is taken), and
 * renews the lease while it issues; a lease not renewed lets another instance take the list over.
 * The unique index on (list, index) makes a second use impossible whatever happens. Bits are
 * changed in the caller's transaction with the list's row locked, so two revocations on one byte
 * from two instances both stick; the version (the ETag) is read from the database.
 */
export class StatusListStore {
  private readonly db: Database;
  private readonly now: () => Date;
  readonly instanceId: string;
  private readonly leases = new Map<string, Lease>();
  // One lease being taken per organisation: issues under way at once share it rather than each
  // opening a list of their own (256 in flight at the bench's start made 256 lists).
  private readonly leasing = new Map<string, Promise<Lease>>();
  /** Signed views by list and view, each for the version it shows: signing happens once per change, not per fetch. */
  readonly rendered = new Map<string, { jwt: string; version: number; updatedAt: string }>();

  constructor(options: StatusListStoreOptions) {
    this.db = options.db;
    this.now = options.now;
    this.instanceId = options.instanceId ?? `i_${randomBytes(8).toString('hex')}`;
  }

  /** Takes the lease of an open list of the organisation that no live lease holds, or makes one. */
  private async takeLease(orgId: string): Promise<Lease> {
    const db = this.db;
    const q = issuerSql(db);
    const nowMs = sqlNowMs(db.engine);
    for (;;) {
      const free = q
        .selectFrom('sp_status_lists')
        .select('id')
        .where('org_id', '=', orgId)
        .where('closed', '=', 0)
        .where((eb) => eb.or([eb('leased_by', 'is', null), eb('leased_by', '=', this.instanceId), eb('lease_until', '<', nowMs)]))
        .orderBy('created_at')
        .limit(1)
        .$if(db.engine === 'postgres', (qb) => qb.forUpdate().skipLocked());
      const [taken] = await q
        .updateTable('sp_status_lists')
        .set({ leased_by: this.instanceId, lease_until: sql<number>`${nowMs} + ${LEASE_MS}` })
        .where('id', '=', free)
        .where((eb) => eb.or([eb('leased_by', 'is', null), eb('leased_by', '=', this.instanceId), eb('lease_until', '<', nowMs)]))
        .returning(['id', 'size'])
        .execute();
      const row = taken ?? (await this.createList(orgId));
      const lease = await this.loadLease(row.id, Number(row.size));
      if (lease.allocatedCount < lease.size * FILL_LIMIT) return lease;
      // Full enough: closed for good, and the next one leased.
      await q.updateTable('sp_status_lists').set({ closed: 1, leased_by: null, lease_until: null }).where('id', '=', row.id).execute();
    }
  }

  private async createList(orgId: string): Promise<{ id: string; size: number }> {
    const id = `sl_${randomBytes(8).toString('hex')}`;
    const empty = Buffer.alloc(STATUS_LIST_SIZE / 8);
    const at = this.now().toISOString();
    await issuerSql(this.db)
      .insertInto('sp_status_lists')
      .values({
        id,
        org_id: orgId,
        size: STATUS_LIST_SIZE,
        revocation: empty,
        suspension: empty,
        version: 1,
        created_at: at,
        updated_at: at,
        leased_by: this.instanceId,
        lease_until: sql<number>`${sqlNowMs(this.db.engine)} + ${LEASE_MS}`,
        closed: 0,
      })
      .execute();
    return { id, size: STATUS_LIST_SIZE };
  }

  /** The indices of a list already used, read once its lease is ours. */
  private async loadLease(listId: string, size: number): Promise<Lease> {
    const used = await issuerSql(this.db).selectFrom('sp_issued_credentials').select('status_index').where('status_list_id', '=', listId).execute();
    const allocated = new Bitstring({ size });
    for (const { status_index: index } of used) if (index !== null) allocated.set(Number(index), 1);
    return { listId, size, allocated, allocatedCount: used.length, renewAt: Date.now() + RENEW_AFTER_MS };
  }

  /** Renews a lease; false when it ran out and another instance took the list. */
  private async renew(lease: Lease): Promise<boolean> {
    const nowMs = sqlNowMs(this.db.engine);
    const result = await issuerSql(this.db)
      .updateTable('sp_status_lists')
      .set({ lease_until: sql<number>`${nowMs} + ${LEASE_MS}` })
      .where('id', '=', lease.listId)
      .where('leased_by', '=', this.instanceId)
      .executeTakeFirst();
    lease.renewAt = Date.now() + RENEW_AFTER_MS;
    return result.numUpdatedRows > 0n;
  }

  /** Renews a lease once for every reservation that finds it due while the renewal runs (each was a write of its own). */
  private renewOnce(lease: Lease): Promise<boolean> {
    lease.renewing ??= this.renew(lease).finally(() => {
      lease.renewing = undefined;
    });
    return lease.renewing;
  }

  private async leaseOf(orgId: string): Promise<Lease> {
    const held = this.leases.get(orgId);
    if (held && held.allocatedCount < held.size * FILL_LIMIT && (Date.now() < held.renewAt || (await this.renewOnce(held)))) return held;
    if (held && this.leases.get(orgId) === held) this.leases.delete(orgId);
    let pending = this.leasing.get(orgId);
    if (!pending) {
      pending = (async () => {
        if (held && held.allocatedCount >= held.size * FILL_LIMIT) {
          await issuerSql(this.db).updateTable('sp_status_lists').set({ closed: 1, leased_by: null, lease_until: null }).where('id', '=', held.listId).execute();
        }
        const lease = await this.takeLease(orgId);
        this.leases.set(orgId, lease);
        return lease;
      })().finally(() => this.leasing.delete(orgId));
      this.leasing.set(orgId, pending);
    }
    return pending;
  }

  /** Reserves a random free index in the organisation's list leased by this instance. */
  async reserve(orgId: string): Promise<StatusSlot> {
    let lease = await this.leaseOf(orgId);
    while (lease.allocatedCount >= lease.size * FILL_LIMIT) lease = await this.leaseOf(orgId);
    let index = randomInt(lease.size);
    while (lease.allocated.get(index) === 1) index = randomInt(lease.size);
    lease.allocated.set(index, 1);
    lease.allocatedCount += 1;
    return { listId: lease.listId, index };
  }

  /** Gives back a reservation whose credential was never recorded. */
  release(slot: StatusSlot): void {
    for (const lease of this.leases.values()) {
      if (lease.listId !== slot.listId || lease.allocated.get(slot.index) === 0) continue;
      lease.allocated.set(slot.index, 0);
      lease.allocatedCount -= 1;
    }
  }

  /** Lets this instance's leases go (on shutdown), so other instances take the lists over at once. */
  async releaseLeases(): Promise<void> {
    this.leases.clear();
    await issuerSql(this.db).updateTable('sp_status_lists').set({ leased_by: null, lease_until: null }).where('leased_by', '=', this.instanceId).execute();
  }

  /**
   * The version of an organisation's list (its ETag), from the database.
   *
   * @throws PassportError `ERR_NOT_FOUND`
   */
  async version(orgId: string, listId: string): Promise<number> {
    const [row] = await issuerSql(this.db).selectFrom('sp_status_lists').select('version').where('id', '=', listId).where('org_id', '=', orgId).execute();
    if (!row) throw new PassportError('ERR_NOT_FOUND', 'no such status list', { field: 'listId' });
    return Number(row.version);
  }

  /**
   * A status list of an organisation, as stored now.
   *
   * @throws PassportError `ERR_NOT_FOUND`
   */
  async get(orgId: string, listId: string): Promise<StatusListState> {
    const [row] = await issuerSql(this.db)
      .selectFrom('sp_status_lists')
      .select(['id', 'org_id', 'size', 'revocation', 'suspension', 'version'])
      .where('id', '=', listId)
      .where('org_id', '=', orgId)
      .execute();
    if (!row) throw new PassportError('ERR_NOT_FOUND', 'no such status list', { field: 'listId' });
    return { id: row.id, orgId: row.org_id, size: Number(row.size), revocation: Buffer.from(row.revocation), suspension: Buffer.from(row.suspension), version: Number(row.version) };
  }

  /**
   * Sets revocation and suspension bits in the caller's transaction: each changed list is read
   * with its row locked (`FOR UPDATE` on PostgreSQL; on SQLite the transaction already holds the
   * file's write lock), changed and written back with its version moved on, so changes made at
   * once by several instances all stick.
   */
  async writeBits(tx: SqlExecutor, orgId: string, changes: readonly { slot: StatusSlot; purpose: 'revocation' | 'suspension'; on: boolean }[]): Promise<void> {
    const byList = new Map<string, typeof changes[number][]>();
    for (const change of changes) {
      let list = byList.get(change.slot.listId);
      if (!list) byList.set(change.slot.listId, (list = []));
      list.push(change);
    }
    const q = issuerSql(tx);
    const at = this.now().toISOString();
    // In a fixed order, so two transactions changing the same lists never wait for each other in a circle.
    for (const listId of [...byList.keys()].sort()) {
      const [row] = await q
        .selectFrom('sp_status_lists')
        .select(['size', 'revocation', 'suspension'])
        .where('id', '=', listId)
        .where('org_id', '=', orgId)
        .$if(tx.engine === 'postgres', (qb) => qb.forUpdate())
        .execute();
      if (!row) throw new PassportError('ERR_NOT_FOUND', 'no such status list', { field: 'listId' });
      const bytes = { revocation: Buffer.from(row.revocation), suspension: Buffer.from(row.suspension) };
      const bits = { revocation: new Bitstring({ bytes: bytes.revocation, size: Number(row.size) }), suspension: new Bitstring({ bytes: bytes.suspension, size: Number(row.size) }) };
      for (const change of byList.get(listId) ?? []) bits[change.purpose].set(change.slot.index, change.on ? 1 : 0);
      await q
        .updateTable('sp_status_lists')
        .set({ revocation: bytes.revocation, suspension: bytes.suspension, version: sql<number>`version + 1`, updated_at: at })
        .where('id', '=', listId)
        .execute();
    }
  }
}
