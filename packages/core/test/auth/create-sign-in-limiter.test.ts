/** The failed sign-in limiter: a token bucket per caller, on a frozen clock. */
import { describe, expect, it } from '@jest/globals';
import { createSignInLimiter } from '../../src/auth/create-sign-in-limiter.js';
import { RateLimitedError } from '../../src/auth/rate-limited-error.js';

function retryAfter(check: () => void): number | undefined {
  try {
    check();
  } catch (err: unknown) {
    if (err instanceof RateLimitedError) return err.retryAfterSeconds;
    throw err;
  }
  return undefined;
}

describe('createSignInLimiter', () => {
  it('allows a burst of failures, then refuses until a token comes back', () => {
    let now = 0;
    const limiter = createSignInLimiter({ burst: 2, perMinute: 6, nowMs: () => now });
    limiter.check('a');
    limiter.fail('a');
    limiter.check('a');
    limiter.fail('a');
    expect(retryAfter(() => limiter.check('a'))).toBe(10);
    expect(retryAfter(() => limiter.check('b'))).toBeUndefined();
    now += 4_000;
    expect(retryAfter(() => limiter.check('a'))).toBe(6);
    now += 6_000;
    expect(retryAfter(() => limiter.check('a'))).toBeUndefined();
  });

  it('refills no higher than the burst, and forgets callers once full again', () => {
    let now = 0;
    const limiter = createSignInLimiter({ burst: 3, perMinute: 60, nowMs: () => now });
    limiter.fail('a');
    now += 3_600_000;
    for (let i = 0; i < 3; i++) limiter.fail('a');
    expect(retryAfter(() => limiter.check('a'))).toBe(1);
  });

  it('is an ERR_RATE_LIMITED PassportError', () => {
    const limiter = createSignInLimiter({ burst: 1, nowMs: () => 0 });
    limiter.fail('a');
    try {
      limiter.check('a');
      throw new Error('not refused');
    } catch (err: unknown) {
      expect(err).toMatchObject({ code: 'ERR_RATE_LIMITED', name: 'RateLimitedError', retryAfterSeconds: 12 });
    }
  });

  it('refuses settings that would never let anyone in or never refill', () => {
    expect(() => createSignInLimiter({ burst: 0 })).toThrow(TypeError);
    expect(() => createSignInLimiter({ perMinute: 0 })).toThrow(TypeError);
  });
});
