import type { SqlExecutor } from '@staff-passport/core';
import { createVerifierKeyStore, type VerifierKeyStore } from './key-store.js';
import { createNonceStore, type NonceStore } from './nonce-store.js';
import { createProfileStore, type ProfileStore } from './profile-store.js';
import { createRequestStore, type RequestStore } from './request-store.js';
import { createResultStore, type ResultStore } from './result-store.js';

/** Every store of the verifier: the only place its SQL is. */
export interface VerifierStores {
  nonces: NonceStore;
  requests: RequestStore;
  results: ResultStore;
  profiles: ProfileStore;
  keys: VerifierKeyStore;
}

/**
 * The verifier's stores on one database (SQLite or PostgreSQL). A store method called inside
 * `db.transaction` joins that transaction.
 *
 * @example
 * const stores = createVerifierStores(db);
 */
export function createVerifierStores(db: SqlExecutor): VerifierStores {
  return {
    nonces: createNonceStore(db),
    requests: createRequestStore(db),
    results: createResultStore(db),
    profiles: createProfileStore(db),
    keys: createVerifierKeyStore(db),
  };
}
