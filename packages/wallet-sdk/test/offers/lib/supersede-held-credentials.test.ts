/**
 * Renewal, wallet side (issue 19 item 3): a credential received that renews one held (same issuer,
 * same type, same record by the schemas' recordKeyOf) replaces it in the list, and the earlier one
 * stays for the history with a `replaced` log line. Anything else is left alone.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import { MemoryCredentialStore } from '../../../src/memory/memory-credential-store.js';
import { MemoryKeyStore } from '../../../src/memory/memory-key-store.js';
import { MemorySharingLog } from '../../../src/memory/memory-sharing-log.js';
import { supersedeHeldCredentials } from '../../../src/offers/lib/supersede-held-credentials.js';
import type { StoredCredential } from '../../../src/stores/credential-store.js';
import type { WalletParts } from '../../../src/wallet-parts.js';

const ISSUER = 'did:web:issuer.example:orgs:rx1';
let parts: WalletParts;

function training(id: string, over: { subject?: string; level?: number; issuer?: string; validFrom?: string; type?: string } = {}): StoredCredential {
  return {
    id,
    format: 'dc+sd-jwt',
    raw: `sd-jwt-${id}`,
    types: [over.type ?? 'TrainingRecord'],
    issuer: over.issuer ?? ISSUER,
    holder: 'did:key:z6Mkholder',
    claims: { training: { subject: over.subject ?? 'fire_safety', level: over.level ?? 1, completedOn: '2026-01-01' } },
    validFrom: over.validFrom ?? '2026-01-01T00:00:00.000Z',
    storedAt: '2026-01-01T00:00:00.000Z',
  };
}

beforeEach(() => {
  parts = { keys: new MemoryKeyStore(), credentials: new MemoryCredentialStore(), log: new MemorySharingLog(), fetch: globalThis.fetch, now: () => new Date('2026-06-01T10:00:00Z') };
});

describe('supersedeHeldCredentials', () => {
  it('the renewal of the same record replaces the held one, which is kept, with a replaced line in the log', async () => {
    await parts.credentials.put(training('old'));
    const renewal = training('new', { validFrom: '2026-05-01T00:00:00.000Z' });
    await parts.credentials.put(renewal);
    const replaced = await supersedeHeldCredentials(parts, [renewal], { id: 'https://issuer.example/orgs/rx1', name: 'RX1' });
    expect(replaced.map((c) => c.id)).toEqual(['old']);
    expect((await parts.credentials.list({ superseded: false })).map((c) => c.id)).toEqual(['new']);
    expect((await parts.credentials.get('old'))!.supersededBy).toEqual({ id: 'new', at: '2026-06-01T10:00:00.000Z' });
    expect(await parts.log.list()).toEqual([
      expect.objectContaining({ action: 'replaced', counterparty: { id: 'https://issuer.example/orgs/rx1', name: 'RX1' }, credentialTypes: ['TrainingRecord'], credentialIds: ['old'], replacedBy: 'new', claimsDisclosed: [] }),
    ]);
  });

  it.each([
    ['another competence', { subject: 'moving_handling' }],
    ['another level', { level: 2 }],
    ['another issuer', { issuer: 'did:web:elsewhere.example' }],
    ['another type', { type: 'TrainingCompletion' }],
    ['an older credential of the same record (collected out of order)', { validFrom: '2025-01-01T00:00:00.000Z' }],
  ])('leaves the held one alone for %s', async (_name, over) => {
    await parts.credentials.put(training('held'));
    const other = training('received', over);
    await parts.credentials.put(other);
    expect(await supersedeHeldCredentials(parts, [other], { id: 'https://issuer.example/orgs/rx1' })).toEqual([]);
    expect((await parts.credentials.list({ superseded: false })).map((c) => c.id).sort()).toEqual(['held', 'received']);
    expect(await parts.log.list()).toEqual([]);
  });
});
