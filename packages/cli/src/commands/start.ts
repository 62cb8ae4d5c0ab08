import type { RequestListener } from 'node:http';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { PassportError, createLogger, loadTrustRegistry, type TrustRegistry } from '@staff-passport/core';
import { listen, loadConfig, type RunningServer } from '@staff-passport/web-kit';
import { configureJobs, createIssuerApp, createIssuerContext, createWorkerIssueRow, resumeJobs, startMailOutbox, stopJobs } from '@staff-passport/issuer';
import { createVerifierApp, createVerifierContext, verifierDid } from '@staff-passport/verifier';
import { createDemoTrustRegistry, type DemoTrustRegistry } from '../lib/create-demo-trust-registry.js';
import { createWebWalletApp } from '../lib/create-web-wallet-app.js';
import { ensureDemo } from '../lib/ensure-demo.js';
import { readTrustedKeys } from './trust-commands.js';
import { EXIT, err, out } from '../lib/output.js';
import type { CommandInput } from '../lib/command-spec.js';
import type { DemoFacts } from '../lib/demo-facts.js';
import { databaseOptions } from '../lib/database-options.js';

function printBanner(facts: DemoFacts, dataDir: string, created: boolean, walletUrl: string | undefined, moved: boolean, demoRegistry: boolean, postgres: boolean): void {
  const { issuer, verifier } = facts;
  out('');
  out(`Staff Passport is running (demo mode, ${postgres ? 'PostgreSQL' : 'embedded SQLite'}).`);
  out('');
  out(`  HR console     ${issuer.url}/`);
  out(`  Verifier desk  ${verifier.url}/`);
  if (walletUrl) out(`  Web wallet     ${walletUrl}/   (designed for a phone; open it in a narrow window or a phone on this network)`);
  out(`  Issuer API     ${issuer.url}   (reference: ${issuer.url}/docs/api)`);
  out(`  Verifier API   ${verifier.url}`);
  out('');
  out(`  Demo organisation ${created ? '(created)' : '(reused)'}`);
  out(`    id      ${issuer.orgId}`);
  out(`    DID     ${issuer.did}${moved ? '   (made for another address: see the warning below)' : ''}`);
  out(`    DID doc ${issuer.url}/orgs/${issuer.orgId}/did.json`);
  out(`    API key ${issuer.apiKey}   (sign in to the HR console with the id and this key)`);
  if (verifier.orgId && verifier.keys) {
    out('');
    out('  Demo verifier organisation (the receiving employer)');
    out(`    id      ${verifier.orgId}`);
    out(`    DID doc ${verifier.url}/orgs/${verifier.orgId}/did.json`);
    out(`    Checker key        ${verifier.keys.checker}   (sign in to the verifier desk with this key)`);
    out(`    Profile admin key  ${verifier.keys['profile-admin']}`);
    out(`    Auditor key        ${verifier.keys.auditor}   (GET ${verifier.url}/audit)`);
  }
  if (demoRegistry) {
    out('');
    out('  Demo trust registry for the web wallet (signed at this start; TRUST_REGISTRY replaces it)');
    out('    the demo organisation may issue every type; the verifier desk is registered to ask what the shipped check profiles ask');
  }
  out('');
  out(`  The same facts are in ${join(dataDir, 'demo.json')}.`);
  out('');
  // The try-it files go beside the data (never into the repository's root).
  const dir = relative(process.cwd(), dataDir) || '.';
  const at = dir.startsWith('..') || isAbsolute(dir) ? dataDir : `./${dir}`;
  out('Try it (in another terminal, from this folder):');
  out('');
  out(`  mkdir -p ${at}/try`);
  out(`  node -e 'const d=require("${at}/demo.json"); console.log(JSON.stringify({credential: d.exampleCredential}))' > ${at}/try/issue.json`);
  out(`  curl -s -X POST ${issuer.url}/orgs/${issuer.orgId}/credentials/issue \\`);
  out(`    -H "Authorization: Bearer ${issuer.apiKey}" -H 'Content-Type: application/json' -d @${at}/try/issue.json > ${at}/try/vc.json`);
  out(`  curl -s -X POST ${verifier.url}/credentials/verify -H 'Content-Type: application/json' -d @${at}/try/vc.json`);
  out('');
  out('Press Ctrl+C to stop.');
}

