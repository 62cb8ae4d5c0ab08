import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createLogger, type Logger, type TrustRegistry } from '@staff-passport/core';
import { listen } from '@staff-passport/web-kit';
import { createApiKey, createIssuerApp, createIssuerContext, createOrganisation, type IssuerContext, type Organisation } from '@staff-passport/issuer';
import { VERIFIER_ROLES, createVerifierApiKey, createVerifierApp, createVerifierContext, type CreateVerifierContextOptions, type VerifierAppOptions, type VerifierContext, type VerifierRole } from '@staff-passport/verifier';

/** Two real servers (issuer and verifier) on 127.0.0.1, port 0, over a fresh SQLite folder. */
export interface Services {
  dataDir: string;
  secretKey: string;
  issuerUrl: string;
  verifierUrl: string;
  issuer: IssuerContext;
  verifier: VerifierContext;
  org: Organisation;
  apiKey: string;
  /** API keys of the verifier's default organisation, one of each role. */
  verifierKeys: Record<VerifierRole, string>;
  /** `{ authorization: 'Bearer <the checker key>' }`: for the verifier routes a checker calls. */
  checker: { authorization: string };
  close(): Promise<void>;
}

/** Options for {@link startServices}. */
export interface StartServicesOptions {
  /** The clock of both services (tests freeze time instead of sleeping). */
  now?: () => Date;
  logger?: Logger;
  /** The trust registry the verifier uses, or a function giving it (set after the organisation exists). */
  trustRegistry?: TrustRegistry | (() => TrustRegistry | undefined);
  /** The verifier's webhook settings (tests allow their receiver on 127.0.0.1). */
  verifierWebhooks?: Pick<CreateVerifierContextOptions, 'webhookPolicy' | 'webhookDelivery'>;
  /** The verifier app's sign-in guard. */
  verifierGuard?: VerifierAppOptions['guard'];
}

/**
 * Starts the issuer and the verifier for real, as `staff-passport start` does, with an
 * organisation and an `issuer` API key, and API keys of each role of the verifier's default organisation. The verifier is configured to resolve did:web on loopback.
 */
export async function startServices(options: StartServicesOptions = {}): Promise<Services> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sp-test-'));
  const secretKey = randomBytes(32).toString('hex');
  const logger = options.logger ?? createLogger({ level: 'silent' });
  const issuerServer = await listen('127.0.0.1', 0);
  const verifierServer = await listen('127.0.0.1', 0);
  const issuer = await createIssuerContext({ databaseFile: join(dataDir, 'issuer.sqlite'), secretKey, publicUrl: issuerServer.url, logger, ...(options.now ? { now: options.now } : {}) });
  issuerServer.attach(createIssuerApp(issuer, { allowHttpLoopback: true }));
  const verifier = await createVerifierContext({
    logger,
    databaseFile: join(dataDir, 'verifier.sqlite'),
    publicUrl: verifierServer.url,
    allowPrivateNetwork: true,
    secretKey,
    ...(options.now ? { now: options.now } : {}),
    ...(options.trustRegistry ? { trustRegistry: options.trustRegistry } : {}),
    ...options.verifierWebhooks,
  });
  verifierServer.attach(createVerifierApp(verifier, options.verifierGuard ? { guard: options.verifierGuard } : {}));
  const org = await createOrganisation(issuer, { name: 'Test Valley NHS Trust', odsCode: 'RZY' }, 'test');
  const { apiKey } = await createApiKey(issuer, { orgId: org.id, role: 'issuer' }, 'test');
  const verifierKeys = {} as Record<VerifierRole, string>;
  for (const role of VERIFIER_ROLES) verifierKeys[role] = (await createVerifierApiKey(verifier, { orgId: verifier.org.id, role }, 'test')).apiKey;
  return {
    dataDir,
    secretKey,
    issuerUrl: issuerServer.url,
    verifierUrl: verifierServer.url,
    issuer,
    verifier,
    org,
    apiKey,
    verifierKeys,
    checker: { authorization: `Bearer ${verifierKeys.checker}` },
    async close() {
      await Promise.all([issuerServer.close(), verifierServer.close()]);
      await issuer.close();
      await verifier.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** POSTs JSON and returns the status, content type and parsed body. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The codes of the failed checks in a verification answer. */
export function failedCodes(body: Record<string, unknown>): string[] {
  return ((body['errors'] as { code: string }[] | undefined) ?? []).map((e) => e.code);
}

/** A fresh challenge (nonce) from the verifier, for its own URL as the domain (VC API `POST /challenges`). */
export async function getChallenge(verifierUrl: string): Promise<{ challenge: string; domain: string }> {
  const res = await postJson(`${verifierUrl}/challenges`, {});
  return { challenge: res.body['challenge'] as string, domain: res.body['domain'] as string };
}
