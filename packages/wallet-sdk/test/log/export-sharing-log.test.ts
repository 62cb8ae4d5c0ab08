/**
 * exportSharingLog: the holder's log as a file they can keep, whole or filtered by action and
 * counterparty (the filter every in-memory log store applies, log/lib/match-log-filter.ts).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { exportSharingLog } from '../../src/log/export-sharing-log.js';
import type { SharingLogEntry, SharingLogFilter } from '../../src/log/sharing-log.js';
import { MemorySharingLog } from '../../src/memory/memory-sharing-log.js';

const NOW = new Date('2026-03-01T09:00:00Z');
const log = new MemorySharingLog();

function entry(id: string, action: SharingLogEntry['action'], counterpartyId: string): SharingLogEntry {
  return { id, action, at: NOW.toISOString(), counterparty: { id: counterpartyId }, credentialTypes: ['TrainingRecordCredential'], credentialIds: ['urn:uuid:c1'], claimsDisclosed: [] };
}

beforeAll(async () => {
  await log.append(entry('shared-to-a', 'shared', 'https://a.example'));
  await log.append(entry('refused-to-a', 'refused', 'https://a.example'));
  await log.append(entry('shared-to-b', 'shared', 'https://b.example'));
  await log.append(entry('received-from-issuer', 'received', 'https://issuer.example'));
});

describe('exportSharingLog', () => {
  it('stamps the format, version and export time from the wallet clock, with every entry oldest first', async () => {
    const file = await exportSharingLog({ log, now: () => NOW });
    expect(file).toMatchObject({ format: 'staff-passport-sharing-log', version: 1, exportedAt: NOW.toISOString() });
    expect(file.entries.map((e) => e.id)).toEqual(['shared-to-a', 'refused-to-a', 'shared-to-b', 'received-from-issuer']);
  });

  // Named filters and the entries each keeps.
  const filters: [name: string, filter: SharingLogFilter, ids: string[]][] = [
    ['by-action', { action: 'shared' }, ['shared-to-a', 'shared-to-b']],
    ['by-counterparty', { counterpartyId: 'https://a.example' }, ['shared-to-a', 'refused-to-a']],
    ['by-action-and-counterparty', { action: 'refused', counterpartyId: 'https://a.example' }, ['refused-to-a']],
    ['nothing-matches', { action: 'rejected' }, []],
    ['unknown-counterparty', { counterpartyId: 'https://nobody.example' }, []],
  ];
  it.each(filters)('filters %s', async (_name, filter, ids) => {
    const file = await exportSharingLog({ log, now: () => NOW }, filter);
    expect(file.entries.map((e) => e.id)).toEqual(ids);
  });
});
