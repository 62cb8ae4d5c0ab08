import type { Database, Logger, StatusListCache, StatusListFetcher, TrustRegistry, WebhookService } from '@staff-passport/core';
import type { Resolvable } from 'did-resolver';
import type { VerifierKey } from './oid4vp/verifier-key.js';
import type { VerifierStores } from './store/verifier-stores.js';

/** What the verifier needs: injected, so tests freeze the clock and choose what may be fetched. */
export interface VerifierContext {
  /** DID resolution (did:web behind the SSRF guard, cached). */
  resolver: Resolvable;
  /** The verifier's database (SQLite file or PostgreSQL): reached through {@link VerifierContext.stores}. */
  db: Database;
  /** The stores on {@link VerifierContext.db}: nonces, requests, results, added profiles, signing keys. */
  stores: VerifierStores;
  /** The signing key of each DID this context has signed as, loaded once (see `loadVerifierKey`). */
  signingKeys: Map<string, Promise<VerifierKey>>;
  /** The verifier's own URL: the audience presentations must be bound to. */
  publicUrl: string;
  logger: Logger;
  now: () => Date;
  /** Allowed clock difference between issuer, holder and verifier, seconds. */
  clockSkewSeconds: number;
  /** Verified status lists, cached with a time limit and a size bound. */
  statusCache: StatusListCache;
  /** How status lists are fetched (guarded HTTPS GET by default). */
  fetchStatusList: StatusListFetcher;
  /** The trust registry in force, when one is configured; without it no issuer is trusted by name. */
  trustRegistry: () => TrustRegistry | undefined;
  /** How long a nonce (and a presentation request) stays usable, seconds. */
  nonceTtlSeconds: number;
  /** How long check results are kept, days. */
  retentionDays: number;
  /** Keep the credentials of a check, not only their hashes (off by default: data minimisation). */
  storeCredentials: boolean;
  /**
   * 64 hex characters: encrypts the verifier's OpenID4VP signing key at rest. Without it the key
   * is kept unencrypted in the database (local demos and tests).
   */
  secretKey?: string;
  /** Webhook endpoints (keyed by organisation), the outbox `verification.completed` is written to, and its worker. */
  webhooks: WebhookService;
}
