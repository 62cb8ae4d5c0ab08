import { Wallet } from '../wallet.js';
import type { WalletParts } from '../wallet-parts.js';
import { IndexedDbCredentialStore } from './indexed-db-credential-store.js';
import { IndexedDbKeyStore } from './indexed-db-key-store.js';
import { IndexedDbSharingLog } from './indexed-db-sharing-log.js';
import { openWalletDatabase } from './lib/wallet-database.js';

/** Options for {@link openBrowserWallet}. */
export interface OpenBrowserWalletOptions extends Partial<Pick<WalletParts, 'fetch' | 'now' | 'findOrganisation' | 'allowHttpLoopback'>> {
  /** The IndexedDB database name; default `staff-passport-wallet`. */
  dbName?: string;
  /** Default `globalThis.indexedDB`. */
  indexedDB?: IDBFactory;
}

/**
 * Opens (or creates) a wallet in the browser's IndexedDB: holder keys as non-extractable WebCrypto
 * keys (they sign, and can never be read out), credentials and the sharing log beside them.
 *
 * @example
 * const { wallet } = await openBrowserWallet({ dbName: 'staff-passport-wallet' });
 * const holder = await wallet.createHolder({ alg: 'ES256' });
 */
export async function openBrowserWallet(options: OpenBrowserWalletOptions = {}): Promise<{ wallet: Wallet; close(): void }> {
  const { dbName, indexedDB, ...rest } = options;
  const db = await openWalletDatabase(dbName ?? 'staff-passport-wallet', indexedDB);
  const wallet = new Wallet({
    ...rest,
    keys: new IndexedDbKeyStore(db, rest.now ? { now: rest.now } : {}),
    credentials: new IndexedDbCredentialStore(db),
    log: new IndexedDbSharingLog(db),
  });
  return { wallet, close: () => db.close() };
}
