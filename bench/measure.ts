import { performance } from 'node:perf_hooks';

/** One path's figures, as written to bench/results/latest.json. */
export interface PathResult {
  path: string;
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  rssMb: number;
  vs: { name: string; opsPerSec: number; ratio: number }[];
  /** What else the path measured (targets, sizes, counts), when it says more than a rate. */
  detail?: Record<string, unknown>;
}

/** Peak resident memory over a stretch of work, sampled on a timer (the work may not yield often). */
export class RssSampler {
  peak = process.memoryUsage.rss();
  readonly #timer: NodeJS.Timeout;

  constructor(intervalMs = 50) {
    this.#timer = setInterval(() => this.sample(), intervalMs);
    this.#timer.unref();
  }

  sample(): number {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
    return rss;
  }

  stop(): number {
    clearInterval(this.#timer);
    this.sample();
    return Math.round(this.peak / 1e6);
  }
}

/** p50 and p99 of latencies in milliseconds (sorts the array in place). */
export function percentiles(latencies: number[]): { p50Ms: number; p99Ms: number } {
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { p50Ms: Number(at(0.5).toFixed(3)), p99Ms: Number(at(0.99).toFixed(3)) };
}

/** Builds a result from a count of operations over an elapsed time and their latencies. */
export function resultOf(path: string, ops: number, elapsedMs: number, latencies: number[], rssMb: number): PathResult {
  return { path, opsPerSec: Math.round((ops / elapsedMs) * 1000), ...percentiles(latencies), rssMb, vs: [] };
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
  return resultOf(path, latencies.length, performance.now() - start, latencies, Math.round(peakRss / 1e6));
}

/**
 * Runs `concurrency` copies of an async operation at once, each starting again as soon as it
 * finishes, for a duration after a warm-up: the rate is operations finished per second over all
 * of them (what a server or a bulk job sees), the latency each one's own.
 */
export async function measureConcurrent(path: string, durationMs: number, concurrency: number, op: () => Promise<unknown>): Promise<PathResult> {
  const run = async (until: number, latencies?: number[]): Promise<number> => {
    let ops = 0;
    const lane = async (): Promise<void> => {
      while (performance.now() < until) {
        const t = performance.now();
        await op();
        latencies?.push(performance.now() - t);
        ops += 1;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    return ops;
  };
  await run(performance.now() + Math.min(500, durationMs / 4));
  const rss = new RssSampler();
  const latencies: number[] = [];
  const start = performance.now();
  const ops = await run(start + durationMs, latencies);
  return resultOf(path, ops, performance.now() - start, latencies, rss.stop());
}

/** Adds a comparison: this path's rate divided by the other's. */
export function compare(result: PathResult, other: Pick<PathResult, 'path' | 'opsPerSec'>, name = other.path): void {
  result.vs.push({ name, opsPerSec: other.opsPerSec, ratio: Number((result.opsPerSec / other.opsPerSec).toFixed(3)) });
}
