/**
 * `pnpm soak [--minutes N] [--concurrency N] [--max-heap-slope MiB/min] [--max-rss-slope MiB/min]`
 * (issue 10, "Load"): starts the issuer and the verifier on 127.0.0.1 (port 0, a fresh data
 * folder, deleted at the end), then for N minutes (default 5) issues credentials over HTTP (VC-JOSE
 * EdDSA and ES256, SD-JWT VC) and verifies each at the verifier, from `concurrency` clients
 * (default 4); every 25th round also fetches the status list, takes a challenge and has a
 * presentation refused (a credential is not a presentation). Every 10 s it samples RSS and the
 * heap after a full GC; at the end it prints ops, errors, the samples and a least-squares trend of
 * each over the run (the first minute, or first fifth of a shorter run, left out as warm-up).
 * Exits 1 on any error or an upward trend beyond the limits (default heap 2 MiB/min, RSS 4 MiB/min).
 * Localhost only; bounded in time.
 */
import { performance } from 'node:perf_hooks';
import { startServices, type Services } from '../helpers/start-services.js';
import { trainingCredential } from '../helpers/training-credential.js';

function numberArg(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  const raw = inline ? inline.slice(name.length + 3) : i >= 0 ? args[i + 1] : undefined;
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const minutes = numberArg('minutes', 5);
const concurrency = Math.floor(numberArg('concurrency', 4));
const maxHeapSlope = numberArg('max-heap-slope', 2);
const maxRssSlope = numberArg('max-rss-slope', 4);
const SAMPLE_MS = 10_000;
const out = (line: string): void => void process.stdout.write(`${line}\n`);
const gc = (globalThis as { gc?: () => void }).gc;

interface Sample {
  seconds: number;
  rssMiB: number;
  heapMiB: number;
  ops: number;
}

/** Least-squares slope of y over x, per minute of x seconds. */
function slopePerMinute(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  return sxx === 0 ? 0 : (sxy / sxx) * 60;
}

function sample(started: number, ops: number): Sample {
  gc?.();
  const mem = process.memoryUsage();
  return { seconds: Math.round((performance.now() - started) / 1000), rssMiB: +(mem.rss / 2 ** 20).toFixed(1), heapMiB: +(mem.heapUsed / 2 ** 20).toFixed(1), ops };
}

const counts = { issued: 0, verified: 0, statusFetches: 0, refusedPresentations: 0, errors: 0 };
const errorKinds = new Map<string, number>();

function error(kind: string): void {
  counts.errors += 1;
  errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; location: string | null }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, location: res.headers.get('location') };
}

const OPTIONS = [{ format: 'vc+jwt', alg: 'EdDSA' }, { format: 'vc+jwt', alg: 'ES256' }, { format: 'dc+sd-jwt' }] as const;
const holder = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

async function round(services: Services, n: number): Promise<void> {
  const issueUrl = `${services.issuerUrl}/orgs/${services.org.id}/credentials/issue`;
  const options = OPTIONS[n % OPTIONS.length]!;
  const issued = await post(issueUrl, { credential: trainingCredential(holder, { completedOn: `2025-0${(n % 9) + 1}-1${n % 10}` }), options }, { authorization: `Bearer ${services.apiKey}` });
  if (issued.status !== 201) return error(`issue ${issued.status} ${String(issued.body['code'])}`);
  counts.issued += 1;
  const verified = await post(`${services.verifierUrl}/credentials/verify`, { verifiableCredential: issued.body['verifiableCredential'] });
  if (verified.status !== 200 || verified.body['verified'] !== true) return error(`verify ${verified.status} ${JSON.stringify(verified.body['errors'] ?? verified.body['code'])}`);
  counts.verified += 1;
  if (n % 25 !== 0) return;
  const record = await fetch(`${services.issuerUrl}${issued.location ?? ''}`, { headers: { authorization: `Bearer ${services.apiKey}` } });
  const listId = ((await record.json()) as { statusListId?: string }).statusListId;
  const list = await fetch(`${services.issuerUrl}/orgs/${services.org.id}/status/${String(listId)}/revocation`);
  await list.arrayBuffer();
  if (list.status !== 200) return error(`status list ${list.status}`);
  counts.statusFetches += 1;
  const challenge = await post(`${services.verifierUrl}/challenges`, {});
  if (challenge.status !== 201) return error(`challenge ${challenge.status}`);
  const vc = issued.body['verifiableCredential'];
  const refused = await post(`${services.verifierUrl}/presentations/verify`, { verifiablePresentation: typeof vc === 'string' ? vc : 'x.y.z', options: { challenge: challenge.body['challenge'], domain: challenge.body['domain'] } });
  if (refused.status !== 400) return error(`presentation ${refused.status}`);
  counts.refusedPresentations += 1;
}

