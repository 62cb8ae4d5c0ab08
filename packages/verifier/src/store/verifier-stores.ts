import type { SqlExecutor } from '@staff-passport/core';
import { createVerifierApiKeyStore, type VerifierApiKeyStore } from './api-key-store.js';
import { createVerifierAuditStore, type VerifierAuditStore } from './audit-store.js';
import { createVerifierKeyStore, type VerifierKeyStore } from './key-store.js';
import { createNonceStore, type NonceStore } from './nonce-store.js';
import { createVerifierOidcConfigStore, type VerifierOidcConfigStore } from './oidc-config-store.js';
import { createVerifierOrgStore, type VerifierOrgStore } from './organisation-store.js';
import { createProfileStore, type ProfileStore } from './profile-store.js';
import { createRequestStore, type RequestStore } from './request-store.js';
import { createResultStore, type ResultStore } from './result-store.js';
import { DEFAULT_ORG_ID } from './verifier-schema.js';

/**
 * Every store of the verifier: the only place its SQL is. Requests, results and profiles are
 * those of one organisation; the others span the verifier.
 */
export interface VerifierStores {
  nonces: NonceStore;
  requests: RequestStore;
  results: ResultStore;
  profiles: ProfileStore;
  keys: VerifierKeyStore;
  organisations: VerifierOrgStore;
  apiKeys: VerifierApiKeyStore;
  oidcConfigs: VerifierOidcConfigStore;
  audit: VerifierAuditStore;
}

/**
 * The verifier's stores on one database (SQLite or PostgreSQL), with requests, results and
 * profiles those of one organisation (default: the default organisation). A store method called
 * inside `db.transaction` joins that transaction.
 *
 * @example
 * const stores = createVerifierStores(db, org.id);
 */
export function createVerifierStores(db: SqlExecutor, orgId: string = DEFAULT_ORG_ID): VerifierStores {
  return {
    nonces: createNonceStore(db),
    requests: createRequestStore(db, orgId),
    results: createResultStore(db, orgId),
    profiles: createProfileStore(db, orgId),
    keys: createVerifierKeyStore(db),
    organisations: createVerifierOrgStore(db),
    apiKeys: createVerifierApiKeyStore(db),
    oidcConfigs: createVerifierOidcConfigStore(db),
    audit: createVerifierAuditStore(db),
  };
}
