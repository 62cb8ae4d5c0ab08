/**
 * `node --cpu-prof --cpu-prof-dir=/tmp/prof --conditions=@staff-passport/source --import tsx
 * bench/profile-path.ts <issue-jose|verify-jose|verify-passport|bulk|revoke-10k> [seconds | rows | count]`: runs one path alone
 * (no Veramo or @sd-jwt baselines), so a CPU profile shows its cost; read the profile with
 * `bench/analyse-cpu-profile.ts`. `issue-jose` and `verify-jose` take turns with raw Ed25519
 * (as `pnpm bench` does) and print the ratio, so changes can be compared on a busy machine;
 * `--alone` leaves the raw turns out (for a profile of the path only); `--issue-first` issues for
 * the same time before measuring (as `pnpm bench` does before verify-jose). `bulk 100000` runs one
 * bulk job of 100,000 rows (workers sign; the main thread's profile shows the job's plumbing);
 * `revoke-10k 10000` issues 10,000 credentials and revokes them in one request, three times.
 */
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { issueCredential } from '@staff-passport/issuer';
import { verifyCredential } from '@staff-passport/verifier';
import { createBenchWorld, exampleCredential } from './lib/bench-world.js';
import { concurrentRunner, measureInTurns, serialRunner, type PathResult } from './measure.js';
import { ISSUE_CONCURRENCY } from './paths/jose-paths.js';
import { runBulkJob } from './paths/bulk-paths.js';
import { benchVerifyPassport } from './paths/passport-paths.js';
import { benchRevokeMany } from './paths/status-paths.js';

const args = process.argv.slice(2);
// `--alone`: no raw turns, so a CPU profile holds the path only.
const alone = args.includes('--alone');
const [path = 'issue-jose', seconds = '5'] = args.filter((a) => !a.startsWith('--'));
const durationMs = Number(seconds) * 1000;
const turns = Math.max(1, Math.round(durationMs / 1000));
const out = (line: string): void => void process.stdout.write(`${line}\n`);
const world = await createBenchWorld();
try {
  const credential = exampleCredential('TrainingRecord', world.holder.did);
  const { encoded: jwt } = await issueCredential(world.issuer, world.org, { credential }, world.principal);
  const data = Buffer.from(jwt.slice(0, jwt.lastIndexOf('.')));
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signature = sign(null, data, privateKey);
  if (args.includes('--issue-first')) {
    // What `pnpm bench` does before verify-jose: issue for a while in the same process.
    await measureInTurns([{ path: 'issue-jose', run: concurrentRunner(ISSUE_CONCURRENCY, () => issueCredential(world.issuer, world.org, { credential }, world.principal)) }], durationMs, 1);
  }
  let results: PathResult[];
  if (path === 'issue-jose') {
    results = await measureInTurns(
      [
        { path, run: concurrentRunner(ISSUE_CONCURRENCY, () => issueCredential(world.issuer, world.org, { credential }, world.principal)) },
        { path: 'raw-ed25519-sign', run: serialRunner(() => sign(null, data, privateKey)) },
      ].slice(0, alone ? 1 : 2),
      durationMs,
      turns,
    );
  } else if (path === 'verify-jose') {
    results = await measureInTurns(
      [
        { path, run: serialRunner(() => verifyCredential(world.verifier, { format: 'vc+jwt', value: jwt }, { index: 0 })) },
        { path: 'raw-ed25519-verify', run: serialRunner(() => verify(null, data, publicKey, signature)) },
      ].slice(0, alone ? 1 : 2),
      durationMs,
      turns,
    );
  } else if (path === 'bulk') {
    // `bulk ROWS`: one bulk job of ROWS rows (the second argument) in this process, so a CPU
    // profile of it is this process's (`pnpm bench` runs it in a child holding only the issuer).
    const bulk = await runBulkJob({ issuer: world.issuer, org: world.org, principal: world.principal, dir: world.dir }, Number(seconds));
    results = [bulk];
    out(JSON.stringify(bulk.detail));
  } else if (path === 'revoke-10k') {
    // `revoke-10k COUNT`: issues COUNT credentials, then revokes them in one request, three times.
    results = [await benchRevokeMany(world, Number(seconds), 3)];
  } else if (path === 'verify-passport') {
    results = [await benchVerifyPassport(world, Math.max(50, Math.round(durationMs / 8)))];
  } else {
    throw new Error(`unknown path ${path}`);
  }
  for (const r of results) out(`${r.path.padEnd(20)} ${String(r.opsPerSec).padStart(7)}/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms  rss ${r.rssMb} MB`);
  if (results.length === 2) out(`ratio ${(results[0]!.opsPerSec / results[1]!.opsPerSec).toFixed(3)}`);
} finally {
  await world.close();
}
