/**
 * `node --import tsx bench/analyse-cpu-profile.ts FILE.cpuprofile [--top=40] [--skip=SECONDS]
 * [--callers=NAME]`: the functions with the most self time in a V8 CPU profile (`node
 * --cpu-prof`), the files they are in, the inclusive time of our own functions, and who calls a
 * function (`--callers`), so a profile can be read without a browser. `--skip` leaves out the
 * first seconds (start-up: module loading, schema compilation, warm-up).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const topArg = option('top') ?? '40';
const skipUs = Number(option('skip') ?? '0') * 1e6;
const callersOf = option('callers');
if (!file) throw new Error('usage: analyse-cpu-profile.ts FILE.cpuprofile [--top=40] [--skip=SECONDS] [--callers=NAME]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
let elapsed = 0;
profile.samples.forEach((id, i) => {
  elapsed += profile.timeDeltas[i] ?? 0;
  if (elapsed >= skipUs) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);

const shortUrl = (url: string): string => url.replace(/^file:\/\/.*?\/(node_modules\/\.pnpm\/[^/]+\/node_modules\/|packages\/)/, '').slice(-70);
const fnKey = (n: ProfileNode): string => `${n.callFrame.functionName || '(anon)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
const fileKey = (n: ProfileNode): string => shortUrl(n.callFrame.url) || n.callFrame.functionName;

function top(keyOf: (n: ProfileNode) => string, count: number, title: string): void {
  const sums = new Map<string, number>();
  for (const [id, t] of self) {
    const key = keyOf(byId.get(id)!);
    sums.set(key, (sums.get(key) ?? 0) + t);
  }
  process.stdout.write(`\n${title} (total ${(total / 1e6).toFixed(2)} s)\n`);
  for (const [key, t] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, count)) {
    process.stdout.write(`${((100 * t) / total).toFixed(1).padStart(6)}%  ${(t / 1000).toFixed(0).padStart(7)} ms  ${key}\n`);
  }
}

top(fnKey, Number(topArg), 'self time by function');
top(fileKey, 25, 'self time by file');

// Inclusive time of our own functions (packages/...): where the main thread's time goes from our side.
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map<string, number>();
for (const [id, t] of self) {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur)!;
    if (!/\/packages\//.test(n.callFrame.url)) continue;
    const key = fnKey(n);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + t);
  }
}
process.stdout.write(`\ninclusive time of our functions\n`);
for (const [key, t] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg))) {
  process.stdout.write(`${((100 * t) / total).toFixed(1).padStart(6)}%  ${(t / 1000).toFixed(0).padStart(7)} ms  ${key}\n`);
}

if (callersOf) {
  // Self time of the matching functions, by the chain of their three nearest callers.
  const chains = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    if (n.callFrame.functionName !== callersOf && !fnKey(n).includes(callersOf)) continue;
    const chain: string[] = [];
    for (let cur = parent.get(id); cur !== undefined && chain.length < 4; cur = parent.get(cur)) chain.push(fnKey(byId.get(cur)!));
    const key = chain.join('  <-  ');
    chains.set(key, (chains.get(key) ?? 0) + t);
  }
  process.stdout.write(`\ncallers of ${callersOf}\n`);
  for (const [key, t] of [...chains].sort((a, b) => b[1] - a[1]).slice(0, 15)) process.stdout.write(`${(t / 1000).toFixed(0).padStart(7)} ms  ${key}\n`);
}
