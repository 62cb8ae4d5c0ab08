import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { KeyObject } from 'node:crypto';
import { PassportError, createNodeJwsSigner, type JwsSigner, type SupportedAlg } from '@staff-passport/core';

/** Options for {@link SigningThreads}. */
export interface SigningThreadsOptions {
  /** Signing threads (default: the cores beyond the main thread's, at least one). */
  threads?: number;
  /** Signing inputs sent to a thread in one message at most (default 64): a message costs more than a signature. */
  maxBatch?: number;
}

/** A key the threads sign with: handed to each thread once, as a `KeyObject` (cloned, never exported as bytes). */
export interface ThreadSigningKey {
  /** The JWS `kid` (the verification method's DID URL): names the key on the threads. */
  kid: string;
  alg: SupportedAlg;
  privateKey: KeyObject;
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
 * JWS signatures made on worker threads of this process, so the main thread goes on with the rest
 * of issuing while they are made. The inputs asked for in one turn of the event loop go to a
 * thread together, one message per batch; each key is handed to a thread once. Threads start on
 * the first signature and stop with {@link SigningThreads.close}. Bulk jobs sign every row here;
 * interactive issuing signs here only while issues queue for the main thread (see
 * {@link SigningThreads.signer}).
 *
 * @example
 * const threads = new SigningThreads();
 * const signature = await threads.sign({ kid, alg: 'EdDSA', privateKey }, signingInput);
 * await threads.close();
 */
export class SigningThreads {
  private readonly threads: number;
  private readonly maxBatch: number;
  private readonly lanes: Lane[] = [];
  private readonly queued = new Map<string, { key: ThreadSigningKey; items: Pending[] }>();
  private flushScheduled = false;
  private nextBatch = 0;
  private nextLane = 0;
  private closed = false;

  constructor(options: SigningThreadsOptions = {}) {
    this.threads = Math.max(1, options.threads ?? availableParallelism() - 1);
    this.maxBatch = options.maxBatch ?? 64;
  }

  /**
   * Signs a JWS signing input on a thread; the base64url signature.
   *
   * @throws PassportError `ERR_INTERNAL` when the threads are closed or a thread failed.
   */
  sign(key: ThreadSigningKey, input: string): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      if (this.closed) {
        reject(new PassportError('ERR_INTERNAL', 'the signing threads are closed'));
        return;
      }
      let group = this.queued.get(key.kid);
      if (!group) this.queued.set(key.kid, (group = { key, items: [] }));
      group.items.push({ input, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * A signer of a key that signs on the main thread, or on a thread while `offload()` says the
   * main thread has other work waiting: a lone request is not delayed by a round trip to a thread,
   * and many at once share the cores.
   */
  signer(key: ThreadSigningKey, offload: () => boolean): JwsSigner {
    const inline = createNodeJwsSigner({ privateKey: key.privateKey, kid: key.kid });
    return {
      alg: key.alg,
      kid: key.kid,
      sign: (input) => (offload() && !this.closed ? this.sign(key, input) : inline.sign(input)),
    };
  }

  /** Stops the threads; signatures not yet made fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const group of this.queued.values()) for (const p of group.items) p.reject(new PassportError('ERR_INTERNAL', 'the signing threads are closed'));
    this.queued.clear();
    await Promise.all(this.lanes.splice(0).map((lane) => lane.worker.terminate()));
  }

  private flush(): void {
    this.flushScheduled = false;
    for (const [kid, group] of this.queued) {
      this.queued.delete(kid);
      for (let i = 0; i < group.items.length; i += this.maxBatch) this.send(group.key, group.items.slice(i, i + this.maxBatch));
    }
  }

  private send(key: ThreadSigningKey, items: Pending[]): void {
    if (this.lanes.length < this.threads && !this.closed) this.lanes.push(this.startLane());
    const lane = this.lanes[this.nextLane++ % this.lanes.length];
    if (!lane) {
      for (const p of items) p.reject(new PassportError('ERR_INTERNAL', 'no signing thread is running'));
      return;
    }
    if (!lane.keys.has(key.kid)) {
      lane.worker.postMessage({ keyId: key.kid, key: key.privateKey });
      lane.keys.add(key.kid);
    }
    const batch = this.nextBatch++;
    // Held while it signs, so a process waiting only for a signature does not exit; let go when idle.
    if (lane.inFlight.size === 0) lane.worker.ref();
    lane.inFlight.set(batch, items);
    lane.worker.postMessage({ batch, keyId: key.kid, alg: key.alg, inputs: items.map((p) => p.input) });
  }

  private startLane(): Lane {
    const lane: Lane = { worker: new Worker(WORKER_SOURCE, { eval: true }), keys: new Set(), inFlight: new Map() };
    lane.worker.on('message', (m: { batch: number; signatures?: string[]; error?: string }) => {
      const items = lane.inFlight.get(m.batch);
      lane.inFlight.delete(m.batch);
      if (lane.inFlight.size === 0) lane.worker.unref();
      if (!items) return;
      if (m.signatures) items.forEach((p, i) => p.resolve(m.signatures![i]!));
      else for (const p of items) p.reject(new PassportError('ERR_INTERNAL', `a signing thread failed: ${m.error ?? 'unknown error'}`));
    });
    const fail = (err: unknown): void => {
      for (const items of lane.inFlight.values()) for (const p of items) p.reject(err);
      lane.inFlight.clear();
      const at = this.lanes.indexOf(lane);
      if (at >= 0) this.lanes.splice(at, 1);
    };
    lane.worker.on('error', fail);
    lane.worker.on('exit', () => fail(new PassportError('ERR_INTERNAL', 'a signing thread stopped')));
    // After the listeners (adding a 'message' listener refs the thread again): an idle thread of a
    // context never closed (a script, a test) does not keep the process alive.
    lane.worker.unref();
    return lane;
  }
}
