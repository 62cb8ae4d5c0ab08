import { openDatabase } from '@staff-passport/core';
import { SqliteCredentialStore } from './sqlite-credential-store.js';
import { SqliteKeyStore } from './sqlite-key-store.js';
import { SqliteSharingLog } from './sqlite-sharing-log.js';
import { WALLET_MIGRATIONS } from './wallet-schema.js';
import { Wallet } from '../wallet.js';
import type { WalletParts } from '../wallet-parts.js';

/** Options for {@link openNodeWallet}. */
export interface OpenNodeWalletOptions extends Partial<Pick<WalletParts, 'fetch' | 'now' | 'findOrganisation' | 'allowHttpLoopback'>> {
  /** The wallet's SQLite file (holder keys encrypted, credentials, the sharing log); `:memory:` for a throwaway one. */
  file: string;
  /** 64 hex characters: encrypts the holder's private keys at rest. From configuration, never stored. */
  secretKey: string;
}

/**
 * Opens (or creates) a wallet in a SQLite file, for Node: holder keys encrypted with the secret,
 * credentials and the sharing log beside them.
 *
 * @example
 * const { wallet, close } = await openNodeWallet({ file: 'wallet.sqlite', secretKey });
 * const holder = await wallet.createHolder();
 * @throws PassportError `ERR_CONFIG_INVALID` when the secret is not 64 hex characters.
 */
export async function openNodeWallet(options: OpenNodeWalletOptions): Promise<{ wallet: Wallet; close(): Promise<void> }> {
  const { file, secretKey, ...rest } = options;
  const db = await openDatabase({ file, scope: 'wallet', migrations: WALLET_MIGRATIONS });
  try {
    const keys = new SqliteKeyStore(db, { secretKey, ...(rest.now ? { now: rest.now } : {}) });
    const wallet = new Wallet({ ...rest, keys, credentials: new SqliteCredentialStore(db), log: new SqliteSharingLog(db) });
    return { wallet, close: () => db.close() };
  } catch (err: unknown) {
    await db.close();
    throw err;
  }
}
