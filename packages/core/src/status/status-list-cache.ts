import { TtlCache } from '../lib/ttl-cache.js';

/** A verified, decompressed status list, as kept between checks. */
export type CachedStatusList =
  | {
      kind: 'bitstring';
      /** The DID whose key signed the list (always the issuer it was checked for). */
      signerDid: string;
      purposes: string[];
      bytes: Uint8Array;
      validFromMs?: number;
      validUntilMs?: number;
    }
  | {
      kind: 'token';
      signerDid: string;
      bits: 1 | 2 | 4 | 8;
      bytes: Uint8Array;
      expMs?: number;
    };

/** Options for {@link StatusListCache}. */
export interface StatusListCacheOptions {
  /** How many lists are kept (least recently used go first); default 100. */
  maxEntries?: number;
  /** How long a list without `ttl` or `Cache-Control: max-age` is kept; default 5 minutes. */
  defaultTtlMs?: number;
  /** The longest any list is kept, whatever it says, so revocations reach us; default 1 hour. */
  maxTtlMs?: number;
  now?: () => number;
}

interface Stored {
  value: CachedStatusList;
  expiresAt: number;
}

/**
 * Verified and decoded status lists by URL (and issuer), each kept for its own time to live
 * (the list's `ttl`, else the HTTP `max-age`, else a default, never more than `maxTtlMs`), in a
 * bounded number. Concurrent checks of one list share a single fetch.
 *
 * @example
 * const cache = new StatusListCache({ maxEntries: 500, maxTtlMs: 15 * 60_000 });
 * await checkCredentialStatus({ credentialStatus, issuerDid, resolver, cache });
 */
export class StatusListCache {
  readonly defaultTtlMs: number;
  readonly maxTtlMs: number;
  readonly #now: () => number;
  readonly #entries: TtlCache<Stored>;
  readonly #loading = new Map<string, Promise<CachedStatusList>>();

  constructor(options: StatusListCacheOptions = {}) {
    this.defaultTtlMs = options.defaultTtlMs ?? 5 * 60_000;
    this.maxTtlMs = options.maxTtlMs ?? 60 * 60_000;
    this.#now = options.now ?? Date.now;
    // The TtlCache bounds the count and, with maxTtlMs, the longest stay; each entry's own
    // expiry is checked on the way out.
    this.#entries = new TtlCache<Stored>(options.maxEntries ?? 100, this.maxTtlMs, this.#now);
  }

  /** The list kept under a key, if it has not expired. */
  get(key: string): CachedStatusList | undefined {
    const stored = this.#entries.get(key);
    if (!stored) return undefined;
    if (stored.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return stored.value;
  }

  /** Keeps a list for `ttlMs` (at most `maxTtlMs`); a time of 0 or less keeps nothing. */
  set(key: string, value: CachedStatusList, ttlMs: number): void {
    const ttl = Math.min(ttlMs, this.maxTtlMs);
    if (!(ttl > 0)) {
      this.#entries.delete(key);
      return;
    }
    this.#entries.set(key, { value, expiresAt: this.#now() + ttl });
  }

  /**
   * The list kept under a key, or the one `load` produces (then kept for the time it names).
   * Callers asking for a key already loading wait for that load instead of starting another.
   * Failures are not kept.
   */
  async load(key: string, load: () => Promise<{ value: CachedStatusList; ttlMs: number }>): Promise<CachedStatusList> {
    const hit = this.get(key);
    if (hit) return hit;
    const pending = this.#loading.get(key);
    if (pending) return pending;
    const loading = load().then(({ value, ttlMs }) => {
      this.set(key, value, ttlMs);
      return value;
    });
    this.#loading.set(key, loading);
    try {
      return await loading;
    } finally {
      this.#loading.delete(key);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}
