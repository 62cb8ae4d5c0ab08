import type { Database, Logger, PassportAgent, SecretBox, WebhookService } from '@staff-passport/core';
import type { Resolvable } from 'did-resolver';
import type { IssueCommitQueue } from './issuing/issue-commit-queue.js';
import type { OrgSignerCache } from './organisations/org-signer-cache.js';
import type { StatusListStore } from './status/status-list-store.js';

/** What the issuer's domain functions need: injected, so tests and other hosts can supply their own. */
export interface IssuerContext {
  agent: PassportAgent;
  db: Database;
  /** Resolves holders' did:key and did:jwk (for SD-JWT VC holder binding); no network. */
  resolver: Resolvable;
  /** The base URL the issuer is reached at; organisations' did:web identifiers are built on it. */
  publicUrl: string;
  logger: Logger;
  now: () => Date;
  statusLists: StatusListStore;
  /** Signers of organisations' active keys, revalidated against the key table (see OrgSignerCache). */
  signers: OrgSignerCache;
  issueQueue: IssueCommitQueue;
  /** Keep each issued credential itself, not only its metadata (off by default: data minimisation). */
  storeCredentials: boolean;
  /** Seals secrets the issuer keeps at rest besides keys (live offers' pre-authorised codes). */
  secretBox: SecretBox;
  /** The organisations' webhook endpoints, the outbox events are written to, and its worker. */
  webhooks: WebhookService;
}
