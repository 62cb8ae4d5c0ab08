import type { KeyObject } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { JwsSigner } from '@staff-passport/core';

/** A signer of an organisation's key, with the key's `KeyObject` (for Data Integrity proofs and worker threads). */
export interface OrgKeySigner extends JwsSigner {
  readonly privateKey: KeyObject;
}

/** How long a cached signer is trusted before its key is checked against the key table again. */
export const SIGNER_REVALIDATE_MS = 2_000;

interface Entry {
  signer: OrgKeySigner;
  kid: string;
  checkedAt: number;
}

/**
 * The signers of organisations' active keys, held by the issuer's context (not a module), each
 * checked again against `sp_org_keys` once it is {@link SIGNER_REVALIDATE_MS} old: a rotation made
 * through another instance (or a job running on this one) signs with the new key within that time.
 * Its clock is the process's monotonic one, not the injected business clock (tests freeze that).
 */
export class OrgSignerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly checking = new Map<string, Promise<OrgKeySigner>>();

  /** A signer to use now, or undefined when it must be checked (or made). */
  fresh(orgId: string, alg: string): OrgKeySigner | undefined {
    const entry = this.entries.get(`${orgId}:${alg}`);
    return entry && performance.now() - entry.checkedAt < SIGNER_REVALIDATE_MS ? entry.signer : undefined;
  }

  /** The cached signer when the active key is still `activeKid` (and marks it checked). */
  confirm(orgId: string, alg: string, activeKid: string): OrgKeySigner | undefined {
    const entry = this.entries.get(`${orgId}:${alg}`);
    if (!entry || entry.kid !== activeKid) return undefined;
    entry.checkedAt = performance.now();
    return entry.signer;
  }

  /**
   * Runs `check` (read the active key, confirm or make the signer) once for the callers of one
   * organisation and algorithm that arrive while it runs: they share its answer. Without it, every
   * issue in flight when an entry goes stale (hundreds, every {@link SIGNER_REVALIDATE_MS}) read
   * the key table, each a round trip queued behind the group commit.
   */
  checkOnce(orgId: string, alg: string, check: () => Promise<OrgKeySigner>): Promise<OrgKeySigner> {
    const key = `${orgId}:${alg}`;
    let running = this.checking.get(key);
    if (!running) {
      const mine: Promise<OrgKeySigner> = check().finally(() => {
        if (this.checking.get(key) === mine) this.checking.delete(key);
      });
      running = mine;
      this.checking.set(key, running);
    }
    return running;
  }

  set(orgId: string, alg: string, kid: string, signer: OrgKeySigner): void {
    this.entries.set(`${orgId}:${alg}`, { signer, kid, checkedAt: performance.now() });
  }

  /** Forgets an organisation's signers (after a rotation on this instance). */
  forget(orgId: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(`${orgId}:`)) this.entries.delete(key);
    // A check begun before the rotation is not shared with callers after it.
    for (const key of [...this.checking.keys()]) if (key.startsWith(`${orgId}:`)) this.checking.delete(key);
  }
}
