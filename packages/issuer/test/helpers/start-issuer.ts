import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@staff-passport/core';
import { listen } from '@staff-passport/web-kit';
import {
  createApiKey,
  createIssuerApp,
  createIssuerContext,
  createOrganisation,
  createPlatformKey,
  type CreateIssuerContextOptions,
  type IssuerAppOptions,
  type IssuerContext,
  type Organisation,
  type Role,
} from '@staff-passport/issuer';

/** One organisation with a key per role. */
export interface TestOrg {
  org: Organisation;
  keys: Record<Role, string>;
}

/** A real issuer on 127.0.0.1 over a fresh SQLite file, with two organisations and a platform key. */
export interface TestIssuer {
  url: string;
  ctx: IssuerContext;
  dataDir: string;
  platformKey: string;
  a: TestOrg;
  b: TestOrg;
  /** Sets the clock the issuer sees. */
  setNow(date: Date): void;
  close(): Promise<void>;
}

async function orgWithKeys(ctx: IssuerContext, name: string, odsCode: string): Promise<TestOrg> {
  const org = await createOrganisation(ctx, { name, odsCode }, 'test');
  const keys = {} as Record<Role, string>;
  for (const role of ['org-admin', 'issuer', 'auditor'] as const) keys[role] = (await createApiKey(ctx, { orgId: org.id, role }, 'test')).apiKey;
  return { org, keys };
}

/**
 * Starts the issuer for real, as `staff-passport start` does.
 *
 * @example
 * const issuer = await startIssuer();
 * await fetch(`${issuer.url}/orgs/${issuer.a.org.id}`, { headers: { authorization: `Bearer ${issuer.a.keys.auditor}` } });
 */
export async function startIssuer(
  options: { app?: (ctx: IssuerContext) => IssuerAppOptions; storeCredentials?: boolean; context?: Pick<CreateIssuerContextOptions, 'webhookPolicy' | 'webhookDelivery'> } = {},
): Promise<TestIssuer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sp-issuer-'));
  let now: Date | undefined;
  const server = await listen('127.0.0.1', 0);
  const ctx = await createIssuerContext({
    databaseFile: join(dataDir, 'issuer.sqlite'),
    secretKey: randomBytes(32).toString('hex'),
    publicUrl: server.url,
    logger: createLogger({ level: 'silent' }),
    now: () => now ?? new Date(),
    // The tests' wallets (the @openid4vc library's, at wallet.test): the default for organisations that registered none.
    walletRedirectUris: ['https://wallet.test/callback'],
    ...(options.storeCredentials === undefined ? {} : { storeCredentials: options.storeCredentials }),
    ...options.context,
  });
  server.attach(createIssuerApp(ctx, options.app?.(ctx) ?? {}));
  const a = await orgWithKeys(ctx, 'Alpha Valley NHS Trust', 'RZA');
  const b = await orgWithKeys(ctx, 'Beta Hills NHS Trust', 'RZB');
  const { apiKey: platformKey } = await createPlatformKey(ctx, 'tests', 'test');
  return {
    url: server.url,
    ctx,
    dataDir,
    platformKey,
    a,
    b,
    setNow(date) {
      now = date;
    },
    async close() {
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

/** Calls the issuer with a bearer key and an optional JSON body. */
export async function call(url: string, options: { method?: string; key?: string; body?: unknown } = {}): Promise<Answer> {
  const res = await fetch(url, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  let body: Record<string, unknown> = {};
  if (type.includes('json') && text) body = JSON.parse(text) as Record<string, unknown>;
  return { status: res.status, type, headers: res.headers, body, text };
}
