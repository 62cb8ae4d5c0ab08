import type { Database, DocumentLoader, Logger, PassportAgent, SecretBox, WebhookService } from '@staff-passport/core';
import type { Resolvable } from 'did-resolver';
import type { AuthState } from './auth/lib/auth-state.js';
import type { IssueCommitQueue } from './issuing/issue-commit-queue.js';
import type { OrgSignerCache } from './organisations/org-signer-cache.js';
import type { SigningThreads } from './organisations/signing-threads.js';
import type { StatusListStore } from './store/status-list-store.js';
import type { TypeValidatorCache } from './types/type-validator-cache.js';

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
  /** Worker threads the signers sign on while issues wait for the main thread (started on first use, stopped on close). */
  signingThreads: SigningThreads;
  issueQueue: IssueCommitQueue;
  /** Keep each issued credential itself, not only its metadata (off by default: data minimisation). */
  storeCredentials: boolean;
  /** What OIDC sign-in remembers between requests on this instance: identity providers' key sets, the failure log's throttle. */
  authState: AuthState;
  /** Seals secrets the issuer keeps at rest besides keys (live offers' pre-authorised codes). */
  secretBox: SecretBox;
  /** Seals the organisations' private keys in their records (`sp_org_keys`), each bound to its kid. */
  keyBox: SecretBox;
  /**
   * This process's bulk job runner (jobs/job-runner.ts), made on first use or by `configureJobs`:
   * held here, not in a module, so each context (and each test) has its own; and the chain that
   * puts the holds of rows for named people one after another (collect/hold-bulk-row.ts).
   */
  jobs: { runner?: unknown; holdChain?: Promise<unknown> };
  /** Compiled validators of registered credential types (each published version compiled once). */
  typeValidators: TypeValidatorCache;
  /**
   * The JSON-LD contexts credentials signed with Data Integrity may use: the bundled ones and the
   * VC Data Model's examples context (what the W3C suites and other implementations' examples name).
   */
  documentLoader: DocumentLoader;
  /** The organisations' webhook endpoints, the outbox events are written to, and its worker. */
  webhooks: WebhookService;
  /**
   * The deployment's default wallet redirect URIs, for organisations that registered none (the
   * demo's web wallet: an origin alone, `https://wallet.example/`, admits its paths).
   */
  walletRedirectUris?: readonly string[];
  /** The deployment's web wallet, offered on the page an emailed offer link opens (`/orgs/{orgId}/collect/...`). */
  webWalletUrl?: string;
}
