import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@staff-passport/core';
import { listen } from '@staff-passport/web-kit';
import {
  VERIFIER_ROLES,
  createVerifierApiKey,
  createVerifierApp,
  createVerifierContext,
  createVerifierOrganisation,
  createVerifierPlatformKey,
  type VerifierContext,
  type VerifierOrganisation,
  type VerifierRole,
} from '../../../src/index.js';

/** One organisation of the test verifier, with an API key of each role. */
export interface TestTenant {
  org: VerifierOrganisation;
  keys: Record<VerifierRole, string>;
}

/** A verifier on 127.0.0.1 (port 0, a fresh SQLite file) with two organisations, A and B, and a platform key. */
export interface TenantVerifier {
  url: string;
  ctx: VerifierContext;
  platformKey: string;
  a: TestTenant;
  b: TestTenant;
  close(): Promise<void>;
}

async function tenant(ctx: VerifierContext, name: string, odsCode: string): Promise<TestTenant> {
  const org = await createVerifierOrganisation(ctx, { name, odsCode }, 'test');
  const keys = {} as Record<VerifierRole, string>;
  for (const role of VERIFIER_ROLES) keys[role] = (await createVerifierApiKey(ctx, { orgId: org.id, role }, 'test')).apiKey;
  return { org, keys };
}

/**
 * Starts a real verifier with two organisations for the role and isolation tests.
 *
 * @example
 * const verifier = await startTenantVerifier();
 */
export async function startTenantVerifier(options: { now?: () => Date } = {}): Promise<TenantVerifier> {
  const dir = mkdtempSync(join(tmpdir(), 'sp-verifier-tenants-'));
  const server = await listen('127.0.0.1', 0);
  const ctx = await createVerifierContext({ logger: createLogger({ level: 'silent' }), databaseFile: join(dir, 'verifier.sqlite'), publicUrl: server.url, allowPrivateNetwork: true, housekeepingIntervalSeconds: 0, ...(options.now ? { now: options.now } : {}) });
  // The sign-in rate limiter is off: these tests are refused on purpose, many times (the limiter has its own tests).
  server.attach(createVerifierApp(ctx, { signInLimiter: false }));
  const platformKey = (await createVerifierPlatformKey(ctx, 'test')).apiKey;
  const a = await tenant(ctx, 'Riverside Hospitals NHS Trust', 'RYJ');
  const b = await tenant(ctx, 'Hillside Community NHS Trust', 'RTH');
  return {
    url: server.url,
    ctx,
    platformKey,
    a,
    b,
    async close() {
      await server.close();
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Calls the verifier: JSON in and out, with an API key when given. */
export async function call(url: string, options: { method?: string; key?: string; body?: unknown } = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (options.key) headers['authorization'] = `Bearer ${options.key}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method: options.method ?? (options.body === undefined ? 'GET' : 'POST'), headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = { text };
  }
  return { status: res.status, body, headers: res.headers };
}
