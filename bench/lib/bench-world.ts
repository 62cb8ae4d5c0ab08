import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addTrustRegistryEntry, createLogger, createTrustRegistryDraft, renewTrustRegistry, type TrustRegistry } from '@staff-passport/core';
import { listen, type RunningServer } from '@staff-passport/web-kit';
import { createApiKey, createIssuerApp, createIssuerContext, createOrganisation, getOrganisation, type IssuerContext, type Organisation } from '@staff-passport/issuer';
import { getCredentialType } from '@staff-passport/schemas';
import { createVerifierApp, createVerifierContext, type VerifierContext } from '@staff-passport/verifier';
import { MemoryKeyStore, type HolderKey } from '@staff-passport/wallet-sdk';

/** What every path runs against: a real issuer and verifier on loopback, one organisation, a trusted registry, a holder. */
export interface BenchWorld {
  dir: string;
  issuer: IssuerContext & { close(): Promise<void> };
  /** Every issuer instance on the database, `issuer` first (one unless asked for more). */
  issuers: (IssuerContext & { close(): Promise<void> })[];
  verifier: VerifierContext & { close(): Promise<void> };
  issuerServer: RunningServer;
  verifierServer: RunningServer;
  org: Organisation;
  apiKey: string;
  principal: { keyId: string; orgId: string; role: 'issuer' };
  registry: TrustRegistry;
  holderKeys: MemoryKeyStore;
  holder: HolderKey;
  close(): Promise<void>;
}

/** Where the world's databases are: SQLite files in its folder unless PostgreSQL URLs are given. */
export interface BenchWorldOptions {
  /** PostgreSQL: the issuer's database and the verifier's. */
  postgres?: { issuerUrl: string; verifierUrl: string };
  /** Issuer instances on the issuer's database (PostgreSQL only; default 1): contexts of their own, as processes would have. */
  issuerInstances?: number;
}

/**
 * Starts the world: issuer (with its HTTP app, so did:web and status lists are served) and
 * verifier (resolving on loopback, the registry trusting the organisation for every type).
 */
export async function createBenchWorld(options: BenchWorldOptions = {}): Promise<BenchWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'sp-bench-'));
  const logger = createLogger({ level: 'silent' });
  const issuerServer = await listen('127.0.0.1', 0);
  const secretKey = randomBytes(32).toString('hex');
  const issuerDatabase = { databaseFile: join(dir, 'issuer.sqlite'), ...(options.postgres ? { databaseUrl: options.postgres.issuerUrl } : {}) };
  const issuer = await createIssuerContext({ ...issuerDatabase, secretKey, publicUrl: issuerServer.url, logger });
  const issuers = [issuer];
  // The other instances answer no HTTP: the first serves did:web and the status lists for all.
  for (let i = 1; i < (options.postgres ? (options.issuerInstances ?? 1) : 1); i++) issuers.push(await createIssuerContext({ ...issuerDatabase, secretKey, publicUrl: issuerServer.url, logger }));
  issuerServer.attach(createIssuerApp(issuer));
  const created = await createOrganisation(issuer, { name: 'Bench NHS Trust', odsCode: 'RZW' }, 'bench');
  const org = await getOrganisation(issuer, created.id);
  const { apiKey, ...key } = await createApiKey(issuer, { orgId: org.id, role: 'issuer' }, 'bench');
  const draft = addTrustRegistryEntry(createTrustRegistryDraft({ name: 'Bench registry' }), {
    did: org.did,
    odsCode: org.odsCode,
    name: org.name,
    credentialTypes: ['*'],
    validFrom: '2020-01-01T00:00:00Z',
  });
  const registry = renewTrustRegistry(draft, { now: new Date() });
  const verifierServer = await listen('127.0.0.1', 0);
  const verifier = await createVerifierContext({
    logger,
    databaseFile: join(dir, 'verifier.sqlite'),
    ...(options.postgres ? { databaseUrl: options.postgres.verifierUrl } : {}),
    publicUrl: verifierServer.url,
    allowPrivateNetwork: true,
    trustRegistry: registry,
  });
  verifierServer.attach(createVerifierApp(verifier));
  const holderKeys = new MemoryKeyStore();
  const holder = await holderKeys.createKey({ alg: 'EdDSA' });
  return {
    dir,
    issuer,
    issuers,
    verifier,
    issuerServer,
    verifierServer,
    org,
    apiKey,
    principal: { keyId: key.id, orgId: org.id, role: 'issuer' },
    registry,
    holderKeys,
    holder,
    async close() {
      await verifierServer.close();
      await issuerServer.close();
      for (const instance of issuers) await instance.close();
      await verifier.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A catalogue example of a type for a holder, with training fields replaced when given. */
export function exampleCredential(type: string, holderDid: string, training?: Record<string, unknown>): Record<string, unknown> {
  const definition = getCredentialType(type);
  if (!definition) throw new Error(`no catalogue type ${type}`);
  const credential = JSON.parse(JSON.stringify(definition.example).replaceAll('{holderDid}', holderDid)) as Record<string, unknown>;
  const subject = credential['credentialSubject'] as { training?: Record<string, unknown> };
  if (training && subject.training) Object.assign(subject.training, training);
  delete subject.training?.['esrCompetence'];
  return { ...credential, validFrom: '2026-01-01T00:00:00Z' };
}
