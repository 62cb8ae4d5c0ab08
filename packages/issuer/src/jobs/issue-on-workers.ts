import type { JwsSigner, SupportedAlg } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import { issueCredentialOutcome } from '../issuing/issue-credential.js';
import { getOrgKeySigner } from '../organisations/org-keys.js';
import { SigningThreads, type SigningThreadsOptions } from '../organisations/signing-threads.js';
import type { Organisation } from '../organisations/organisation.js';
import type { IssueRowFunction } from './job-runner.js';

/** Options for {@link createWorkerIssueRow}: its threads. */
export type WorkerIssueRowOptions = SigningThreadsOptions;

/** An {@link IssueRowFunction} that signs on worker threads, and how to stop its threads. */
export interface WorkerIssueRow extends IssueRowFunction {
  /** Stops the signing threads (pending signatures fail); call when the context closes. */
  close(): Promise<void>;
}

/**
 * Bulk issuing with signatures on worker threads: each row goes through `issueCredential` as
 * before (validation, status index, group commit, audit; answering the outcome only, see
 * `issueCredentialOutcome`), and only the JWS signature is made on a
 * thread, with the organisation's key handed over once as a `KeyObject`. Signing inputs of rows
 * issued in the same turn are batched into one message per thread. Plug it in with
 * `configureJobs(ctx, { issueRow })`; Data Integrity (`ldp_vc`) rows still sign on the main thread.
 *
 * @example
 * const issueRow = createWorkerIssueRow();
 * configureJobs(ctx, { issueRow, concurrency: 512 });
 * // ... on shutdown
 * await issueRow.close();
 * @throws PassportError (from the returned function) as `issueCredential`.
 */
export function createWorkerIssueRow(options: WorkerIssueRowOptions = {}): WorkerIssueRow {
  const threads = new SigningThreads(options);
  // The organisation's active key as getOrgKeySigner revalidates it (a rotation is seen), signed with on a thread.
  const signerFor = async (ctx: IssuerContext, org: Organisation, alg: SupportedAlg): Promise<JwsSigner> => {
    const { kid, privateKey } = await getOrgKeySigner(ctx, org, alg);
    return { alg, kid, sign: (input: string) => threads.sign({ kid, alg, privateKey }, input) };
  };
  // The outcome only: a bulk row's credential is handed to nobody (stored with its record when the
  // issuer keeps credentials), so it need not wait in memory for the group commit.
  const issueRow: IssueRowFunction = (ctx, org, request, principal, origin) => issueCredentialOutcome(ctx, org, request, principal, { ...origin, signerFor });
  return Object.assign(issueRow, { close: () => threads.close() });
}
