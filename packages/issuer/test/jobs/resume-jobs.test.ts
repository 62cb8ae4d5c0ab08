/**
 * Resumable: an issuer process killed with SIGKILL in the middle of a job, then started again on
 * the same data folder, completes the job with no duplicates and no gaps. The issuer runs as a
 * child process (fixtures/run-job-issuer.ts); the test reads the SQLite file itself afterwards:
 * exactly one credential per distinct row key, every row key issued, no status index used twice,
 * one audit event per credential, an unbroken audit chain, and `PRAGMA integrity_check` ok.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@staff-passport/core';
import { createApiKey, createIssuerContext, createOrganisation, getOrganisation, verifyAuditChain, type IssuerContext } from '@staff-passport/issuer';
import { rowEnvironmentOf } from '../../src/jobs/lib/bulk-row.js';
import { openBulkSource } from '../../src/jobs/lib/open-bulk-source.js';
import { rowRequestKey } from '../../src/jobs/lib/row-request-key.js';
import { trainingCsv } from './helpers/bulk-files.js';
import { call, followJob, type JobAnswer } from './helpers/start-job-issuer.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..', '..');
const script = join(here, 'fixtures', 'run-job-issuer.ts');
const dataDir = mkdtempSync(join(tmpdir(), 'sp-jobs-crash-'));
const secretKey = randomBytes(32).toString('hex');
const publicUrl = 'http://127.0.0.1:8443';
const ROWS = 3000;
const children: ChildProcess[] = [];

function openContext(): Promise<IssuerContext & { close(): Promise<void> }> {
  return createIssuerContext({ databaseFile: join(dataDir, 'issuer.sqlite'), secretKey, publicUrl, logger: createLogger({ level: 'silent' }) });
}

/** Starts the issuer process on the data folder; resolves with its URL and the jobs it resumed. */
function startIssuerProcess(): Promise<{ child: ChildProcess; url: string; resumed: string[] }> {
  const child = spawn(process.execPath, ['--conditions=@staff-passport/source', '--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, SECRET_KEY: secretKey, PUBLIC_URL: publicUrl, ROW_DELAY_MS: '30', CONCURRENCY: '16' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`issuer not started in time:\n${output}`)), 90_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n')[0]!;
      if (output.includes('\n')) {
        clearTimeout(timer);
        const started = JSON.parse(line) as { url: string; resumed: string[] };
        resolve({ child, ...started });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`issuer exited (${String(code ?? signal)}):\n${output}`));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

let orgId = '';
let apiKey = '';

beforeAll(async () => {
  const ctx = await openContext();
  const org = await createOrganisation(ctx, { name: 'Crash Test NHS Trust', odsCode: 'RZC' }, 'test');
  orgId = org.id;
  apiKey = (await createApiKey(ctx, { orgId, role: 'issuer' }, 'test')).apiKey;
  await ctx.close();
});

afterAll(async () => {
  for (const child of children) {
    child.kill('SIGKILL');
    await exited(child);
  }
  rmSync(dataDir, { recursive: true, force: true });
});

it('a job killed with SIGKILL mid-issue completes after a restart, with no duplicates and no gaps', async () => {
  const csv = trainingCsv(ROWS);
  const first = await startIssuerProcess();
  const upload = await call(`${first.url}/orgs/${orgId}/jobs?kind=training-compliance`, { key: apiKey, body: csv, contentType: 'text/csv' });
  expect(upload.status).toBe(202);
  const jobId = (upload.body as unknown as JobAnswer).id;

  // Kill it once some rows are committed and many are not.
  const seen = await followJob(`${first.url}/jobs/${jobId}`, apiKey, (job) => job.state !== 'validating' && job.done > 0);
  first.child.kill('SIGKILL');
  await exited(first.child);
  const atKill = seen.at(-1)!;
  expect(atKill.state).toBe('issuing');
  expect(atKill.done).toBeLessThan(ROWS);

  const between = await openContext();
  const partial = (await between.db.query('SELECT COUNT(*) AS n FROM sp_issued_credentials WHERE job_id = ?', [jobId])) as { n: number }[];
  await between.close();
  expect(partial[0]!.n).toBeGreaterThan(0);
  expect(partial[0]!.n).toBeLessThan(ROWS);

  const second = await startIssuerProcess();
  expect(second.resumed).toEqual([jobId]);
  const done = (await followJob(`${second.url}/jobs/${jobId}`, apiKey)).at(-1)!;
  expect(done).toMatchObject({ state: 'completed', total: ROWS, done: ROWS, issued: ROWS, duplicates: 0, skipped: 0, errors: 0 });
  second.child.kill('SIGTERM');
  await exited(second.child);

  const ctx = await openContext();
  try {
    const db = ctx.db;
    // Every distinct row of the file has its credential, and only one.
    const file = join(dataDir, 'expected.csv');
    writeFileSync(file, csv);
    const source = await openBulkSource('training-compliance', file, rowEnvironmentOf(await getOrganisation(ctx, orgId), 'vc+jwt', {}, new Date()));
    const expected = new Set<string>();
    for await (const row of source.rows) if ('request' in row) expected.add(rowRequestKey(row.request));
    expect(expected.size).toBe(ROWS);
    const keys = (await db.query('SELECT request_key FROM sp_issued_credentials WHERE org_id = ?', [orgId])) as { request_key: string }[];
    expect(keys).toHaveLength(ROWS);
    expect(new Set(keys.map((k) => k.request_key))).toEqual(expected);

    const reused = await db.query('SELECT status_list_id, status_index, COUNT(*) AS n FROM sp_issued_credentials GROUP BY status_list_id, status_index HAVING n > 1');
    expect(reused).toEqual([]);
    const audited = (await db.query("SELECT COUNT(*) AS n FROM sp_audit_log WHERE chain = ? AND action = 'credential.issue'", [orgId])) as { n: number }[];
    expect(audited[0]!.n).toBe(ROWS);
    expect((await verifyAuditChain(db)).ok).toBe(true);
    expect(await db.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  } finally {
    await ctx.close();
  }
});
