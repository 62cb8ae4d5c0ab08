/**
 * openNodeWallet: a wallet in one SQLite file, whose holder keys are sealed with the secret given
 * at each opening (the stores themselves are run by stores/credential-store.contract.test.ts).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNodeWallet } from '../../src/node/open-node-wallet.js';

const dir = mkdtempSync(join(tmpdir(), 'sp-node-wallet-'));
const file = join(dir, 'wallet.sqlite');
const SECRET = 'ab'.repeat(32);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openNodeWallet', () => {
  it('keeps holders, and their use, across openings of the same file with the same secret', async () => {
    const first = await openNodeWallet({ file, secretKey: SECRET, now: () => new Date('2026-03-01T09:00:00Z') });
    const holder = await first.wallet.createHolder();
    await first.close();

    const again = await openNodeWallet({ file, secretKey: SECRET });
    try {
      expect(await again.wallet.listHolders()).toEqual([holder]);
      expect((await again.wallet.listKeys())[0]).toMatchObject({ did: holder, createdAt: '2026-03-01T09:00:00.000Z' });
      await expect(again.wallet.exportWallet({ passphrase: 'correct horse battery staple', iterations: 1000 })).resolves.toBeDefined();
    } finally {
      await again.close();
    }
  });

  it('cannot use the holder keys when opened with another secret', async () => {
    const other = await openNodeWallet({ file, secretKey: 'cd'.repeat(32) });
    try {
      const [holder] = await other.wallet.listHolders();
      await expect(other.wallet.exportWallet({ passphrase: 'correct horse battery staple', iterations: 1000 })).rejects.toThrow();
      expect(holder).toMatch(/^did:/);
    } finally {
      await other.close();
    }
  });

  const badSecrets: [name: string, secretKey: string][] = [
    ['too-short-fail', 'ab'.repeat(16)],
    ['not-hex-fail', 'zz'.repeat(32)],
    ['empty-fail', ''],
  ];
  it.each(badSecrets)('%s', async (_name, secretKey) => {
    await expect(openNodeWallet({ file: ':memory:', secretKey })).rejects.toMatchObject({ code: 'ERR_CONFIG_INVALID' });
  });
});
