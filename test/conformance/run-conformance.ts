/**
 * Runs the W3C test suites against the services `pnpm start` starts (see docs/conformance.md).
 *
 *   node --import tsx test/conformance/run-conformance.ts [--suites DIR] [--only NAME,...] [--repo DIR] [--label NAME]
 *
 * (`--repo` starts the services of another checkout of this repository, to measure a baseline.)
 *
 * The suites are NOT part of this repository: check each out under DIR (default
 * `$SUITES_DIR` or `../suites`) with its npm dependencies installed. This script:
 * 1. starts the issuer and the verifier with `staff-passport start --demo` on free ports and a
 *    fresh data folder, reads the issuer's URL from its `demo.json`, and makes a conformance
 *    organisation (DID, API key) that may issue types not registered (`createConformanceOrg`);
 * 2. puts a small TLS front on 127.0.0.1 (the suites' HTTP client only speaks https) that maps
 *    the VC API paths the suites call onto our routes (see `createSuiteFront`);
 * 3. writes each suite's `localConfig.cjs` (see `localConfigFor`) and runs its mocha tests with
 *    the JSON reporter; prints, per suite, passed / failed / pending / not run and the most
 *    frequent refusals (what the services answered 4xx to, by code), and keeps the
 *    reports in DIR/results/NAME (default `latest`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createConformanceOrg } from './lib/create-conformance-org.js';
import { createSuiteFront, selfSignedCertificate, type ServiceFacts } from './lib/create-suite-front.js';
import { IMPLEMENTATION_NAMES, SUITES, localConfigFor, type SuiteName } from './lib/local-config.js';
import { summariseMochaReport, type SuiteFigures } from './lib/summarise-mocha-report.js';
import { tallyExchanges, type RefusalCause } from './lib/tally-exchanges.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const ROOT = resolve(arg('repo') ?? join(import.meta.dirname, '..', '..'));

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

// A port free now, for the issuer: its public URL is the front's, so it cannot take port 0.
async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

/**
 * Starts `staff-passport start --demo` with the issuer's public URL at the TLS front (the suites'
 * document loaders fetch status lists over https only), trusting the front's certificate.
 */
async function startServices(dataDir: string, front: { url: string; caFile: string }): Promise<{ child: ChildProcess; facts: ServiceFacts }> {
  const issuerPort = await freePort();
  const child = spawn(process.execPath, ['--conditions=@staff-passport/source', '--import', 'tsx', 'packages/cli/src/bin.ts', 'start', '--demo'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      ISSUER_PORT: String(issuerPort),
      ISSUER_PUBLIC_URL: front.url,
      NODE_EXTRA_CA_CERTS: front.caFile,
      VERIFIER_PORT: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  for (let i = 0; i < 600 && !out.includes('Press Ctrl+C'); i++) {
    if (child.exitCode !== null) throw new Error(`staff-passport start exited (${child.exitCode}):\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const file = join(dataDir, 'demo.json');
  if (!existsSync(file)) throw new Error(`the services did not start:\n${out}`);
  const demo = JSON.parse(readFileSync(file, 'utf8')) as { issuer: ServiceFacts['issuer']; verifier: ServiceFacts['verifier'] };
  // The suites issue with an organisation of their own that may issue types not registered; its
  // did:web is on the public URL (the front), and the front itself reaches the issuer directly.
  const issuer = await createConformanceOrg(ROOT, dataDir, demo.issuer.url);
  return { child, facts: { issuer: { ...issuer, url: `http://127.0.0.1:${issuerPort}` }, verifier: demo.verifier } };
}

/** Runs a command to its end without blocking this process (the TLS front lives in it). */
function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', fail);
    child.on('close', () => done({ stdout, stderr }));
  });
}

async function runSuite(dir: string, resultsDir: string, name: SuiteName): Promise<SuiteFigures> {
  const reportFile = join(resultsDir, `${name}.json`);
  const mocha = join(dir, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const common = ['tests/', '--timeout', '15000', '--preserve-symlinks'];
  // The verifier suite issues its credentials with the issuer these name (tests/test-config.js).
  const env = { ...process.env, ISSUER_NAME: IMPLEMENTATION_NAMES.ldp, ISSUER_NAME_JWT: IMPLEMENTATION_NAMES.jwt };
  // Which tests the suite defines (a dry run), then the run itself.
  const dry = await run([mocha, ...common, '--dry-run', '--reporter', 'json'], dir, env);
  rmSync(reportFile, { force: true });
  const result = await run([mocha, ...common, '--reporter', 'json', '--reporter-option', `output=${reportFile}`], dir, env);
  if (!existsSync(reportFile)) throw new Error(`${name}: no report (${result.stderr.slice(-2000)})`);
  const defined = dry.stdout.includes('{') ? JSON.parse(dry.stdout.slice(dry.stdout.indexOf('{'))) : undefined;
  return summariseMochaReport(JSON.parse(readFileSync(reportFile, 'utf8')), defined);
}

const suitesDir = resolve(arg('suites') ?? process.env['SUITES_DIR'] ?? join(ROOT, '..', 'suites'));
const only = arg('only')?.split(',') as SuiteName[] | undefined;
const resultsDir = join(suitesDir, 'results', arg('label') ?? 'latest');
mkdirSync(resultsDir, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'staff-passport-conformance-'));
const certificate = selfSignedCertificate();
const caFile = join(dataDir, 'front-certificate.pem');
writeFileSync(caFile, certificate.cert);
let exchanges: string | undefined;
const started: { facts?: ServiceFacts } = {};
const front = await createSuiteFront(
  () => {
    if (!started.facts) throw new Error('the services are not started yet');
    return started.facts;
  },
  { logFile: () => exchanges, certificate },
);
const { child, facts } = await startServices(dataDir, { url: front.url, caFile });
started.facts = facts;
say(`services: issuer ${facts.issuer.url} (${facts.issuer.did}), verifier ${facts.verifier.url}; TLS front ${front.url}`);
const figures: Record<string, SuiteFigures & { refusals: RefusalCause[] }> = {};
try {
  for (const name of Object.keys(SUITES) as SuiteName[]) {
    if (only && !only.includes(name)) continue;
    const dir = join(suitesDir, SUITES[name].folder);
    if (!existsSync(join(dir, 'node_modules'))) {
      say(`${name}: not installed in ${dir}, skipped`);
      continue;
    }
    writeFileSync(join(dir, 'localConfig.cjs'), localConfigFor(name, front.url, facts));
    exchanges = join(resultsDir, `${name}.exchanges.jsonl`);
    rmSync(exchanges, { force: true });
    const f = { ...(await runSuite(dir, resultsDir, name)), refusals: tallyExchanges(exchanges) };
    figures[name] = f;
    say(`${name}: ${f.passed} passed, ${f.failed} failed, ${f.pending} pending, ${f.notRun} not run (of ${f.defined})`);
    for (const r of f.refusals.slice(0, 6)) say(`    ${String(r.count).padStart(4)} x ${r.endpoint}: ${r.cause}`);
  }
} finally {
  writeFileSync(join(resultsDir, 'summary.json'), `${JSON.stringify(figures, null, 2)}\n`);
  await front.close();
  child.kill('SIGTERM');
}
