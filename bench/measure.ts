import { performance } from 'node:perf_hooks';

/** One path's figures, as written to bench/results/latest.json. */
export interface PathResult {
  path: string;
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  rssMb: number;
  vs: { name: string; opsPerSec: number; ratio: number }[];
}

/**
 * Runs an async operation repeatedly for a duration (after a short warm-up) and measures its rate,
 * latency percentiles and the process's peak resident memory.
 */
export async function measure(path: string, durationMs: number, op: () => Promise<unknown> | unknown): Promise<PathResult> {
  const warmUntil = performance.now() + Math.min(500, durationMs / 4);
  while (performance.now() < warmUntil) await op();
  const latencies: number[] = [];
  let peakRss = process.memoryUsage.rss();
  const start = performance.now();
  const end = start + durationMs;
  while (performance.now() < end) {
    const t = performance.now();
    await op();
    latencies.push(performance.now() - t);
    if (latencies.length % 256 === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }
  const elapsed = performance.now() - start;
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    path,
    opsPerSec: Math.round((latencies.length / elapsed) * 1000),
    p50Ms: Number(at(0.5).toFixed(3)),
    p99Ms: Number(at(0.99).toFixed(3)),
    rssMb: Math.round(peakRss / 1e6),
    vs: [],
  };
}

/** Adds a comparison: this path's rate divided by the other's. */
export function compare(result: PathResult, other: PathResult): void {
  result.vs.push({ name: other.path, opsPerSec: other.opsPerSec, ratio: Number((result.opsPerSec / other.opsPerSec).toFixed(3)) });
}
