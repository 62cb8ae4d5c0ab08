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

/**
 * Operations per second to three significant figures: a path slower than one operation a second
 * (a 10,000-credential revocation on a busy machine) keeps a rate above zero instead of rounding
 * to 0, which would make every ratio against it meaningless.
 */
export function ratePerSecond(ops: number, elapsedMs: number): number {
  const rate = (ops / elapsedMs) * 1000;
  return rate >= 100 ? Math.round(rate) : Number(rate.toPrecision(3));
}

/** Builds a result from a count of operations over an elapsed time and their latencies. */
export function resultOf(path: string, ops: number, elapsedMs: number, latencies: number[], rssMb: number): PathResult {
  return { path, opsPerSec: ratePerSecond(ops, elapsedMs), ...percentiles(latencies), rssMb, vs: [] };
}

/** What one stretch of a path measured. */
export interface Slice {
  ops: number;
  elapsedMs: number;
  latencies: number[];
  peakRss: number;
}

/** Runs a path for a duration and says what it measured: a path that can be measured in turns. */
export type SliceRunner = (durationMs: number) => Promise<Slice>;

/** One operation at a time (as {@link measure}). */
export function serialRunner(op: () => Promise<unknown> | unknown): SliceRunner {
  return async (durationMs) => {
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
    return { ops: latencies.length, elapsedMs: performance.now() - start, latencies, peakRss };
  };
}

/** `concurrency` operations in flight (as {@link measureConcurrent}); a slice ends when all have finished. */
export function concurrentRunner(concurrency: number, op: () => Promise<unknown>): SliceRunner {
  return async (durationMs) => {
    const rss = new RssSampler();
    const latencies: number[] = [];
    const start = performance.now();
    const until = start + durationMs;
    const lane = async (): Promise<void> => {
      while (performance.now() < until) {
        const t = performance.now();
        await op();
        latencies.push(performance.now() - t);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    const elapsedMs = performance.now() - start;
    rss.stop();
    return { ops: latencies.length, elapsedMs, latencies, peakRss: rss.peak };
  };
}

/**
 * Measures paths taking turns: after a warm-up of each, every path runs for a slice of the
 * duration in turn, `turns` times, and each path's figures add up its slices. On a shared machine
 * the load changes by the second; a path and the raw rate it is compared with, measured in
 * alternating slices, see the same load, so their ratio means something even when the rates move.
 */
export async function measureInTurns(paths: readonly { path: string; run: SliceRunner }[], durationMs: number, turns: number): Promise<PathResult[]> {
  for (const p of paths) await p.run(Math.min(500, durationMs / 4));
  const totals = paths.map(() => ({ ops: 0, elapsedMs: 0, latencies: [] as number[], peakRss: 0 }));
  for (let turn = 0; turn < turns; turn++) {
    for (const [i, p] of paths.entries()) {
      const slice = await p.run(durationMs / turns);
      const total = totals[i]!;
      total.ops += slice.ops;
      total.elapsedMs += slice.elapsedMs;
      for (const l of slice.latencies) total.latencies.push(l);
      total.peakRss = Math.max(total.peakRss, slice.peakRss);
    }
  }
  return paths.map((p, i) => resultOf(p.path, totals[i]!.ops, totals[i]!.elapsedMs, totals[i]!.latencies, Math.round(totals[i]!.peakRss / 1e6)));
}

/**
 * Runs an async operation repeatedly for a duration (after a short warm-up) and measures its rate,
 * latency percentiles and the process's peak resident memory.
 */
export async function measure(path: string, durationMs: number, op: () => Promise<unknown> | unknown): Promise<PathResult> {
  const [result] = await measureInTurns([{ path, run: serialRunner(op) }], durationMs, 1);
  return result!;
}

/**
 * Runs `concurrency` copies of an async operation at once, each starting again as soon as it
 * finishes, for a duration after a warm-up: the rate is operations finished per second over all
 * of them (what a server or a bulk job sees), the latency each one's own.
 */
export async function measureConcurrent(path: string, durationMs: number, concurrency: number, op: () => Promise<unknown>): Promise<PathResult> {
  const [result] = await measureInTurns([{ path, run: concurrentRunner(concurrency, op) }], durationMs, 1);
  return result!;
}

/** Adds a comparison: this path's rate divided by the other's. */
export function compare(result: PathResult, other: Pick<PathResult, 'path' | 'opsPerSec'>, name = other.path): void {
  result.vs.push({ name, opsPerSec: other.opsPerSec, ratio: Number((result.opsPerSec / other.opsPerSec).toFixed(3)) });
}
