import type { Database, DocumentLoader, JwksEntry, Logger, SecretBox, StatusListCache, StatusListFetcher, TrustRegistry, WebhookService } from '@staff-passport/core';
import type { Resolvable } from 'did-resolver';
import type { VerifierKey } from './oid4vp/verifier-key.js';
import type { VerifierOrganisation } from './organisations/verifier-organisation.js';
import type { VerifierStores } from './store/verifier-stores.js';

/** What the verifier needs: injected, so tests freeze the clock and choose what may be fetched. */
export interface VerifierContext {
  /** DID resolution (did:web behind the SSRF guard, cached). */
  resolver: Resolvable;
  /** The verifier's database (SQLite file or PostgreSQL): reached through {@link VerifierContext.stores}. */
  db: Database;
  /**
   * The stores on {@link VerifierContext.db}: nonces, signing keys, organisations, API keys, the
   * audit log, and the requests, results and added profiles of {@link VerifierContext.org}.
   */
  stores: VerifierStores;
  /**
   * The organisation this context acts for: the default organisation on the context
   * `createVerifierContext` makes, a signed-in caller's on the one `scopeToOrganisation` makes.
   */
  org: VerifierOrganisation;
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
  /**
   * The JSON-LD contexts Data Integrity credentials may use: the bundled ones and the VC Data
   * Model's examples context (what the W3C suites and other implementations' examples name).
   */
  documentLoader: DocumentLoader;
  /**
   * VC API `POST /presentations/verify`: also accept a challenge the caller chose rather than one
   * from `POST /challenges` (the VC API leaves the challenge to the caller, who then answers for
   * its freshness). A challenge this verifier gave out is still used up once. Off by default;
   * OpenID4VP requests always use the verifier's own nonces.
   */
  callerChallenges: boolean;
  /** How long a nonce (and a presentation request) stays usable, seconds. */
  nonceTtlSeconds: number;
  /** How long check results are kept, days: the organisation's setting on a scoped context. */
  retentionDays: number;
  /** Keep the credentials of a check, not only their hashes (off by default: data minimisation). */
  storeCredentials: boolean;
  /**
   * Seals the desk's session cookies: keyed from {@link VerifierContext.secretKey}, or from a random
   * key of this process when there is none (sessions then end when it stops, and instances do not
   * share them).
   */
  sessionBox: SecretBox;
  /** Organisations' OpenID providers: their key sets (cached per organisation), and whether http on loopback is allowed (tests and demos). */
  identityProviders: { jwks: Map<string, JwksEntry>; allowHttpLoopback: boolean };
  /**
   * 64 hex characters: encrypts the verifier's OpenID4VP signing key at rest. Without it the key
   * is kept unencrypted in the database (local demos and tests).
   */
  secretKey?: string;
  /** Webhook endpoints (keyed by organisation), the outbox `verification.completed` is written to, and its worker. */
  webhooks: WebhookService;
}
