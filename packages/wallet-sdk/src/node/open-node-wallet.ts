import { createDidResolver, createPassportAgent, openDatabase } from '@staff-passport/core';
import { Wallet } from '../wallet.js';
import { SqliteCredentialStore, WALLET_SCHEMA } from './sqlite-credential-store.js';
import { VeramoHolderKeys } from './veramo-holder-keys.js';

/** Options for {@link openNodeWallet}. */
export interface OpenNodeWalletOptions {
  /** The wallet's SQLite file (keys encrypted, credentials, later the sharing log). */
  file: string;
  /** 64 hex characters: encrypts the holder's private keys at rest. */
  secretKey: string;
  now?: () => Date;
}

/**
 * Opens (or creates) a wallet in a SQLite file, for Node: holder keys in Veramo's key manager,
 * encrypted with the secret; credentials beside them.
 *
 * @example
 * const { wallet, close } = await openNodeWallet({ file: 'wallet.sqlite', secretKey });
 * const holder = await wallet.createHolder();
 */
export async function openNodeWallet(options: OpenNodeWalletOptions): Promise<{ wallet: Wallet; close(): Promise<void> }> {
  const db = await openDatabase({ file: options.file, schema: WALLET_SCHEMA });
  const agent = createPassportAgent({ dataSource: db, secretKey: options.secretKey, resolver: createDidResolver() });
  const wallet = new Wallet(new VeramoHolderKeys(agent), new SqliteCredentialStore(db), options.now);
  return { wallet, close: () => db.destroy() };
}
