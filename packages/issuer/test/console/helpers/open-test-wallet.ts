import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { openNodeWallet, type Wallet } from '@staff-passport/wallet-sdk';

/**
 * Opens the Node wallet the issuer's tests accept offers with: a fresh SQLite file in the test
 * issuer's data folder, a random secret, and plain http allowed to the issuer on 127.0.0.1.
 *
 * @example
 * const { wallet, close } = await openTestWallet(issuer);
 */
export function openTestWallet(issuer: { dataDir: string }): Promise<{ wallet: Wallet; close: () => Promise<void> }> {
  return openNodeWallet({ file: join(issuer.dataDir, 'wallet.sqlite'), secretKey: randomBytes(32).toString('hex'), allowHttpLoopback: true });
}
