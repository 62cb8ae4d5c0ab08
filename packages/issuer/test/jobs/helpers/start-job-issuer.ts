import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@staff-passport/core';
import { listen } from '@staff-passport/web-kit';
import { createApiKey, createIssuerContext, createOrganisation, type IssuerContext, type Organisation, type Role } from '@staff-passport/issuer';
import { configureJobs, stopJobs, type JobRunnerOptions } from '../../../src/jobs/index.js';
import { createJobTestApp } from './create-job-test-app.js';

/** One organisation with a key per role. */
export interface JobTestOrg {
  org: Organisation;
  keys: Record<Role, string>;
}

/** A real issuer with the job routes on 127.0.0.1, over a fresh SQLite file, with two organisations. */
export interface JobIssuer {
  url: string;
  ctx: IssuerContext;
  dataDir: string;
  a: JobTestOrg;
  b: JobTestOrg;
  close(): Promise<void>;
}

async function orgWithKeys(ctx: IssuerContext, name: string, odsCode: string): Promise<JobTestOrg> {
  const org = await createOrganisation(ctx, { name, odsCode }, 'test');
  const keys = {} as Record<Role, string>;
  for (const role of ['org-admin', 'issuer', 'auditor'] as const) keys[role] = (await createApiKey(ctx, { orgId: org.id, role }, 'test')).apiKey;
  return { org, keys };
}

/** Starts the issuer for real with bulk jobs (progress saved every 100 ms unless `jobs` says otherwise). */
export async function startJobIssuer(jobs: JobRunnerOptions = {}, options: { storeCredentials?: boolean } = {}): Promise<JobIssuer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sp-jobs-'));
  const server = await listen('127.0.0.1', 0);
  const ctx = await createIssuerContext({
    databaseFile: join(dataDir, 'issuer.sqlite'),
    secretKey: randomBytes(32).toString('hex'),
    publicUrl: server.url,
    logger: createLogger({ level: 'silent' }),
    storeCredentials: options.storeCredentials ?? false,
  });
  configureJobs(ctx, { progressIntervalMs: 100, ...jobs });
  server.attach(createJobTestApp(ctx));
  const a = await orgWithKeys(ctx, 'Alpha Valley NHS Trust', 'RZA');
  const b = await orgWithKeys(ctx, 'Beta Hills NHS Trust', 'RZB');
  return {
    url: server.url,
    ctx,
    dataDir,
    a,
    b,
    async close() {
      await stopJobs(ctx);
      await server.close();
      await ctx.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An HTTP answer, parsed. */
export interface Answer {
  status: number;
  type: string;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

/** Calls the issuer with a bearer key; a string body is sent as is with `contentType`. */
export async function call(url: string, options: { method?: string; key?: string; body?: string; contentType?: string } = {}): Promise<Answer> {
  const res = await fetch(url, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
      ...(options.contentType ? { 'content-type': options.contentType } : {}),
    },
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, headers: res.headers, body: type.includes('json') && text ? (JSON.parse(text) as Record<string, unknown>) : {}, text };
}

/** A job as the API answers it. */
export interface JobAnswer {
  id: string;
  state: string;
  total: number | null;
  validated: number;
  done: number;
  issued: number;
  duplicates: number;
  skipped: number;
  errors: number;
  ratePerSecond: number;
  secondsLeft: number | null;
  failure: { code: string; message: string } | null;
}

const FINAL = ['completed', 'failed', 'failed_validation'];

/** Polls a job until it ends (or `until` holds), returning every answer seen, the last one last. */
export async function followJob(url: string, key: string, until: (job: JobAnswer) => boolean = (job) => FINAL.includes(job.state)): Promise<JobAnswer[]> {
  const seen: JobAnswer[] = [];
  const deadline = Date.now() + 100_000;
  for (;;) {
    const res = await call(url, { key });
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${res.text}`);
    const job = res.body as unknown as JobAnswer;
    seen.push(job);
    if (until(job)) return seen;
    if (Date.now() > deadline) throw new Error(`job not done in time: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
