import {
  CREDENTIALS_EXAMPLES_V2_CONTEXT,
  CREDENTIALS_EXAMPLES_V2_URL,
  ISSUER_WEBHOOK_EVENTS,
  createDidResolver,
  createDocumentLoader,
  createPassportAgent,
  createSecretBox,
  createWebhookService,
  openDatabase,
  type Logger,
  type WebhookAddressPolicy,
  type WebhookDeliverySettings,
} from '@staff-passport/core';
import { createAuthState } from './auth/lib/auth-state.js';
import type { IssuerContext } from './issuer-context.js';
import { IssueCommitQueue } from './issuing/issue-commit-queue.js';
import { TypeValidatorCache } from './types/type-validator-cache.js';
import { OrgSignerCache } from './organisations/org-signer-cache.js';
import { SigningThreads } from './organisations/signing-threads.js';
import { StatusListStore } from './store/status-list-store.js';
import { runHousekeeping } from './lib/run-housekeeping.js';
import { ISSUER_MIGRATIONS } from './store/issuer-schema.js';
import { ORG_KEY_PURPOSE } from './store/org-key-record-migration.js';

/** Options for {@link createIssuerContext}. */
export interface CreateIssuerContextOptions {
  /** The issuer's SQLite file (used when `databaseUrl` is not given). */
  databaseFile: string;
  /** `postgres://...`: the issuer's tables and Veramo's in PostgreSQL instead of `databaseFile`. */
  databaseUrl?: string;
  /** Bring the schema up to date on open (default true); with false it must be current (`staff-passport migrate`). */
  migrate?: boolean;
  secretKey: string;
  publicUrl: string;
  logger: Logger;
  now?: () => Date;
  /** Keep whole credentials, not only metadata (default false). */
  storeCredentials?: boolean;
  /** How often housekeeping runs (expired nonces, tokens and offers, unneeded uploads), in ms (default 60,000; 0 never). */
  housekeepingIntervalMs?: number;
  /** Where webhook endpoints may be (default: public https addresses only). */
  webhookPolicy?: Partial<WebhookAddressPolicy>;
  /** The webhook worker's pace and backoff; `intervalMs: 0` leaves it stopped (tests run rounds themselves). */
  webhookDelivery?: Partial<WebhookDeliverySettings>;
  /** The wallet redirect URIs of organisations that registered none (the deployment's web wallet); default none. */
  walletRedirectUris?: readonly string[];
  /** The deployment's web wallet, offered on the page an emailed offer link opens. */
  webWalletUrl?: string;
}

/**
 * Opens the issuer's SQLite file and builds its Veramo agent: everything the issuer's domain
 * functions and HTTP app need, with the webhook outbox worker running (stopped by `close`).
 *
 * @example
 * const ctx = await createIssuerContext({ databaseFile: 'data/issuer.sqlite', secretKey, publicUrl, logger });
 */
export async function createIssuerContext(options: CreateIssuerContextOptions): Promise<IssuerContext & { close(): Promise<void> }> {
  const db = await openDatabase({
    file: options.databaseFile,
    ...(options.databaseUrl ? { url: options.databaseUrl } : {}),
    scope: 'issuer',
    migrations: ISSUER_MIGRATIONS,
    // Migration 4 seals the organisations' keys again with it.
    secretKey: options.secretKey,
    ...(options.migrate === undefined ? {} : { migrate: options.migrate }),
  });
  // The issuer resolves only its own DIDs and did:key/did:jwk holders; no network fetches are needed.
  const resolver = createDidResolver();
  const agent = createPassportAgent({ dataSource: db.dataSource, secretKey: options.secretKey, resolver });
  const now = options.now ?? (() => new Date());
  const issueQueue = new IssueCommitQueue(db);
  const signingThreads = new SigningThreads();
  const statusLists = new StatusListStore({ db, now });
  const webhooks = createWebhookService({
    db,
    events: ISSUER_WEBHOOK_EVENTS,
    now,
    logger: options.logger,
    secretBox: createSecretBox(options.secretKey, 'staff-passport webhook secrets'),
    ...(options.webhookPolicy ? { policy: options.webhookPolicy } : {}),
    ...(options.webhookDelivery ? { settings: options.webhookDelivery } : {}),
  });
  if (webhooks.dispatcher.settings.intervalMs > 0) webhooks.dispatcher.start();
  const ctx: IssuerContext = {
    agent,
    db,
    resolver,
    publicUrl: options.publicUrl,
    logger: options.logger,
    now,
    statusLists,
    signers: new OrgSignerCache(),
    signingThreads,
    typeValidators: new TypeValidatorCache(),
    documentLoader: createDocumentLoader({ extraContexts: { [CREDENTIALS_EXAMPLES_V2_URL]: JSON.parse(CREDENTIALS_EXAMPLES_V2_CONTEXT) as object } }),
    issueQueue,
    storeCredentials: options.storeCredentials ?? false,
    authState: createAuthState(),
    secretBox: createSecretBox(options.secretKey, 'staff-passport issuer offers'),
    webhooks,
    keyBox: createSecretBox(options.secretKey, ORG_KEY_PURPOSE),
    jobs: {},
    ...(options.walletRedirectUris ? { walletRedirectUris: options.walletRedirectUris } : {}),
    ...(options.webWalletUrl ? { webWalletUrl: options.webWalletUrl } : {}),
  };
  // Housekeeping runs on this timer, owned by the context, off every request's path.
  const intervalMs = options.housekeepingIntervalMs ?? 60_000;
  const housekeeping =
    intervalMs > 0
      ? setInterval(() => {
          if (db.closed) return;
          runHousekeeping(ctx).catch((err: unknown) => ctx.logger.warn({ err }, 'housekeeping failed'));
        }, intervalMs)
      : undefined;
  housekeeping?.unref();
  return Object.assign(ctx, {
    async close() {
      clearInterval(housekeeping);
      await webhooks.dispatcher.stop();
      await issueQueue.drain();
      await signingThreads.close();
      await statusLists.releaseLeases().catch(() => undefined);
      await db.close();
    },
  });
}
