import type { VerifierContext } from '../verifier-context.js';

/** What one round of {@link runVerifierHousekeeping} deleted. */
export interface HousekeepingCounts {
  nonces: number;
  requests: number;
  results: number;
}

const DAY_MS = 86_400_000;

/**
 * Deletes what the verifier no longer keeps: results past their retention period, nonces expired
 * for more than a day, and requests expired for longer than results are kept (their result is
 * gone by then). It runs on a timer (`createVerifierContext`), off the request paths; with
 * several instances each runs it, and a row deleted twice is deleted once.
 *
 * @example
 * const { results } = await runVerifierHousekeeping(ctx);
 */
export async function runVerifierHousekeeping(ctx: Pick<VerifierContext, 'stores' | 'now' | 'retentionDays'>): Promise<HousekeepingCounts> {
  const now = ctx.now().getTime();
  const results = await ctx.stores.results.deleteExpired(new Date(now).toISOString());
  const nonces = await ctx.stores.nonces.deleteExpired(new Date(now - DAY_MS).toISOString());
  const requests = await ctx.stores.requests.deleteExpired(new Date(now - ctx.retentionDays * DAY_MS).toISOString());
  return { nonces, requests, results };
}
