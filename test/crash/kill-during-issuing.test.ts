/**
 * Crash during single issuing under load (issue 10, "Crashes"): the issuer runs as a child
 * process (fixtures/run-issuer.ts, as packages/issuer/test/jobs/resume-jobs.test.ts does for bulk
 * jobs); 24 clients post issue requests concurrently and without pause; once at least 150 have been
 * answered 201 the process is killed with SIGKILL, mid-flight. It is started again on the same data
 * folder (or PostgreSQL database: the test runs on both engines), and the test reads the database itself:
 * - on SQLite `PRAGMA integrity_check` is ok; on both, the audit chain is unbroken;
 * - every request answered 201 before the kill has its record (an answer is only sent once the
 *   record is committed: durable);
 * - no credential was issued twice (ids unique; no more records than requests sent, one audit event
 *   each) and no status list index was used twice;
 * - the restarted issuer issues again, on status indexes no earlier credential holds.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@staff-passport/core';
import { createApiKey, createIssuerContext, createOrganisation, verifyAuditChain, type IssuerContext } from '@staff-passport/issuer';
import { describeEngines } from '../helpers/database-engines.js';
import { trainingCredential } from '../helpers/training-credential.js';
import { placeholder } from '../helpers/sql-placeholder.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const script = join(here, 'fixtures', 'run-issuer.ts');
const secretKey = randomBytes(32).toString('hex');
const publicUrl = 'http://127.0.0.1:8443';
const CLIENTS = 24;
const ANSWERED_BEFORE_KILL = 150;
const holder = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

describeEngines('SIGKILL during concurrent single issuing', (engine) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sp-issue-crash-'));
  const children: ChildProcess[] = [];
  let where: { databaseFile: string; databaseUrl?: string };
  let orgId = '';
  let apiKey = '';

  function openContext(): Promise<IssuerContext & { close(): Promise<void> }> {
    return createIssuerContext({ ...where, secretKey, publicUrl, logger: createLogger({ level: 'silent' }) });
  }

  function startIssuerProcess(): Promise<{ child: ChildProcess; url: string }> {
    const child = spawn(process.execPath, ['--conditions=@staff-passport/source', '--import', 'tsx', script], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, SECRET_KEY: secretKey, PUBLIC_URL: publicUrl, ...(where.databaseUrl ? { DATABASE_URL: where.databaseUrl } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`issuer not started in time:\n${output}`)), 90_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('\n')) {
          clearTimeout(timer);
          resolve({ child, url: (JSON.parse(output.split('\n')[0]!) as { url: string }).url });
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`issuer exited (${String(code ?? signal)}):\n${output}`));
      });
    });
  }

  async function issue(url: string): Promise<{ status: number; id?: string }> {
    const res = await fetch(`${url}/orgs/${orgId}/credentials/issue`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ credential: trainingCredential(holder) }),
    });
    await res.arrayBuffer();
    const location = res.headers.get('location');
    return { status: res.status, ...(location ? { id: location.split('/').pop()! } : {}) };
  }

  beforeAll(async () => {
    const target = await engine.target();
    where = { databaseFile: join(dataDir, 'issuer.sqlite'), ...(target.databaseUrl ? { databaseUrl: target.databaseUrl } : {}) };
    const ctx = await openContext();
    const org = await createOrganisation(ctx, { name: 'Crash Issuing NHS Trust', odsCode: 'RZK' }, 'test');
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

  it('SIGKILL during concurrent single issuing: integrity ok, every answered credential durable, none twice, no status index twice', async () => {
    const first = await startIssuerProcess();
    const answered: string[] = [];
    const otherStatuses: number[] = [];
    let sent = 0;
    let killed = false;
    const killNow = async (): Promise<void> => {
      if (killed) return;
      killed = true;
      first.child.kill('SIGKILL');
      await exited(first.child);
    };
    const client = async (): Promise<void> => {
      while (!killed) {
        sent += 1;
        try {
          const res = await issue(first.url);
          // An answer that arrives after the kill was still sent before it.
          if (res.status === 201 && res.id) answered.push(res.id);
          else otherStatuses.push(res.status);
        } catch {
          // The connection died with the process: this request may or may not have been committed.
        }
        if (answered.length >= ANSWERED_BEFORE_KILL) await killNow();
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, () => client()));
    expect(otherStatuses).toEqual([]);
    expect(answered.length).toBeGreaterThanOrEqual(ANSWERED_BEFORE_KILL);

    const second = await startIssuerProcess();
    const after = await issue(second.url);
    expect(after.status).toBe(201);
    second.child.kill('SIGTERM');
    await exited(second.child);

    const ctx = await openContext();
    try {
      const db = ctx.db;
      if (engine.name === 'sqlite') expect(await db.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      const rows = (await db.query(`SELECT id, status_list_id, status_index FROM sp_issued_credentials WHERE org_id = ${placeholder(db.engine, 1)}`, [orgId])) as { id: string; status_list_id: string; status_index: number }[];
      const ids = new Set(rows.map((r) => r.id));
      // Durable: every credential answered 201 is there, and so is the one issued after the restart.
      expect(answered.filter((id) => !ids.has(id))).toEqual([]);
      expect(ids.has(after.id!)).toBe(true);
      // Never twice: unique ids, no more credentials than requests, one audit event each.
      expect(ids.size).toBe(rows.length);
      expect(rows.length).toBeLessThanOrEqual(sent + 1);
      const audited = (await db.query(`SELECT COUNT(*) AS n FROM sp_audit_log WHERE chain = ${placeholder(db.engine, 1)} AND action = 'credential.issue'`, [orgId])) as { n: number }[];
      expect(Number(audited[0]!.n)).toBe(rows.length);
      expect((await verifyAuditChain(db)).ok).toBe(true);
      // No status index used twice, the one allocated after the restart included.
      const reused = await db.query('SELECT status_list_id, status_index, COUNT(*) AS n FROM sp_issued_credentials GROUP BY status_list_id, status_index HAVING COUNT(*) > 1');
      expect(reused).toEqual([]);
      process.stdout.write(`crash during issuing (${engine.name}): ${sent} requests sent, ${answered.length} answered 201 before the kill, ${rows.length - 1} records after it (+1 after restart)\n`);
    } finally {
      await ctx.close();
    }
  });
});
