/**
 * MemorySharingLog keeps the rules every log store keeps (SQLite and IndexedDB are run by the
 * browser and store tests): an id logged twice keeps the first entry, entries are copies, delete
 * says whether it found the entry.
 */
import { describe, expect, it } from '@jest/globals';
import type { SharingLogEntry } from '../../src/log/sharing-log.js';
import { MemorySharingLog } from '../../src/memory/memory-sharing-log.js';

const entry = (id: string, purpose: string): SharingLogEntry => ({
  id, action: 'shared', at: '2026-03-01T09:00:00.000Z', counterparty: { id: 'https://verifier.example' }, purpose, credentialTypes: [], credentialIds: [], claimsDisclosed: [],
});

describe('MemorySharingLog', () => {
  it('keeps the first entry of an id appended twice', async () => {
    const log = new MemorySharingLog();
    await log.append(entry('e1', 'first'));
    await log.append(entry('e1', 'second'));
    expect((await log.list()).map((e) => e.purpose)).toEqual(['first']);
  });

  it('hands out copies: changing an entry read or appended changes nothing kept', async () => {
    const log = new MemorySharingLog();
    const appended = entry('e1', 'kept');
    await log.append(appended);
    appended.purpose = 'changed after append';
    const [read] = await log.list();
    read!.counterparty.id = 'changed after list';
    expect(await log.list()).toEqual([entry('e1', 'kept')]);
  });

  it('deletes one entry, answers false for an id it does not hold, and clears', async () => {
    const log = new MemorySharingLog();
    await log.append(entry('e1', 'one'));
    await log.append(entry('e2', 'two'));
    expect(await log.delete('e1')).toBe(true);
    expect(await log.delete('e1')).toBe(false);
    expect((await log.list()).map((e) => e.id)).toEqual(['e2']);
    await log.clear();
    expect(await log.list()).toEqual([]);
  });
});
