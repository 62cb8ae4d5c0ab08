import { createDidResolver, createPassportAgent, createSecretBox, openDatabase, type Logger } from '@staff-passport/core';
import type { IssuerContext } from './issuer-context.js';
import { IssueCommitQueue } from './issuing/issue-commit-queue.js';
import { StatusListStore } from './status/status-list-store.js';
import { ISSUER_SCHEMA } from './store/issuer-schema.js';

/** Options for {@link createIssuerContext}. */
export interface CreateIssuerContextOptions {
  /** The issuer's SQLite file. */
  databaseFile: string;
  secretKey: string;
  publicUrl: string;
  logger: Logger;
  now?: () => Date;
  /** Keep whole credentials, not only metadata (default false). */
  storeCredentials?: boolean;
}

/**
 * Opens the issuer's SQLite file and builds its Veramo agent: everything the issuer's domain
 * functions and HTTP app need.
 *
 * @example
 * const ctx = await createIssuerContext({ databaseFile: 'data/issuer.sqlite', secretKey, publicUrl, logger });
 */
export async function createIssuerContext(options: CreateIssuerContextOptions): Promise<IssuerContext & { close(): Promise<void> }> {
  const db = await openDatabase({ file: options.databaseFile, schema: ISSUER_SCHEMA });
  // The issuer resolves only its own DIDs and did:key/did:jwk holders; no network fetches are needed.
  const resolver = createDidResolver();
  const agent = createPassportAgent({ dataSource: db, secretKey: options.secretKey, resolver });
  const now = options.now ?? (() => new Date());
  const issueQueue = new IssueCommitQueue(db);
  return {
    agent,
    db,
    resolver,
    publicUrl: options.publicUrl,
    logger: options.logger,
    now,
    statusLists: new StatusListStore({ db, now }),
    issueQueue,
    storeCredentials: options.storeCredentials ?? false,
    secretBox: createSecretBox(options.secretKey, 'staff-passport issuer offers'),
    async close() {
      await issueQueue.drain();
      await db.destroy();
    },
  };
}
