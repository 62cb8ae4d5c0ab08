import { randomBytes } from 'node:crypto';
import {
  CREDENTIALS_EXAMPLES_V2_CONTEXT,
  CREDENTIALS_EXAMPLES_V2_URL,
  StatusListCache,
  VERIFIER_WEBHOOK_EVENTS,
  createDidResolver,
  createDocumentLoader,
  createSecretBox,
  createStatusListFetcher,
  createWebhookService,
  openDatabase,
  type Logger,
  type SecretBox,
  type StatusListFetcher,
  type TrustRegistry,
  type WebhookAddressPolicy,
  type WebhookDeliverySettings,
} from '@staff-passport/core';
import { runVerifierHousekeeping } from './housekeeping/run-verifier-housekeeping.js';
import { getVerifierOrganisation } from './organisations/get-verifier-organisation.js';
import { DEFAULT_ORG_ID, VERIFIER_MIGRATIONS } from './store/verifier-schema.js';
import { createVerifierStores } from './store/verifier-stores.js';
import type { VerifierContext } from './verifier-context.js';

/** Options for {@link createVerifierContext}. */
export interface CreateVerifierContextOptions {
  logger: Logger;
  /** The verifier's SQLite file (`:memory:` for a throwaway one). */
  databaseFile: string;
  /** `postgres://...`: the verifier's tables in PostgreSQL instead of `databaseFile`. */
  databaseUrl?: string;
  /** Bring the schema up to date on open (default true); with false it must be current (`staff-passport migrate`). */
  migrate?: boolean;
  /** The verifier's public URL, the audience of presentations. */
  publicUrl: string;
  /** Let did:web and status lists reach loopback and private addresses over http (local demos and tests only). */
  allowPrivateNetwork?: boolean;
  now?: () => Date;
  clockSkewSeconds?: number;
  /** A verified trust registry, or a function giving the one in force (reloaded elsewhere). */
  trustRegistry?: TrustRegistry | (() => TrustRegistry | undefined);
  fetchStatusList?: StatusListFetcher;
  nonceTtlSeconds?: number;
  /** How long the default organisation's results are kept, days (other organisations: their own setting). */
  retentionDays?: number;
  storeCredentials?: boolean;
  /** Accept a VC API caller's own challenge (see {@link VerifierContext.callerChallenges}); default false. */
  callerChallenges?: boolean;
  /** 64 hex characters: encrypts the verifier's OpenID4VP signing key at rest. */
  secretKey?: string;
  /**
   * How often expired results, nonces and requests are deleted, seconds (default 600; 0: never,
   * for a process that only migrates or for tests that run housekeeping themselves).
   */
  housekeepingIntervalSeconds?: number;
  /** Where webhook endpoints may be (default: public https addresses only). */
  webhookPolicy?: Partial<WebhookAddressPolicy>;
  /** The webhook worker's pace and backoff; `intervalMs: 0` leaves it stopped (tests run rounds themselves). */
  webhookDelivery?: Partial<WebhookDeliverySettings>;
}

// Webhook secrets sealed with the service secret, the box made on first use: a malformed secret
// fails where it is used (ERR_CONFIG_INVALID), as the signing key's does, not at start-up.
function sealedWith(secretKey: string): SecretBox {
  let box: SecretBox | undefined;
  const opened = () => (box ??= createSecretBox(secretKey, 'staff-passport webhook secrets'));
  return { seal: (plain, aad) => opened().seal(plain, aad), open: (sealed, aad) => opened().open(sealed, aad) };
}

/**
 * The verifier's dependencies with their defaults: its database (a SQLite file, or PostgreSQL) and
 * the stores on it, a caching DID resolver and status list fetcher behind the SSRF guard, the
 * trust registry, housekeeping on a timer and the webhook outbox worker (both stopped by `close`).
 *
 * @example
 * const ctx = await createVerifierContext({ logger, databaseFile: 'data/verifier.sqlite', publicUrl });
 */
export async function createVerifierContext(options: CreateVerifierContextOptions): Promise<VerifierContext & { close(): Promise<void> }> {
  const allow = options.allowPrivateNetwork === true;
  const db = await openDatabase({
    file: options.databaseFile,
    ...(options.databaseUrl ? { url: options.databaseUrl } : {}),
    scope: 'verifier',
    migrations: VERIFIER_MIGRATIONS,
    ...(options.migrate === undefined ? {} : { migrate: options.migrate }),
  });
  const now = options.now ?? (() => new Date());
  const registry = options.trustRegistry;
  const stores = createVerifierStores(db);
  let org;
  try {
    org = await getVerifierOrganisation({ stores, publicUrl: options.publicUrl }, DEFAULT_ORG_ID);
  } catch (err: unknown) {
    await db.close();
    throw err;
  }
  const ctx: VerifierContext = {
    resolver: createDidResolver({ web: { allowPrivateNetwork: allow, allowHttp: allow } }),
    db,
    stores,
    org,
    signingKeys: new Map(),
    publicUrl: options.publicUrl,
    logger: options.logger,
    now,
    clockSkewSeconds: options.clockSkewSeconds ?? 60,
    statusCache: new StatusListCache({ now: () => now().getTime() }),
    fetchStatusList: options.fetchStatusList ?? createStatusListFetcher({ allowPrivateNetwork: allow, allowHttp: allow }),
    trustRegistry: typeof registry === 'function' ? registry : () => registry,
    nonceTtlSeconds: options.nonceTtlSeconds ?? 600,
    retentionDays: options.retentionDays ?? org.retentionDays,
    storeCredentials: options.storeCredentials ?? false,
    documentLoader: createDocumentLoader({ extraContexts: { [CREDENTIALS_EXAMPLES_V2_URL]: JSON.parse(CREDENTIALS_EXAMPLES_V2_CONTEXT) as object } }),
    callerChallenges: options.callerChallenges ?? false,
    identityProviders: { jwks: new Map(), allowHttpLoopback: allow },
    // A malformed secret is reported where the signing key is loaded (ERR_CONFIG_INVALID).
    sessionBox: createSecretBox(/^[0-9a-fA-F]{64}$/.test(options.secretKey ?? '') ? options.secretKey! : randomBytes(32).toString('hex'), 'staff-passport verifier desk session'),
    ...(options.secretKey === undefined ? {} : { secretKey: options.secretKey }),
    webhooks: createWebhookService({
      db,
      events: VERIFIER_WEBHOOK_EVENTS,
      now,
      logger: options.logger,
      ...(options.secretKey === undefined ? {} : { secretBox: sealedWith(options.secretKey) }),
      ...(options.webhookPolicy ? { policy: options.webhookPolicy } : {}),
      ...(options.webhookDelivery ? { settings: options.webhookDelivery } : {}),
    }),
  };
  if (ctx.webhooks.dispatcher.settings.intervalMs > 0) ctx.webhooks.dispatcher.start();
  const interval = options.housekeepingIntervalSeconds ?? 600;
  const timer =
    interval > 0
      ? setInterval(() => {
          if (db.closed) return;
          runVerifierHousekeeping(ctx).catch((err: unknown) => ctx.logger.warn({ err }, 'verifier housekeeping failed; it runs again on the next tick'));
        }, interval * 1000).unref()
      : undefined;
  return {
    ...ctx,
    close: async () => {
      clearInterval(timer);
      await ctx.webhooks.dispatcher.stop();
      return db.close();
    },
  };
}
