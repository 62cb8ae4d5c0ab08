import { createDidResolver, type Logger } from '@staff-passport/core';
import type { VerifierContext } from './verifier-context.js';

/** Options for {@link createVerifierContext}. */
export interface CreateVerifierContextOptions {
  logger: Logger;
  /** Let did:web reach loopback and private addresses over http (local demos and tests only). */
  allowPrivateNetwork?: boolean;
  now?: () => Date;
  clockSkewSeconds?: number;
}

/**
 * The verifier's dependencies with their defaults: a caching DID resolver behind the SSRF guard.
 *
 * @example
 * const ctx = createVerifierContext({ logger, allowPrivateNetwork: config.allowPrivateNetwork });
 */
export function createVerifierContext(options: CreateVerifierContextOptions): VerifierContext {
  const allow = options.allowPrivateNetwork === true;
  return {
    resolver: createDidResolver({ web: { allowPrivateNetwork: allow, allowHttp: allow } }),
    logger: options.logger,
    now: options.now ?? (() => new Date()),
    clockSkewSeconds: options.clockSkewSeconds ?? 60,
  };
}
