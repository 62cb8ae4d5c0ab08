/**
 * `bulk-1m`: an ESR-style training compliance CSV (generated streaming to a temp file) through the
 * real bulk job machinery (`createJob`: upload, validate every row, issue with group commit and
 * progress), signing on worker threads (`createWorkerIssueRow`), in a process holding only the
 * issuer. The rate is rows issued per second over the issuing phase; memory is sampled through the
 * whole job.
 */
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, readFileSync, readdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { trainingExpiry, type CstfLevel, type CstfSubjectCode } from '@staff-passport/schemas';
import { configureJobs, createJob, createWorkerIssueRow, getJob, type IssueRowFunction, type IssuerContext, type Organisation } from '@staff-passport/issuer';
import { RssSampler, percentiles, ratePerSecond, type PathResult } from '../measure.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HEADER = 'Employee Number,NI Number,First Name,Last Name,Holder DID,Competence Name,Date Last Awarded,Expiry Date,Compliance Status';
const COMPETENCES: readonly { name: string; subject: CstfSubjectCode; level: CstfLevel }[] = [
  { name: 'NHS|CSTF|Fire Safety - 2 Years|', subject: 'fire_safety', level: 1 },
  { name: 'NHS|CSTF|Conflict Resolution - 3 Years|', subject: 'conflict_resolution', level: 1 },
  { name: 'NHS|CSTF|Health, Safety and Welfare - 3 Years|', subject: 'health_safety_welfare', level: 1 },
  { name: 'NHS|CSTF|Infection Prevention and Control - Level 2 - 1 Year|', subject: 'infection_prevention_control', level: 2 },
  { name: 'NHS|CSTF|Safeguarding Adults - Level 2 - 3 Years|', subject: 'safeguarding_adults', level: 2 },
  { name: 'NHS|CSTF|Information Governance and Data Security - 1 Year|', subject: 'information_governance_data_security', level: 1 },
];
/**
 * Concurrency of the job's issuing: rows in flight, so group commits and signing batches fill.
 * 256 costs the same CPU a row as 512 and holds rows half as long: a fifth of the bytes reach V8's
 * old space (1.5 KB a row against 7 KB), and peak memory is 30-50 MB lower (docs/performance.md).
 */
const CONCURRENCY = 256;

function esrDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}-${MONTHS[Number(m) - 1]}-${y}`;
}

/** Writes `rows` training rows (each a distinct person and competence) to `file`, streaming. */
async function writeTrainingCsv(file: string, rows: number): Promise<number> {
  const out = createWriteStream(file);
  const today = Date.now();
  let chunk = `${HEADER}\r\n`;
  for (let i = 0; i < rows; i++) {
    const competence = COMPETENCES[i % COMPETENCES.length]!;
    const awarded = new Date(today - (i % 60) * 86_400_000).toISOString().slice(0, 10);
    const expiry = trainingExpiry(competence.subject, competence.level, awarded);
    chunk += `${10_000_000 + i},QQ${String(i).padStart(6, '0')}C,Sam,Smith-${i},did:example:staff-${i},"${competence.name}",${esrDate(awarded)},${esrDate(expiry)},Compliant\r\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return out.bytesWritten;
}

/**
 * CPU time of each thread of this process so far, in microseconds, by thread id (Linux: from
 * /proc; empty elsewhere). The main thread's id is the process id.
 */
function threadCpuUs(): Map<string, number> {
  const ticks = new Map<string, number>();
  let tasks: string[] = [];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return ticks;
  }
  for (const tid of tasks) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime, in clock ticks of 10 ms.
      ticks.set(tid, (Number(fields[11]) + Number(fields[12])) * 10_000);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return ticks;
}

/** CPU per row over the issuing phase: the main thread's, and every other thread's (SQLite's, V8's, the signing threads'). */
function cpuPerRow(from: Map<string, number>, to: Map<string, number>, rows: number): { mainUs: number; otherThreadsUs: number } | undefined {
  if (from.size === 0 || rows === 0) return undefined;
  let main = 0;
  let other = 0;
  for (const [tid, us] of to) {
    const spent = us - (from.get(tid) ?? 0);
    if (tid === String(process.pid)) main += spent;
    else other += spent;
  }
  return { mainUs: Math.round(main / rows), otherThreadsUs: Math.round(other / rows) };
}