const services = await startServices();
out(`soak: ${minutes} min, ${concurrency} clients, issuer ${services.issuerUrl}, verifier ${services.verifierUrl}; node ${process.version}; gc ${gc ? 'forced before each sample' : 'not exposed (run with --expose-gc)'}`);
const started = performance.now();
const deadline = started + minutes * 60_000;
const samples: Sample[] = [sample(started, 0)];
let rounds = 0;
const timer = setInterval(() => {
  const s = sample(started, counts.issued + counts.verified);
  samples.push(s);
  out(`  t=${String(s.seconds).padStart(4)} s  ops ${String(s.ops).padStart(7)}  rss ${s.rssMiB} MiB  heap ${s.heapMiB} MiB  errors ${counts.errors}`);
}, SAMPLE_MS);

async function client(): Promise<void> {
  while (performance.now() < deadline) {
    const n = rounds;
    rounds += 1;
    try {
      await round(services, n);
    } catch (err: unknown) {
      error(`exception ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

try {
  await Promise.all(Array.from({ length: concurrency }, () => client()));
} finally {
  clearInterval(timer);
}
samples.push(sample(started, counts.issued + counts.verified));
await services.close();

const seconds = (performance.now() - started) / 1000;
const warmUp = Math.min(60, seconds / 5);
const steady = samples.filter((s) => s.seconds >= warmUp);
const heapSlope = slopePerMinute(steady.map((s) => ({ x: s.seconds, y: s.heapMiB })));
const rssSlope = slopePerMinute(steady.map((s) => ({ x: s.seconds, y: s.rssMiB })));
const ops = counts.issued + counts.verified;
out('');
out(`duration ${seconds.toFixed(0)} s; ops ${ops} (${(ops / seconds).toFixed(1)}/s): issued ${counts.issued}, verified ${counts.verified}, status lists ${counts.statusFetches}, presentations refused as expected ${counts.refusedPresentations}`);
out(`errors ${counts.errors}${counts.errors ? `: ${JSON.stringify(Object.fromEntries(errorKinds))}` : ''}`);
out(`RSS ${samples[0]!.rssMiB} -> ${samples.at(-1)!.rssMiB} MiB (max ${Math.max(...samples.map((s) => s.rssMiB))}); heap after GC ${samples[0]!.heapMiB} -> ${samples.at(-1)!.heapMiB} MiB`);
out(`trend after ${warmUp.toFixed(0)} s warm-up (${steady.length} samples): heap ${heapSlope.toFixed(2)} MiB/min (limit ${maxHeapSlope}), RSS ${rssSlope.toFixed(2)} MiB/min (limit ${maxRssSlope})`);
out(`JSON ${JSON.stringify({ minutes, concurrency, seconds: Math.round(seconds), ...counts, opsPerSecond: +(ops / seconds).toFixed(1), heapSlope: +heapSlope.toFixed(2), rssSlope: +rssSlope.toFixed(2), samples })}`);

const failed = counts.errors > 0 || heapSlope > maxHeapSlope || rssSlope > maxRssSlope;
out(failed ? 'soak FAILED' : 'soak ok');
process.exit(failed ? 1 : 0);
