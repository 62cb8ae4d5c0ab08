/**
 * `bulk-1m`: an ESR-style training compliance CSV (generated streaming to a temp file) through the
 * real bulk job machinery (`createJob`: upload, validate every row, issue with group commit and
 * progress), signing on worker threads (`createWorkerIssueRow`). The rate is rows issued per second
 * over the issuing phase; memory is sampled through the whole job.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { trainingExpiry, type CstfLevel, type CstfSubjectCode } from '@staff-passport/schemas';
import { configureJobs, createJob, createWorkerIssueRow, getJob, type IssueRowFunction } from '@staff-passport/issuer';
import type { BenchWorld } from '../lib/bench-world.js';
import { RssSampler, percentiles, type PathResult } from '../measure.js';

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
/** Concurrency of the job's issuing: rows in flight, so group commits and signing batches fill. */
const CONCURRENCY = 512;

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

/** Runs one job of `rows` rows. */
export async function benchBulk(world: BenchWorld, rows: number): Promise<PathResult> {
  const file = join(world.dir, 'esr-training.csv');
  const bytes = await writeTrainingCsv(file, rows);
  const onWorkers = createWorkerIssueRow();
  const latencies: number[] = [];
  const timed: IssueRowFunction = async (...args) => {
    const t = performance.now();
    const r = await onWorkers(...args);
    if (latencies.length < 1_000_000) latencies.push(performance.now() - t);
    return r;
  };
  configureJobs(world.issuer, { issueRow: timed, concurrency: CONCURRENCY, progressIntervalMs: 1000 });
  const rss = new RssSampler(100);
  const rssByQuarter: number[] = [];
  const started = performance.now();
  try {
    const created = await createJob(world.issuer, world.org, world.principal, { kind: 'training-compliance', options: { cstfVersion: '1.2', cstfAligned: true } }, createReadStream(file));
    let issuingFrom: number | undefined;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const job = await getJob(world.issuer, world.org.id, created.id);
      if (job.state === 'issuing' && issuingFrom === undefined) issuingFrom = performance.now();
      while (job.total && rssByQuarter.length < 4 && job.done >= (job.total * (rssByQuarter.length + 1)) / 4) rssByQuarter.push(Math.round(rss.sample() / 1e6));
      if (job.state === 'completed' || job.state === 'failed' || job.state === 'failed_validation') {
        if (job.state !== 'completed' || job.issued !== rows) throw new Error(`the bulk job ended ${job.state} with ${job.issued} of ${rows} issued: ${JSON.stringify(job.failure)}`);
        const end = performance.now();
        const issuingMs = end - (issuingFrom ?? started);
        return {
          path: 'bulk-1m',
          opsPerSec: Math.round((rows / issuingMs) * 1000),
          ...percentiles(latencies),
          rssMb: rss.stop(),
          vs: [],
          detail: {
            rows,
            fileMb: Math.round(bytes / 1e6),
            wholeJobSeconds: Math.round((end - started) / 100) / 10,
            wholeJobRowsPerSec: Math.round((rows / (end - started)) * 1000),
            rssMbAtEachQuarter: rssByQuarter,
            signingThreads: 'availableParallelism() - 1',
            concurrency: CONCURRENCY,
            latency: 'per row, issueRow call to commit, with many rows in flight',
            target: '>= 1.5 x issue-jose; peak RSS < 500 MB, flat in file size',
          },
        };
      }
    }
  } finally {
    rss.stop();
    await onWorkers.close();
    configureJobs(world.issuer, {});
  }
}
