import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { PassportError, type JwsSigner, type SupportedAlg } from '@staff-passport/core';
import type { KeyObject } from 'node:crypto';
import type { IssuerContext } from '../issuer-context.js';
import { issueCredentialOutcome } from '../issuing/issue-credential.js';
import { getOrgKeyObject, getOrgSigner } from '../organisations/org-keys.js';
import type { Organisation } from '../organisations/organisation.js';
import type { IssueRowFunction } from './job-runner.js';

/** Options for {@link createWorkerIssueRow}. */
export interface WorkerIssueRowOptions {
  /** Signing threads (default: the cores beyond the main thread's, at least one). */
  threads?: number;
  /** Signing inputs sent to a thread in one message at most (default 64): a message costs more than a signature. */
  maxBatch?: number;
}

/** An {@link IssueRowFunction} that signs on worker threads, and how to stop its threads. */
export interface WorkerIssueRow extends IssueRowFunction {
  /** Stops the signing threads (pending signatures fail); call when the context closes. */
  close(): Promise<void>;
}

// The thread's whole program: no module of ours is loaded there, so it runs the same under tsx,
// jest and the built package. It keeps the keys it is given and signs batches of JWS inputs.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { sign } = require('node:crypto');
const keys = new Map();
parentPort.on('message', (m) => {
  if (m.key) { keys.set(m.keyId, m.key); return; }
  const key = keys.get(m.keyId);
  try {
    const digest = m.alg === 'EdDSA' ? null : 'sha256';
    const signatures = m.inputs.map((input) => sign(digest, Buffer.from(input, 'utf8'), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url'));
    parentPort.postMessage({ batch: m.batch, signatures });
  } catch (err) {
    parentPort.postMessage({ batch: m.batch, error: String(err && err.message || err) });
  }
});
`;

interface Pending {
  input: string;
  resolve(signature: string): void;
  reject(err: unknown): void;
}

interface Lane {
  worker: Worker;
  keys: Set<string>;
  inFlight: Map<number, Pending[]>;
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
  const threads = Math.max(1, options.threads ?? availableParallelism() - 1);
  const maxBatch = options.maxBatch ?? 64;
  const lanes: Lane[] = [];
  let nextBatch = 0;
  let nextLane = 0;
  let closed = false;
  const queued = new Map<string, { alg: SupportedAlg; key: KeyObject; items: Pending[] }>();
  let flushScheduled = false;

  const startLane = (): Lane => {
    const lane: Lane = { worker: new Worker(WORKER_SOURCE, { eval: true }), keys: new Set(), inFlight: new Map() };
    lane.worker.unref();
    lane.worker.on('message', (m: { batch: number; signatures?: string[]; error?: string }) => {
      const items = lane.inFlight.get(m.batch);
      lane.inFlight.delete(m.batch);
      if (!items) return;
      if (m.signatures) items.forEach((p, i) => p.resolve(m.signatures![i]!));
      else for (const p of items) p.reject(new PassportError('ERR_INTERNAL', `a signing thread failed: ${m.error ?? 'unknown error'}`));
    });
    const fail = (err: unknown): void => {
      for (const items of lane.inFlight.values()) for (const p of items) p.reject(err);
      lane.inFlight.clear();
      const at = lanes.indexOf(lane);
      if (at >= 0) lanes.splice(at, 1);
    };
    lane.worker.on('error', fail);
    lane.worker.on('exit', () => fail(new PassportError('ERR_INTERNAL', 'a signing thread stopped')));
    return lane;
  };

  const flush = (): void => {
    flushScheduled = false;
    for (const [keyId, group] of queued) {
      queued.delete(keyId);
      for (let i = 0; i < group.items.length; i += maxBatch) {
        const items = group.items.slice(i, i + maxBatch);
        if (lanes.length < threads && !closed) lanes.push(startLane());
        const lane = lanes[nextLane++ % lanes.length];
        if (!lane) {
          for (const p of items) p.reject(new PassportError('ERR_INTERNAL', 'no signing thread is running'));
          continue;
        }
        if (!lane.keys.has(keyId)) {
          lane.worker.postMessage({ keyId, key: group.key });
          lane.keys.add(keyId);
        }
        const batch = nextBatch++;
        lane.inFlight.set(batch, items);
        lane.worker.postMessage({ batch, keyId, alg: group.alg, inputs: items.map((p) => p.input) });
      }
    }
  };

  // Per signing key (the organisation's active key, as getOrgSigner revalidates it after a
  // rotation): the private key handed to the threads once.
  const signers = new Map<string, Promise<JwsSigner>>();
  const signerFor = async (ctx: IssuerContext, org: Organisation, alg: SupportedAlg): Promise<JwsSigner> => {
    const agentSigner = await getOrgSigner(ctx, org, alg);
    const cacheKey = agentSigner.kid;
    let signer = signers.get(cacheKey);
    if (!signer) {
      signer = (async () => {
        const keyId = agentSigner.kid;
        const key = await getOrgKeyObject(ctx, org, keyId.slice(keyId.indexOf('#') + 1));
        return {
          alg,
          kid: keyId,
          sign: (input: string) =>
            new Promise<string>((resolve, reject) => {
              if (closed) {
                reject(new PassportError('ERR_INTERNAL', 'the signing threads are closed'));
                return;
              }
              let group = queued.get(keyId);
              if (!group) queued.set(keyId, (group = { alg, key, items: [] }));
              group.items.push({ input, resolve, reject });
              if (!flushScheduled) {
                flushScheduled = true;
                setImmediate(flush);
              }
            }),
        };
      })();
      // A failure (no key) is not kept: the next row asks again.
      signer.catch(() => signers.delete(cacheKey));
      signers.set(cacheKey, signer);
    }
    return signer;
  };

  // The outcome only: a bulk row's credential is handed to nobody (stored with its record when the
  // issuer keeps credentials), so it need not wait in memory for the group commit.
  const issueRow: IssueRowFunction = (ctx, org, request, principal, origin) => issueCredentialOutcome(ctx, org, request, principal, { ...origin, signerFor });
  return Object.assign(issueRow, {
    async close(): Promise<void> {
      closed = true;
      await Promise.all(lanes.splice(0).map((lane) => lane.worker.terminate()));
    },
  });
}
