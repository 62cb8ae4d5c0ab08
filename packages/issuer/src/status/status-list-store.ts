import { randomBytes, randomInt } from 'node:crypto';
import { Bitstring, PassportError, type Database, type SqlExecutor } from '@staff-passport/core';

/** Entries per status list: the W3C minimum (Bitstring Status List, section 4: 131,072 bits, 16 KB). */
export const STATUS_LIST_SIZE = 131_072;
// A new list is opened when this share of the current one is allocated, so random draws stay cheap
// and the index still says nothing about who or when (a list fills in no particular order).
const FILL_LIMIT = 0.75;

/** One status list in memory: the two W3C bitstrings (revocation, suspension) and what is allocated. */
export interface StatusListState {
  id: string;
  orgId: string;
  size: number;
  revocation: Buffer;
  suspension: Buffer;
  /** Which indices are taken (a bit per entry, same order as the lists). */
  allocated: Bitstring;
  allocatedCount: number;
  version: number;
}

/** Where a credential's status lives. */
export interface StatusSlot {
  listId: string;
  index: number;
}

interface ListRow {
  id: string;
  org_id: string;
  size: number;
  revocation: Buffer;
  suspension: Buffer;
  version: number;
}

/**
 * The issuer's status lists, loaded once per process and kept in memory: allocation is a random
 * draw from the free indices of the organisation's open list, reserved in memory and written with
 * the credential's record in one transaction (a unique index on list and index makes a second use
 * impossible). One issuer process writes a data folder at a time.
 */
export class StatusListStore {
  private readonly lists = new Map<string, StatusListState>();
  private readonly openList = new Map<string, string>();
  private readonly loading = new Map<string, Promise<void>>();
  // A list being created per organisation: issues under way at once share it rather than each
  // opening a list of their own (256 in flight at the bench's start made 256 lists).
  private readonly creating = new Map<string, Promise<StatusListState>>();

  constructor(private readonly ctx: { db: Database; now: () => Date }) {}

  /** Loads an organisation's lists and their allocations (once). */
  private async load(orgId: string): Promise<void> {
    let pending = this.loading.get(orgId);
    if (!pending) {
      pending = (async () => {
        const rows = (await this.ctx.db.query('SELECT id, org_id, size, revocation, suspension, version FROM sp_status_lists WHERE org_id = ? ORDER BY created_at', [
          orgId,
        ])) as ListRow[];
        for (const row of rows) {
          const state: StatusListState = {
            id: row.id,
            orgId: row.org_id,
            size: row.size,
            revocation: Buffer.from(row.revocation),
            suspension: Buffer.from(row.suspension),
            allocated: new Bitstring({ size: row.size }),
            allocatedCount: 0,
            version: row.version,
          };
          const used = (await this.ctx.db.query('SELECT status_index FROM sp_issued_credentials WHERE status_list_id = ?', [row.id])) as { status_index: number }[];
          for (const { status_index: index } of used) state.allocated.set(index, 1);
          state.allocatedCount = used.length;
          this.lists.set(row.id, state);
          if (state.allocatedCount < state.size * FILL_LIMIT) this.openList.set(orgId, row.id);
        }
      })();
      this.loading.set(orgId, pending);
      pending.catch(() => this.loading.delete(orgId));
    }
    await pending;
  }

  private async createList(orgId: string): Promise<StatusListState> {
    const id = `sl_${randomBytes(8).toString('hex')}`;
    const empty = Buffer.alloc(STATUS_LIST_SIZE / 8);
    const at = this.ctx.now().toISOString();
    await this.ctx.db.query('INSERT INTO sp_status_lists (id, org_id, size, revocation, suspension, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)', [
      id,
      orgId,
      STATUS_LIST_SIZE,
      empty,
      empty,
      at,
      at,
    ]);
    const state: StatusListState = {
      id,
      orgId,
      size: STATUS_LIST_SIZE,
      revocation: Buffer.alloc(STATUS_LIST_SIZE / 8),
      suspension: Buffer.alloc(STATUS_LIST_SIZE / 8),
      allocated: new Bitstring({ size: STATUS_LIST_SIZE }),
      allocatedCount: 0,
      version: 1,
    };
    this.lists.set(id, state);
    this.openList.set(orgId, id);
    return state;
  }

  /** Opens a new list for an organisation, once however many reservations wait for it. */
  private openNewList(orgId: string): Promise<StatusListState> {
    let pending = this.creating.get(orgId);
    if (!pending) {
      pending = this.createList(orgId).finally(() => this.creating.delete(orgId));
      this.creating.set(orgId, pending);
    }
    return pending;
  }

  /** Reserves a random free index in the organisation's open list (a new list when it is full enough). */
  async reserve(orgId: string): Promise<StatusSlot> {
    await this.load(orgId);
    let list = this.lists.get(this.openList.get(orgId) ?? '');
    while (!list || list.allocatedCount >= list.size * FILL_LIMIT) list = await this.openNewList(orgId);
    let index = randomInt(list.size);
    while (list.allocated.get(index) === 1) index = randomInt(list.size);
    list.allocated.set(index, 1);
    list.allocatedCount += 1;
    return { listId: list.id, index };
  }

  /** Gives back a reservation whose credential was never recorded. */
  release(slot: StatusSlot): void {
    const list = this.lists.get(slot.listId);
    if (!list || list.allocated.get(slot.index) === 0) return;
    list.allocated.set(slot.index, 0);
    list.allocatedCount -= 1;
  }

  /**
   * A status list of an organisation.
   *
   * @throws PassportError `ERR_NOT_FOUND`
   */
  async get(orgId: string, listId: string): Promise<StatusListState> {
    await this.load(orgId);
    const list = this.lists.get(listId);
    if (!list || list.orgId !== orgId) throw new PassportError('ERR_NOT_FOUND', 'no such status list', { field: 'listId' });
    return list;
  }

  /**
   * Sets revocation and suspension bits and writes the changed lists in the caller's transaction;
   * the in-memory copies change only once `commit` is called after the transaction succeeded.
   */
  async writeBits(
    tx: SqlExecutor,
    orgId: string,
    changes: readonly { slot: StatusSlot; purpose: 'revocation' | 'suspension'; on: boolean }[],
  ): Promise<() => void> {
    const drafts = new Map<string, { list: StatusListState; revocation: Buffer; suspension: Buffer; bits: Record<'revocation' | 'suspension', Bitstring> }>();
    for (const change of changes) {
      let draft = drafts.get(change.slot.listId);
      if (!draft) {
        const list = await this.get(orgId, change.slot.listId);
        const revocation = Buffer.from(list.revocation);
        const suspension = Buffer.from(list.suspension);
        const bits = { revocation: new Bitstring({ bytes: revocation, size: list.size }), suspension: new Bitstring({ bytes: suspension, size: list.size }) };
        draft = { list, revocation, suspension, bits };
        drafts.set(list.id, draft);
      }
      draft.bits[change.purpose].set(change.slot.index, change.on ? 1 : 0);
    }
    const at = this.ctx.now().toISOString();
    for (const draft of drafts.values()) {
      await tx.query('UPDATE sp_status_lists SET revocation = ?, suspension = ?, version = ?, updated_at = ? WHERE id = ?', [
        draft.revocation,
        draft.suspension,
        draft.list.version + 1,
        at,
        draft.list.id,
      ]);
    }
    return () => {
      for (const draft of drafts.values()) {
        draft.list.revocation = draft.revocation;
        draft.list.suspension = draft.suspension;
        draft.list.version += 1;
      }
    };
  }
}