/** Serves the built web wallet (when asked to), reading the demo's trust registry when there is one. */
function attachWallet(server: { attach(app: RequestListener): void } | undefined, dir: unknown, allowHttpLoopback: boolean, registry: DemoTrustRegistry | undefined): void {
  if (!server || typeof dir !== 'string') return;
  server.attach(createWebWalletApp(resolve(dir), { allowHttpLoopback, ...(registry ? { trustRegistry: { jws: registry.jws, keys: registry.keys } } : {}) }));
}

/**
 * `staff-passport start [--demo] [--wallet-dir DIR]`: checks the configuration, opens the SQLite
 * files, starts the issuer (API and HR console) and the verifier (API and desk), serves a built web
 * wallet from DIR when given, and, in demo mode, makes sure the demo organisation exists.
 */
export async function startCommand({ options }: CommandInput): Promise<number> {
  let config;
  try {
    config = loadConfig(process.env, { demo: options['demo'] === true });
  } catch (e: unknown) {
    if (e instanceof PassportError && e.code === 'ERR_CONFIG_INVALID') {
      err(`Configuration error: ${e.message}`);
      return EXIT.config;
    }
    throw e;
  }
  // Logs are JSON on stderr; what a person reads is on stdout.
  const logger = createLogger({ level: config.logLevel, name: 'staff-passport', destination: process.stderr, format: config.logFormat });
  const servers: RunningServer[] = [];
  try {
    const issuerServer = await listen(config.host, config.issuerPort);
    servers.push(issuerServer);
    const verifierServer = await listen(config.host, config.verifierPort);
    servers.push(verifierServer);
    const issuerUrl = config.issuerPort === 0 ? issuerServer.url : config.issuerPublicUrl;
    const verifierUrl = config.verifierPort === 0 ? verifierServer.url : config.verifierPublicUrl;
    let walletUrl: string | undefined;
    const walletDir = options['wallet-dir'];
    // Attached once the demo's trust registry (if any) is signed: the wallet reads it.
    let walletServer: Awaited<ReturnType<typeof listen>> | undefined;
    if (typeof walletDir === 'string') {
      walletServer = await listen(config.host, config.walletPort);
      servers.push(walletServer);
      walletUrl = config.walletPort === 0 ? walletServer.url : config.walletPublicUrl;
    }

    // The verifier's trust registry (TRUST_REGISTRY, signed by a key in TRUST_REGISTRY_KEYS):
    // loaded and checked now, refreshed hourly, the last good edition kept if a refresh fails.
    let registry: TrustRegistry | undefined;
    if (config.trustRegistry) {
      const { source, keysFile } = config.trustRegistry;
      const fetchOptions = { allowPrivateNetwork: config.allowPrivateNetwork, allowHttp: config.allowPrivateNetwork };
      let load: () => Promise<void>;
      try {
        const trustedKeys = readTrustedKeys(keysFile);
        load = async () => {
          registry = await loadTrustRegistry({ source, trustedKeys, fetchOptions, ...(registry ? { minVersion: registry.version } : {}) });
        };
        await load();
      } catch (e: unknown) {
        await Promise.all(servers.map((server) => server.close()));
        err(`Configuration error: the trust registry (TRUST_REGISTRY ${source}, TRUST_REGISTRY_KEYS ${keysFile}) was not loaded: ${e instanceof Error ? e.message : String(e)}`);
        return EXIT.config;
      }
      setInterval(() => load().catch((e: unknown) => logger.warn({ err: e }, 'trust registry refresh failed; the edition in force is kept')), 3_600_000).unref();
    }
    const issuerCtx = await createIssuerContext({
      ...databaseOptions(config, 'issuer'),
      secretKey: config.secretKey,
      publicUrl: issuerUrl,
      logger: logger.child({ service: 'issuer' }),
      webhookPolicy: { allowPrivateNetwork: config.webhookAllowPrivate, allowHttpLoopback: config.webhookAllowPrivate },
      // The web wallet served here is the default wallet of organisations that registered none.
      ...(walletUrl || config.demo ? { walletRedirectUris: [`${new URL(walletUrl ?? config.walletPublicUrl).origin}/`] } : {}),
      ...(walletUrl ? { webWalletUrl: walletUrl } : {}),
    });
    issuerServer.attach(createIssuerApp(issuerCtx, { allowHttpLoopback: config.allowPrivateNetwork }));
    // Bulk uploads can be large: the whole request may take longer than the default limit.
    issuerServer.server.requestTimeout = 60 * 60_000;
    // Bulk jobs sign on worker threads (one per core beside this one), 256 rows in flight.
    const issueRow = createWorkerIssueRow();
    configureJobs(issuerCtx, { issueRow, concurrency: 256 });
    // Jobs a previous run was issuing when it stopped (or was killed) carry on.
    await resumeJobs(issuerCtx);
    // Emails telling staff that credentials wait for them (SMTP_URL, MAIL_FROM): sent from the outbox, retried.
    const mailer = config.mail ? startMailOutbox(issuerCtx, config.mail) : undefined;
    const verifierCtx = await createVerifierContext({
      logger: logger.child({ service: 'verifier' }),
      ...databaseOptions(config, 'verifier'),
      publicUrl: verifierUrl,
      allowPrivateNetwork: config.allowPrivateNetwork,
      trustRegistry: () => registry,
      secretKey: config.secretKey,
      callerChallenges: config.vcApiCallerChallenges,
      webhookPolicy: { allowPrivateNetwork: config.webhookAllowPrivate, allowHttpLoopback: config.webhookAllowPrivate },
    });
    verifierServer.attach(createVerifierApp(verifierCtx));

    let demoRegistry: DemoTrustRegistry | undefined;
    if (config.demo) {
      const { facts, created, warning } = await ensureDemo(issuerCtx, { dataDir: config.dataDir, secretKey: config.secretKey, verifier: verifierCtx });
      // Without a configured registry, the demo signs its own for the web wallet: the demo
      // organisation issues, the demo verifier organisation is registered to ask what the shipped
      // profiles ask, so the wallet shows the desk as registered. The verifier is not given it:
      // issuers other than the demo's (a W3C test suite's, another organisation made in the demo)
      // stay unchecked (trust skipped) as without a registry, rather than failing as untrusted.
      if (!config.trustRegistry) demoRegistry = await createDemoTrustRegistry({ issuerDid: facts.issuer.did, verifierDid: facts.verifier.did ?? verifierDid(verifierUrl) });
      attachWallet(walletServer, walletDir, config.allowPrivateNetwork, demoRegistry);
      printBanner(facts, config.dataDir, created, walletUrl, warning !== undefined, demoRegistry !== undefined, config.databaseUrl !== undefined);
      if (warning) err(`\nWarning: ${warning}`);
    } else {
      attachWallet(walletServer, walletDir, config.allowPrivateNetwork, undefined);
      out(`Issuer ${issuerUrl} (HR console at /)`);
      out(`Verifier ${verifierUrl} (verifier desk at /)`);
      if (walletUrl) out(`Web wallet ${walletUrl}`);
    }

    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    out('Stopping...');
    await Promise.all(servers.map((s) => s.close()));
    await stopJobs(issuerCtx);
    mailer?.stop();
    await issueRow.close();
    await issuerCtx.close();
    await verifierCtx.close();
    return EXIT.ok;
  } catch (e: unknown) {
    await Promise.all(servers.map((s) => s.close()));
    const code = (e as NodeJS.ErrnoException | null)?.code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      err(`Cannot listen: ${(e as Error).message}. Set ISSUER_PORT and VERIFIER_PORT to free ports.`);
      return EXIT.unavailable;
    }
    throw e;
  }
}
