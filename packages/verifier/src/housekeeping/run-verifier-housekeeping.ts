import { randomUUID } from 'node:crypto';
import { createVerifierStores } from '../store/verifier-stores.js';
import type { VerifierContext } from '../verifier-context.js';

/** What one round of {@link runVerifierHousekeeping} deleted. */
export interface HousekeepingCounts {
  nonces: number;
  requests: number;
  results: number;
}

const DAY_MS = 86_400_000;
// The audit event of a round names at most this many results (with the count of all).
const MAX_IDS_AUDITED = 1000;

/**
 * Deletes what the verifier no longer keeps: each organisation's results older than its retention
 * period (as set now: a shortened period applies to results kept already), each round's deletions
 * audited in that organisation's log (`result.expire`, actor `system`, the ids); nonces expired for
 * more than a day; and requests expired for longer than the longest retention period (their result
 * is gone by then). It runs on a timer (`createVerifierContext`), off the request paths; with
 * several instances each runs it, and a row deleted twice is deleted once.
 *
 * @example
 * const { results } = await runVerifierHousekeeping(ctx);
 */
export async function runVerifierHousekeeping(ctx: Pick<VerifierContext, 'db' | 'stores' | 'now' | 'retentionDays' | 'org'>): Promise<HousekeepingCounts> {
  const now = ctx.now().getTime();
  const at = new Date(now).toISOString();
  let results = 0;
  let longest = ctx.retentionDays;
  for (const org of await ctx.stores.organisations.list()) {
    // The context's own organisation (the default one) keeps its configured period.
    const days = org.id === ctx.org.id ? ctx.retentionDays : Number(org.retention_days);
    longest = Math.max(longest, days);
    const deleted = await ctx.db.transaction(async (tx) => {
      const stores = createVerifierStores(tx, org.id);
      const ids = await stores.results.deleteRetained(new Date(now - days * DAY_MS).toISOString(), at);
      if (ids.length > 0) {
        await stores.audit.append({
          id: randomUUID(),
          orgId: org.id,
          at,
          actor: 'system',
          action: 'result.expire',
          subject: `${ids.length} result${ids.length === 1 ? '' : 's'}`,
          detail: { retentionDays: days, count: ids.length, resultIds: ids.slice(0, MAX_IDS_AUDITED) },
        });
      }
      return ids.length;
    });
    results += deleted;
  }
  const nonces = await ctx.stores.nonces.deleteExpired(new Date(now - DAY_MS).toISOString());
  const requests = await ctx.stores.requests.deleteExpired(new Date(now - longest * DAY_MS).toISOString());
  return { nonces, requests, results };
}
