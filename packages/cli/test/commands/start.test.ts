/**
 * `staff-passport start --demo`, as `pnpm start` runs it: a real process over a fresh data folder.
 * It prints the URLs and the demo organisation, writes data/demo.json, and the README's "try it"
 * (issue the example credential, then verify it) answers verified: true; a second start reuses
 * the organisation and key. Without a configured trust registry the demo signs one for its web
 * wallet, in which its verifier is registered to ask what the shipped profiles ask. Bad
 * configuration stops it with a clear message and exit code 78.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { issueBulkCommand } from '../../src/commands/issue-bulk.js';
import { trainingCsv } from '../../../issuer/test/jobs/helpers/bulk-files.js';
import { bin, freePort, root, startDemo, stopDemo } from '../helpers/start-demo-process.js';
import { addTrustRegistryEntry, createJwkSigner, createTrustRegistryDraft, generateRegistryKey, renewTrustRegistry, signTrustRegistry, verifyTrustRegistry, checkVerifierAsks, type RegistryJwk } from '@staff-passport/core';
import { MOVE_KIND_CODES } from '@staff-passport/schemas';
import { listProfileAsks, listProfiles } from '@staff-passport/verifier';

// The data folder is called data, as the README's commands (run from its parent) expect.
const home = mkdtempSync(join(tmpdir(), 'sp-start-'));
const dataDir = join(home, 'data');

interface DemoFacts {
  issuer: { url: string; orgId: string; did: string; apiKey: string };
  verifier: { url: string; orgId?: string; did?: string; keys?: Record<string, string> };
  exampleCredential: Record<string, unknown>;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

afterAll(() => rmSync(home, { recursive: true, force: true }));

/**
 * Runs the README's shell steps that use the demo (try it, suspend, offer) in bash from the data
 * folder's parent, with `pnpm staff-passport` running the CLI from its sources.
 */
