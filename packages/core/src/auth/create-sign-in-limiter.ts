import { TtlCache } from '../lib/ttl-cache.js';
import { RateLimitedError } from './rate-limited-error.js';

/** Options for {@link createSignInLimiter}. */
export interface SignInLimiterOptions {
  /** Failed sign-ins allowed in a burst (default 10). */
  burst?: number;
  /** Failed sign-ins allowed per minute once the burst is spent (default 5). */
  perMinute?: number;
  /** Callers tracked at once; the least recently seen are forgotten first (default 10000). */
  maxTracked?: number;
  /** The clock, in milliseconds. */
  nowMs?: () => number;
}

/** Counts failed sign-ins per caller (address and organisation) and refuses callers who failed too often. */
export interface SignInLimiter {
  /**
   * Refuses a caller whose failures have used up their allowance.
   *
   * @throws RateLimitedError `ERR_RATE_LIMITED`, with the seconds to wait.
   */
  check(key: string): void;
  /** Counts one failed sign-in against a caller. */
  fail(key: string): void;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * An in-memory token bucket per caller: each failed sign-in takes a token, tokens come back at a
 * steady rate, and a caller with no token left is refused (429) until one has come back, whether
 * or not the next attempt would have been right. Successful sign-ins cost nothing. One process
 * only: behind a load balancer each instance counts its own.
 *
 * @example
 * const limiter = createSignInLimiter({ burst: 10, perMinute: 5 });
 * limiter.check(`${req.ip}|${orgId}`);
 */
export function createSignInLimiter(options: SignInLimiterOptions = {}): SignInLimiter {
  const burst = options.burst ?? 10;
  const perMs = (options.perMinute ?? 5) / 60_000;
  const nowMs = options.nowMs ?? Date.now;
  if (!(burst >= 1) || !(perMs > 0)) throw new TypeError('burst must be at least 1 and perMinute above 0');
  // An entry left alone long enough to refill completely is the same as no entry: it may expire.
  const buckets = new TtlCache<Bucket>(options.maxTracked ?? 10_000, Math.ceil(burst / perMs), nowMs);

  const current = (key: string): Bucket => {
    const now = nowMs();
    const bucket = buckets.get(key);
    if (!bucket) return { tokens: burst, at: now };
    return { tokens: Math.min(burst, bucket.tokens + (now - bucket.at) * perMs), at: now };
  };

  return {
    check(key) {
      const bucket = current(key);
      if (bucket.tokens < 1) throw new RateLimitedError(Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)));
    },
    fail(key) {
      const bucket = current(key);
      buckets.set(key, { tokens: Math.max(0, bucket.tokens - 1), at: bucket.at });
    },
  };
}
