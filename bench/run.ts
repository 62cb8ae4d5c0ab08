/**
 * `pnpm bench [--quick] [--only=a,b] [--out=FILE]`: measures each path of issue 9 and, in the same
 * run, what it is compared with (raw node:crypto Ed25519, Veramo's defaults, @sd-jwt/sd-jwt-vc);
 * prints a table and writes bench/results/latest.json (`--quick`: bench/results/quick.json).
 * `--quick` is a short smoke run that checks the harness works: no figure from it means anything.
 * `--only` runs some groups: raw, agent, jose, sdjwt, passport, wallet, status, http, bulk, pg
 * (issue-jose, verify-jose, revoke-10k and bulk on a throwaway PostgreSQL cluster, with one and
 * with two issuer instances);
 * `--bulk-rows=N` sizes the bulk run, which runs in a child process holding only the issuer
 * (bench/bulk-job.ts), so its memory is the job's.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchAgentSign } from './agent-sign.js';
import { createBenchWorld } from './lib/bench-world.js';
import { compare, type PathResult } from './measure.js';
import { benchBulk } from './paths/bulk-paths.js';
import { benchHttpPaths } from './paths/http-paths.js';
import { benchPostgres } from './paths/postgres-paths.js';
import { benchJosePaths, measureRawEd25519 } from './paths/jose-paths.js';
import { benchVerifyPassport, benchWalletPresent } from './paths/passport-paths.js';
import { benchSdJwtPaths } from './paths/sd-jwt-paths.js';
import { benchRevokeMany, benchStatusList } from './paths/status-paths.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const outArg = args.find((a) => a.startsWith('--out='))?.slice('--out='.length);
const bulkRowsArg = args.find((a) => a.startsWith('--bulk-rows='))?.slice('--bulk-rows='.length);
const wants = (group: string): boolean => !only || only.includes(group);
const out = (line: string): void => void process.stdout.write(`${line}\n`);

// Full run: 5 s per rate, 30 s per HTTP endpoint, 1,000,000 bulk rows. Quick: a few hundred ms each.
const settings = quick
  ? { durationMs: 300, iterations: 30, httpSeconds: 3, bulkRows: 2_000, revokeCount: 500, revokeIterations: 1, statusIterations: 3 }
  : { durationMs: 5_000, iterations: 1_000, httpSeconds: 30, bulkRows: 1_000_000, revokeCount: 10_000, revokeIterations: 3, statusIterations: 50 };

// `--bulk-rows=N`: a bulk run of another size (profiling the bulk path without a million rows).
if (bulkRowsArg !== undefined) settings.bulkRows = Number(bulkRowsArg);

const results: PathResult[] = [];
const world = await createBenchWorld();
try {
  const raw = await measureRawEd25519(world, settings.durationMs);
  if (wants('agent')) results.push(...(await benchAgentSign(settings.durationMs, raw.rawSign)));
  if (wants('jose')) results.push(...(await benchJosePaths(world, settings.durationMs, raw)));
  if (wants('sdjwt')) results.push(...(await benchSdJwtPaths(settings.durationMs)));
  if (wants('passport')) results.push(await benchVerifyPassport(world, settings.iterations));
  if (wants('wallet')) results.push(await benchWalletPresent(world, settings.iterations));
  if (wants('status')) {
    results.push(...(await benchStatusList(settings.statusIterations)));
    results.push(await benchRevokeMany(world, settings.revokeCount, settings.revokeIterations));
  }
  if (wants('http')) results.push(...(await benchHttpPaths(world, settings.httpSeconds)));
  if (wants('bulk')) {
    const bulk = await benchBulk(settings.bulkRows);
    compare(bulk, raw.rawSign);
    const issue = results.find((r) => r.path === 'issue-jose');
    if (issue) compare(bulk, issue);
    results.push(bulk);
  }
  if (wants('pg')) results.push(...(await benchPostgres(settings, out)));
  results.push(raw.rawSign, raw.rawVerify);
} finally {
  await world.close();
}

out(`${'path'.padEnd(36)}${'ops/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'rss MB'.padStart(8)}  vs`);
for (const r of results) {
  const vs = r.vs.map((v) => `${v.ratio}x ${v.name} (${v.opsPerSec}/s)`).join('; ');
  out(`${r.path.padEnd(36)}${String(r.opsPerSec).padStart(10)}${String(r.p50Ms).padStart(10)}${String(r.p99Ms).padStart(10)}${String(r.rssMb).padStart(8)}  ${vs}`);
}
const file = outArg ?? join(dirname(fileURLToPath(import.meta.url)), 'results', quick ? 'quick.json' : 'latest.json');
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
out(`\nwritten ${file}${quick ? ' (quick run: a smoke test of the harness, not figures)' : ''}`);
