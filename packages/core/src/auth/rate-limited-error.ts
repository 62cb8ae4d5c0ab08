import { PassportError } from '../errors/passport-error.js';

/**
 * `ERR_RATE_LIMITED` (429) with how long to wait: {@link addAuthHeaders} turns it into a
 * `retry-after` header.
 */
export class RateLimitedError extends PassportError {
  /** Whole seconds until the next attempt may be made. */
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number, message = 'too many failed sign-ins: try again later') {
    super('ERR_RATE_LIMITED', message, { field: 'authorization' });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
