import type { ChainHead } from '../store/audit-store.js';

/**
 * The heads of audit chains as this instance last moved them, held by a writer that appends
 * often (the issue queue): {@link appendAuditEvents} hashes after the remembered head without
 * reading the head row first, and the head row's compare-and-swap tells it when the head was not
 * the chain's (another instance appended, or the transaction that moved it was rolled back): it
 * then reads the head and hashes again. Never trusted, only a guess that saves a round trip a batch.
 */
export class AuditHeads {
  private readonly heads = new Map<string, ChainHead>();

  /** The head last moved to on this chain, if any. */
  get(chain: string): ChainHead | undefined {
    return this.heads.get(chain);
  }

  /** Remembers where a chain's head was moved to. */
  set(chain: string, head: ChainHead): void {
    this.heads.set(chain, head);
  }

  /** Forgets a chain's head (it proved stale). */
  forget(chain: string): void {
    this.heads.delete(chain);
  }
}
