import { existsSync, readFileSync } from 'node:fs';

/** One refusal cause: where, the problem code and field (or the failed checks), and how often. */
export interface RefusalCause {
  endpoint: string;
  cause: string;
  count: number;
}

function causeOf(response: string): string {
  try {
    const body = JSON.parse(response) as { code?: string; field?: string; errors?: { check?: string; code?: string }[] };
    const checks = [...new Set((body.errors ?? []).map((e) => `${e.check}:${e.code}`))].sort();
    return checks.length > 0 ? checks.join(' ') : `${body.code ?? '?'}${body.field ? ` (${body.field})` : ''}`;
  } catch {
    return 'not JSON';
  }
}

/**
 * Counts the refusals (4xx and 5xx) the front logged for a suite, by endpoint and cause, most
 * frequent first: the figures docs/conformance.md groups the failures by. A refusal is not always
 * a failure (the suites' negative tests expect them).
 *
 * @example
 * tallyExchanges('results/latest/vc-di-eddsa.exchanges.jsonl').slice(0, 5)
 */
export function tallyExchanges(file: string): RefusalCause[] {
  if (!existsSync(file)) return [];
  const counts = new Map<string, RefusalCause>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const exchange = JSON.parse(line) as { path: string; status: number; response: string };
    if (exchange.status < 400) continue;
    const endpoint = exchange.path.startsWith('/issuers/') ? 'issue' : exchange.path.replace(/^\/verifier\//, '');
    const cause = causeOf(exchange.response);
    const key = `${endpoint} ${cause}`;
    const entry = counts.get(key) ?? { endpoint, cause, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count);
}