function runReadmeSteps(): { status: number | null; output: string } {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => b.includes('data/try/') && !b.includes('issue bulk'));
  // From another folder, tsx is named by its path (it is resolved from the working folder).
  const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
  const cli = `'${process.execPath}' ${bin.map((a) => `'${a === 'tsx' ? tsx : a}'`).join(' ')}`;
  const script = ['set -euo pipefail', `pnpm() { if [ "$1" = staff-passport ]; then shift; ${cli} "$@"; else command pnpm "$@"; fi; }`, ...blocks].join('\n');
  const result = spawnSync('bash', ['-c', script], { cwd: home, env: { ...process.env, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 300_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

// The ports of the demo (its did:web names the issuer's port), shared by the tests after the first start.
let env: Record<string, string> = {};

describe('staff-passport start --demo', () => {
  it('stops on bad configuration with a clear message and exit code 78', () => {
    const result = spawnSync(process.execPath, [...bin, 'start', '--demo'], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, ISSUER_PORT: 'eighty' }, encoding: 'utf8' });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('ISSUER_PORT must be a port number');
    // The mail settings are checked by the same loader (issue 19), before anything listens.
    const mail = spawnSync(process.execPath, [...bin, 'start', '--demo'], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, SMTP_URL: 'mail.example.nhs.uk:25' }, encoding: 'utf8' });
    expect(mail.status).toBe(78);
    expect(mail.stderr).toMatch(/ERR_CONFIG_INVALID.*SMTP_URL must be smtp:\/\/host:port|SMTP_URL must be smtp:\/\/host:port/);
  });

  it('starts, prints the facts, and the try-it issue then verify works; a second start reuses them', async () => {
    env = { DATA_DIR: dataDir, ISSUER_PORT: String(await freePort()), VERIFIER_PORT: String(await freePort()) };
    const first = await startDemo(env);
    let facts: DemoFacts;
    try {
      facts = JSON.parse(readFileSync(join(dataDir, 'demo.json'), 'utf8')) as DemoFacts;
      expect(first.output).toContain(facts.issuer.url);
      expect(first.output).toContain(facts.verifier.url);
      expect(first.output).toContain(facts.issuer.orgId);
      expect(first.output).toContain(facts.issuer.did);
      expect(first.output).toContain(facts.issuer.apiKey);
      expect(first.output).toContain('curl');
      expect(facts.issuer.did).toMatch(/^did:web:127\.0\.0\.1%3A\d+:orgs:org_/);

      const issued = await post(`${facts.issuer.url}/orgs/${facts.issuer.orgId}/credentials/issue`, { credential: facts.exampleCredential }, { authorization: `Bearer ${facts.issuer.apiKey}` });
      expect(issued.status).toBe(201);
      const verified = await post(`${facts.verifier.url}/credentials/verify`, issued.body);
      expect(verified.status).toBe(200);
      expect(verified.body['verified']).toBe(true);

      const vc = issued.body['verifiableCredential'] as { id: string };
      const at = vc.id.lastIndexOf('.') + 5;
      const tampered = { verifiableCredential: { ...vc, id: `${vc.id.slice(0, at)}${vc.id[at] === 'A' ? 'B' : 'A'}${vc.id.slice(at + 1)}` } };
      const refused = await post(`${facts.verifier.url}/credentials/verify`, tampered);
      expect(refused.status).toBe(400);
      expect(refused.body['verified']).toBe(false);

      // The README's own steps, as a newcomer pastes them.
      const steps = runReadmeSteps();
      expect([steps.status, steps.output.slice(-1500)]).toEqual([0, expect.any(String)]);
      expect(steps.output).toContain('"verified":true');
      expect(steps.output).toMatch(/HTTP\/1\.1 400[\s\S]*ERR_VC_SIGNATURE_INVALID/);
      expect(steps.output).toMatch(/\nverified\n/);
      expect(steps.output).toContain('"status":"suspended"');
      expect(steps.output).toContain('suspended: 1');
      expect(steps.output).toMatch(/"id":"off_[0-9a-f]+","status":"offered"/);
      expect(readdirSync(join(dataDir, 'try')).sort()).toEqual(['bad.json', 'issue.json', 'offer-made.json', 'offer.json', 'vc.json']);
    } finally {
      expect(await stopDemo(first.child)).toBe(0);
    }

    // The second start also serves a (stand-in) built web wallet, with its runtime config.
    const walletDir = join(dataDir, 'wallet-dist');
    mkdirSync(walletDir, { recursive: true });
    writeFileSync(join(walletDir, 'index.html'), '<!doctype html><title>wallet</title>');
    const walletPort = await freePort();
    const second = await startDemo({ ...env, WALLET_PORT: String(walletPort) }, ['--wallet-dir', walletDir]);
    try {
      expect(second.output).toContain('(reused)');
      expect(second.output).toContain(`HR console     ${facts.issuer.url}/`);
      expect(second.output).toContain(`Verifier desk  ${facts.verifier.url}/`);
      expect(second.output).toContain(`Web wallet     http://127.0.0.1:${walletPort}/`);
      const shell = await fetch(`http://127.0.0.1:${walletPort}/`);
      expect(shell.status).toBe(200);
      expect(shell.headers.get('content-security-policy')).toContain("script-src 'self'");
      await expect(shell.text()).resolves.toContain('<title>wallet</title>');
      // The wallet reads the demo's trust registry (signed at each start) beside it.
      const walletConfig = (await (await fetch(`http://127.0.0.1:${walletPort}/config.json`)).json()) as { trustRegistryKeys: RegistryJwk[] };
      expect(walletConfig).toEqual({ allowHttpLoopback: true, trustRegistryUrl: '/trust-registry.jwt', trustRegistryKeys: [expect.objectContaining({ kty: 'OKP', kid: expect.any(String) })] });
      const served = await verifyTrustRegistry({ jws: await (await fetch(`http://127.0.0.1:${walletPort}/trust-registry.jwt`)).text(), trustedKeys: walletConfig.trustRegistryKeys });
      expect(served.verified).toBe(true);
      expect(served.registry!.entries.map((e) => [e.did, e.asks === undefined])).toEqual([
        [facts.issuer.did, true],
        [facts.verifier.did, false],
      ]);
      // Its verifier organisation is registered to ask what every shipped profile asks, for every kind of move.
      const verifierDid = facts.verifier.did!;
      for (const profile of listProfiles()) {
        for (const purpose of MOVE_KIND_CODES) {
          const asked = checkVerifierAsks(served.registry!, { verifierDid, purpose, asks: listProfileAsks(profile) });
          expect([profile.id, purpose, asked.allowed]).toEqual([profile.id, purpose, true]);
        }
      }
      expect((await post(`${facts.verifier.url}/oid4vp/requests`, { profileId: listProfiles()[0]!.id }, { authorization: `Bearer ${facts.verifier.keys!.checker}` })).status).toBe(201);
      // The HR console and the verifier desk are the services' front pages.
      const front = await fetch(`${facts.issuer.url}/`, { redirect: 'manual' });
      expect(front.status).toBe(303);
      expect(front.headers.get('location')).toBe('/console/sign-in');
      // The verifier desk is behind sign-in (issue 20); the demo verifier organisation's checker key is printed, and works.
      const desk = await fetch(`${facts.verifier.url}/`, { redirect: 'manual' });
      expect([desk.status, desk.headers.get('location')]).toEqual([303, '/desk/sign-in?next=%2F']);
      const demoVerifier = (JSON.parse(readFileSync(join(dataDir, 'demo.json'), 'utf8')) as DemoFacts).verifier;
      expect(second.output).toContain(`Checker key        ${demoVerifier.keys!['checker']!}`);
      expect((await fetch(`${facts.verifier.url}/orgs/${demoVerifier.orgId!}/did.json`)).status).toBe(200);
      const me = await fetch(`${facts.verifier.url}/organisation`, { headers: { authorization: `Bearer ${demoVerifier.keys!['checker']!}` } });
      expect(((await me.json()) as { organisation: { odsCode: string } }).organisation.odsCode).toBe('RZX');
      // A bulk job through the started service, which signs bulk rows on worker threads.
      const csv = join(dataDir, 'bulk.csv');
      writeFileSync(csv, trainingCsv(300));
      let printed = '';
      const sink = { write: (t: string) => (printed += t) };
      const code = await issueBulkCommand(csv, { 'issuer-url': facts.issuer.url, org: facts.issuer.orgId, 'api-key': facts.issuer.apiKey, kind: 'training-compliance' }, { stdout: sink, stderr: { ...sink, isTTY: false, columns: 100 }, env: {}, pollMs: 50, lineEveryMs: 0 });
      expect([code, printed]).toEqual([0, expect.stringMatching(/Issued 300 credentials from 300 rows/)]);
      const again = JSON.parse(readFileSync(join(dataDir, 'demo.json'), 'utf8')) as DemoFacts;
      expect(again.issuer).toEqual(facts.issuer);
      const issued = await post(`${again.issuer.url}/orgs/${again.issuer.orgId}/credentials/issue`, { credential: again.exampleCredential }, { authorization: `Bearer ${again.issuer.apiKey}` });
      expect(issued.status).toBe(201);
      expect((await post(`${again.verifier.url}/credentials/verify`, issued.body)).body['verified']).toBe(true);
    } finally {
      await stopDemo(second.child);
    }
  });

  it('the verifier uses the signed trust registry it is given; a registry signed by another key stops the start (78)', async () => {
    const key = await generateRegistryKey();
    const other = await generateRegistryKey();
    const draft = addTrustRegistryEntry(createTrustRegistryDraft({ name: 'Test registry' }), {
      did: 'did:web:elsewhere.example',
      odsCode: 'RXX',
      name: 'Elsewhere NHS Trust',
      credentialTypes: ['*'],
      validFrom: '2020-01-01T00:00:00Z',
    });
    const jws = await signTrustRegistry({ registry: renewTrustRegistry(draft), signer: await createJwkSigner(key.privateJwk) });
    writeFileSync(join(dataDir, 'registry.jwt'), jws);
    writeFileSync(join(dataDir, 'registry-keys.json'), JSON.stringify([key.publicJwk]));
    writeFileSync(join(dataDir, 'other-keys.json'), JSON.stringify([other.publicJwk]));

    const wrongKey = spawnSync(process.execPath, [...bin, 'start', '--demo'], {
      cwd: root,
      env: { ...process.env, ...env, TRUST_REGISTRY: join(dataDir, 'registry.jwt'), TRUST_REGISTRY_KEYS: join(dataDir, 'other-keys.json') },
      encoding: 'utf8',
    });
    expect(wrongKey.status).toBe(78);
    expect(wrongKey.stderr).toContain('trust registry');

    const run = await startDemo({ ...env, TRUST_REGISTRY: join(dataDir, 'registry.jwt'), TRUST_REGISTRY_KEYS: join(dataDir, 'registry-keys.json') });
    try {
      const facts = JSON.parse(readFileSync(join(dataDir, 'demo.json'), 'utf8')) as DemoFacts;
      const issued = await post(`${facts.issuer.url}/orgs/${facts.issuer.orgId}/credentials/issue`, { credential: facts.exampleCredential }, { authorization: `Bearer ${facts.issuer.apiKey}` });
      const verified = await post(`${facts.verifier.url}/credentials/verify`, issued.body);
      expect(verified.status).toBe(400);
      expect((verified.body['errors'] as { code: string }[]).map((e) => e.code)).toEqual(['ERR_ISSUER_NOT_TRUSTED']);
    } finally {
      await stopDemo(run.child);
    }
  });
});