/** Where a bulk job runs: an issuer context, its organisation, who uploads, a scratch folder. */
export interface BulkTarget {
  issuer: IssuerContext;
  org: Organisation;
  principal: { keyId: string };
  dir: string;
}

/**
 * Runs one job of `rows` rows in this process and measures it: the rate over the issuing phase,
 * per-row latency, peak RSS and RSS at each quarter of the rows done.
 */
export async function runBulkJob(target: BulkTarget, rows: number, concurrency = CONCURRENCY): Promise<PathResult> {
  const file = join(target.dir, 'esr-training.csv');
  const bytes = await writeTrainingCsv(file, rows);
  const onWorkers = createWorkerIssueRow();
  const latencies = new Float64Array(Math.min(rows, 1_000_000));
  let timedRows = 0;
  const timed: IssueRowFunction = async (...args) => {
    const t = performance.now();
    const r = await onWorkers(...args);
    if (timedRows < latencies.length) latencies[timedRows++] = performance.now() - t;
    return r;
  };
  configureJobs(target.issuer, { issueRow: timed, concurrency, progressIntervalMs: 1000 });
  const rss = new RssSampler(100);
  const rssByQuarter: number[] = [];
  const started = performance.now();
  try {
    const created = await createJob(target.issuer, target.org, target.principal, { kind: 'training-compliance', options: { cstfVersion: '1.2', cstfAligned: true } }, createReadStream(file));
    let issuingFrom: number | undefined;
    let cpuFrom = new Map<string, number>();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const job = await getJob(target.issuer, target.org.id, created.id);
      if (job.state === 'issuing' && issuingFrom === undefined) {
        issuingFrom = performance.now();
        cpuFrom = threadCpuUs();
      }
      while (job.total && rssByQuarter.length < 4 && job.done >= (job.total * (rssByQuarter.length + 1)) / 4) rssByQuarter.push(Math.round(rss.sample() / 1e6));
      if (job.state === 'completed' || job.state === 'failed' || job.state === 'failed_validation') {
        if (job.state !== 'completed' || job.issued !== rows) throw new Error(`the bulk job ended ${job.state} with ${job.issued} of ${rows} issued: ${JSON.stringify(job.failure)}`);
        const end = performance.now();
        const cpu = cpuPerRow(cpuFrom, threadCpuUs(), rows);
        const issuingMs = end - (issuingFrom ?? started);
        return {
          path: 'bulk-1m',
          opsPerSec: ratePerSecond(rows, issuingMs),
          ...percentiles(Array.from(latencies.subarray(0, timedRows))),
          rssMb: rss.stop(),
          vs: [],
          detail: {
            rows,
            fileMb: Math.round(bytes / 1e6),
            wholeJobSeconds: Math.round((end - started) / 100) / 10,
            wholeJobRowsPerSec: Math.round((rows / (end - started)) * 1000),
            rssMbAtEachQuarter: rssByQuarter,
            ...(cpu ? { cpuUsPerRowIssuing: cpu } : {}),
            process: 'the issuer alone, in a process of its own (bench/bulk-job.ts)',
            signingThreads: 'availableParallelism() - 1',
            concurrency,
            latency: 'per row, issueRow call to commit, with many rows in flight',
            target: '>= 1.5 x issue-jose; peak RSS < 500 MB, flat in file size',
          },
        };
      }
    }
  } finally {
    rss.stop();
    await onWorkers.close();
    configureJobs(target.issuer, {});
  }
}

/**
 * Runs one job of `rows` rows in a child process holding only an issuer (bench/bulk-job.ts; on
 * PostgreSQL when `databaseUrl` is given, with `instances` issuers on it), as a
 * deployment runs it: the job's memory is measured on its own, not on top of what the paths
 * before it left in this process (the verifier, the Veramo baselines, autocannon's results).
 */
export async function benchBulk(rows: number, options: { databaseUrl?: string; instances?: number; path?: string } = {}): Promise<PathResult> {
  const child = fileURLToPath(new URL('../bulk-job.ts', import.meta.url));
  const extra = [
    ...(options.databaseUrl ? [`--database-url=${options.databaseUrl}`] : []),
    ...(options.instances ? [`--instances=${options.instances}`] : []),
    ...(options.path ? [`--path=${options.path}`] : []),
  ];
  const { stdout } = await promisify(execFile)(process.execPath, [...process.execArgv, child, String(rows), ...extra], { maxBuffer: 1 << 22 });
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as PathResult;
}
