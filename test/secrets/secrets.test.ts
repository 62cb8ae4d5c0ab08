/**
 * Secrets at rest and in logs (issue 10, "Secrets and tenants"). One run of the real services
 * goes through everything that handles a secret: two organisations (Ed25519 and P-256 keys each),
 * key rotation (twice), API keys of every role and a platform key, an OIDC sign-in configuration
 * and a failed OIDC sign-in, single issuing in every format, a bulk job with a bad row, an
 * OpenID4VCI offer with a transaction code (a wrong try, the token, a credential), and
 * verification (a good and a tampered credential, a refused presentation). Then:
 * - the issuer's SQLite file, WAL and shared memory, read as bytes while open and again after
 *   closing, hold no private key (JWK `d`: raw bytes, hex either case, base64url, base64), no API
 *   or platform key, no pre-authorised code or access token, no key-encryption secret; offers keep
 *   only a hash of their transaction code;
 * - the wallet's SQLite key store (SqliteKeyStore) holds no private key of its holders;
 * - the logs (pino at debug, every line captured) hold none of those, nor a transaction code, nor a
 *   whole credential (a JWT, its payload or its signature), nor the OIDC bearer token.
 * The issuer has no OIDC client secret: it is a resource server that checks access tokens
 * against the provider's JWKS, so there is none to store.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, openDatabase } from '@staff-passport/core';
import { createApiKey, createOrganisation, createPlatformKey, stopJobs } from '@staff-passport/issuer';
import { SqliteKeyStore, WALLET_SCHEMA } from '@staff-passport/wallet-sdk';
import { createHolderKey, signProof } from '../../packages/issuer/test/oid4vci/helpers/test-wallet.js';
import { orgPrivateKeys } from '../helpers/org-private-keys.js';
import { getChallenge, postJson, startServices, type Services } from '../helpers/start-services.js';
import { trainingCredential } from '../helpers/training-credential.js';
import { secretForms, findSecrets, type Secret } from './lib/find-secrets.js';

const PRE_AUTH = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const logLines: string[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _enc, done) {
    logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});

let services: Services;
/** Every secret the run made, by name. */
const secrets: Secret[] = [];
/** Transaction codes: six digits, searched as a whole number (not inside a longer one). */
const txCodes: string[] = [];
/** The issuer's files as read while it was running. */
let filesWhileOpen: { name: string; bytes: Buffer }[] = [];

function addSecret(name: string, value: string | Buffer): void {
  for (const form of secretForms(name, value)) secrets.push(form);
}

async function api(method: string, path: string, key: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${services.issuerUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': typeof body === 'string' ? 'application/x-ndjson' : 'application/json' }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text && (res.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
}

function subjectClaims(holder: string): Record<string, unknown> {
  const { id: _id, ...claims } = trainingCredential(holder)['credentialSubject'] as Record<string, unknown>;
  return claims;
}

async function exercise(): Promise<void> {
  const ctx = services.issuer;
  const holder = await createHolderKey('EdDSA');
  const orgA = services.org;
  const orgB = await createOrganisation(ctx, { name: 'Second Secrets NHS Trust', odsCode: 'RZS' }, 'test');
  addSecret('issuer API key', services.apiKey);
  const admin = (await createApiKey(ctx, { orgId: orgA.id, role: 'org-admin' }, 'test')).apiKey;
  addSecret('org-admin API key', admin);
  addSecret('platform key', (await createPlatformKey(ctx, 'secrets test', 'test')).apiKey);
  addSecret('org B issuer key', (await createApiKey(ctx, { orgId: orgB.id, role: 'issuer' }, 'test')).apiKey);
  addSecret('key-encryption secret', services.secretKey);

  // API keys made over HTTP (the secret is shown once), key rotation twice.
  for (const role of ['issuer', 'auditor', 'org-admin']) {
    const made = await api('POST', `/orgs/${orgA.id}/api-keys`, admin, { role, label: `made over http ${role}` });
    expect(made.status).toBe(201);
    addSecret(`${role} API key made over HTTP`, made.body['apiKey'] as string);
  }
  for (let i = 0; i < 2; i += 1) expect((await api('POST', `/orgs/${orgA.id}/keys/rotate`, admin, {})).status).toBe(201);

  // Single issuing in every format and both algorithms.
  const credentials: string[] = [];
  for (const options of [{ format: 'vc+jwt', alg: 'EdDSA' }, { format: 'vc+jwt', alg: 'ES256' }, { format: 'dc+sd-jwt', holderJwk: holder.jwk }, { format: 'ldp_vc' }]) {
    const issued = await api('POST', `/orgs/${orgA.id}/credentials/issue`, services.apiKey, { credential: trainingCredential(holder.did), options });
    expect(issued.status).toBe(201);
    const vc = issued.body['verifiableCredential'];
    credentials.push(typeof vc === 'string' ? vc : JSON.stringify(vc));
  }

  // A bulk job with one bad row.
  const lines = [0, 1, 2].map((i) => JSON.stringify({ credential: trainingCredential(holder.did, { completedOn: `2024-0${i + 1}-10` }) }));
  lines.push(JSON.stringify({ credential: { type: ['VerifiableCredential', 'NoSuchType'] } }));
  const job = await api('POST', `/orgs/${orgA.id}/jobs`, services.apiKey, `${lines.join('\n')}\n`);
  expect(job.status).toBe(202);
  for (let i = 0; i < 400; i += 1) {
    const state = (await api('GET', `/orgs/${orgA.id}/jobs/${String(job.body['id'])}`, services.apiKey)).body['state'] as string;
    if (['completed', 'failed', 'failed_validation'].includes(state)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  // OIDC sign-in configured, then a forged bearer token refused.
  expect(
    (await api('PUT', `/orgs/${orgA.id}/oidc`, admin, { issuer: 'http://127.0.0.1:9/realm', audience: 'staff-passport', jwksUri: 'http://127.0.0.1:9/jwks', roleMapping: { hr: 'issuer' } })).status,
  ).toBe(200);
  const now = Math.floor(Date.now() / 1000);
  const part = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${part({ alg: 'ES256', kid: 'k1', typ: 'JWT' })}.${part({ iss: 'http://127.0.0.1:9/realm', aud: 'staff-passport', sub: 'mallory', roles: ['hr'], iat: now, exp: now + 300 })}`;
  const signature = sign('sha256', Buffer.from(input), { key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, dsaEncoding: 'ieee-p1363' });
  const forged = `${input}.${signature.toString('base64url')}`;
  addSecret('OIDC bearer token', forged);
  // The provider is down: the sign-in fails as unavailable (503), the token refused either way.
  expect([401, 503]).toContain((await api('GET', `/orgs/${orgA.id}`, forged)).status);

  // An OpenID4VCI offer with a transaction code: a wrong try, the right one, a credential.
  const offer = await api('POST', `/orgs/${orgA.id}/offers`, services.apiKey, { credentials: [{ type: 'TrainingRecord', credentialSubject: subjectClaims(holder.did) }], formats: ['jwt_vc_json'] });
  expect(offer.status).toBe(201);
  const txCode = offer.body['txCode'] as string;
  txCodes.push(txCode);
  const offerJson = (await (await fetch(offer.body['credentialOfferUri'] as string)).json()) as Record<string, Record<string, Record<string, string>>>;
  const code = offerJson['grants']![PRE_AUTH]!['pre-authorized_code']!;
  addSecret('pre-authorized code', code);
  const form = (tx: string) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: PRE_AUTH, 'pre-authorized_code': code, tx_code: tx }).toString() });
  const tokenUrl = `${services.issuerUrl}/orgs/${orgA.id}/oid4vci/token`;
  expect((await fetch(tokenUrl, form(txCode === '000000' ? '000001' : '000000'))).status).toBe(400);
  const token = (await (await fetch(tokenUrl, form(txCode))).json()) as { access_token: string };
  addSecret('access token', token.access_token);
  const nonce = ((await (await fetch(`${services.issuerUrl}/orgs/${orgA.id}/oid4vci/nonce`, { method: 'POST' })).json()) as { c_nonce: string }).c_nonce;
  const proof = await signProof(holder, { aud: `${services.issuerUrl}/orgs/${orgA.id}`, nonce });
  const got = await fetch(`${services.issuerUrl}/orgs/${orgA.id}/oid4vci/credential`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
    body: JSON.stringify({ credential_configuration_id: offerJson['credential_configuration_ids'] ? (offerJson['credential_configuration_ids'] as unknown as string[])[0] : '', proofs: { jwt: [proof] } }),
  });
  expect(got.status).toBe(200);
  credentials.push(((await got.json()) as { credentials: { credential: string }[] }).credentials[0]!.credential);

  // Verification: good, tampered, and a presentation refused.
  const jwt = credentials[0]!;
  expect((await postJson(`${services.verifierUrl}/credentials/verify`, { verifiableCredential: jwt.startsWith('{') ? JSON.parse(jwt) : jwt })).status).toBeLessThan(500);
  const [h, p, s] = jwt.split('.');
  const tampered = `${h}.${p}x.${s}`;
  expect((await postJson(`${services.verifierUrl}/credentials/verify`, { verifiableCredential: tampered })).status).toBe(400);
  const challenge = await getChallenge(services.verifierUrl);
  expect((await postJson(`${services.verifierUrl}/presentations/verify`, { verifiablePresentation: `${h}.${p}.${s}`, options: challenge })).status).toBe(400);

  // Whole credentials and their parts are secrets for the logs (not for the database: see storeCredentials).
  for (const c of credentials) {
    if (c.startsWith('{')) {
      const proofValue = (JSON.parse(c) as { proof?: { proofValue?: string } }).proof?.proofValue;
      if (proofValue) credentialParts.push({ name: 'Data Integrity proofValue', needle: Buffer.from(proofValue) });
      continue;
    }
    const parts = c.split('~')[0]!.split('.');
    credentialParts.push({ name: 'credential JWT', needle: Buffer.from(c.split('~')[0]!) }, { name: 'credential payload', needle: Buffer.from(parts[1]!.slice(0, 60)) }, { name: 'credential signature', needle: Buffer.from(parts[2]!) });
  }

  // Every organisation's private key (both organisations, active and retired), as the JWK's d.
  const keys = await orgPrivateKeys(ctx);
  expect(keys.length).toBeGreaterThanOrEqual(2 * 2 + 2 * 2);
  expect(new Set(keys.map((a) => a.type))).toEqual(new Set(['Ed25519', 'Secp256r1']));
  for (const { privateKeyHex: hex, type } of keys) {
    addSecret(`${type} private key d`, Buffer.from(hex, 'hex').subarray(0, 32));
    addSecret(`${type} privateKeyHex`, hex);
  }
}

const credentialParts: Secret[] = [];

function issuerFiles(): { name: string; bytes: Buffer }[] {
  return readdirSync(services.dataDir)
    .filter((f) => f.startsWith('issuer.sqlite'))
    .map((name) => ({ name, bytes: readFileSync(join(services.dataDir, name)) }));
}

beforeAll(async () => {
  services = await startServices({ logger: createLogger({ level: 'debug', destination: logSink }) });
  await exercise();
  filesWhileOpen = issuerFiles();
}, 120_000);

afterAll(async () => {
  await stopJobs(services.issuer);
  await services.close();
});

describe('at rest', () => {
  // A live by-reference offer keeps its offer JSON (pre-authorised code included) so that its
  // credential_offer_uri can be served: sealed under the secret, bound to the offer id, and
  // cleared once the token is issued. No copy of the code is readable, even in the WAL.
  it('the issuer database, WAL and shared memory hold no private key, API key, token or secret (read while running)', () => {
    expect(filesWhileOpen.map((f) => f.name)).toContain('issuer.sqlite');
    expect(findSecrets(filesWhileOpen, secrets.filter((s) => !s.name.startsWith('OIDC')))).toEqual([]);
    process.stdout.write(`secrets at rest: ${secrets.length} secret forms searched in ${filesWhileOpen.map((f) => `${f.name} (${f.bytes.length} bytes)`).join(', ')}\n`);
  });

  it('offers keep only a hash of their transaction code, and drop the offer JSON (with the pre-authorised code) once redeemed', async () => {
    const rows = (await services.issuer.db.query('SELECT * FROM sp_offers')) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect([row['status'], row['offer_json']]).toEqual(['issued', null]);
    for (const row of rows) for (const value of Object.values(row)) for (const tx of txCodes) expect(String(value)).not.toBe(tx);
    expect(JSON.stringify(rows)).not.toMatch(new RegExp(`"${txCodes[0]!}"`));
  });

  it('nor after a checkpoint (the WAL copied into the file and truncated)', async () => {
    await services.issuer.db.query('PRAGMA wal_checkpoint(TRUNCATE)');
    const files = issuerFiles();
    expect(files.find((f) => f.name === 'issuer.sqlite')!.bytes.length).toBeGreaterThan(100_000);
    expect(findSecrets(files, secrets.filter((s) => !s.name.startsWith('OIDC')))).toEqual([]);
  });

  it("the wallet's SQLite key store holds no holder private key (Ed25519 and P-256, did:key and did:jwk)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sp-wallet-secrets-'));
    try {
      const file = join(dir, 'wallet.sqlite');
      const secretKey = randomBytes(32).toString('hex');
      const db = await openDatabase({ file, schema: WALLET_SCHEMA });
      const keys = new SqliteKeyStore(db, { secretKey });
      for (const alg of ['EdDSA', 'ES256'] as const) for (const method of ['did:key', 'did:jwk'] as const) await keys.createKey({ alg, method });
      const holderSecrets: Secret[] = [...secretForms('wallet secret', secretKey)];
      const exported = await keys.exportKeys();
      expect(exported.keys).toHaveLength(4);
      for (const key of exported.keys) holderSecrets.push(...secretForms(`holder ${key.alg} d`, Buffer.from(key.privateJwk.d!, 'base64url')));
      const read = () => readdirSync(dir).filter((f) => f.startsWith('wallet.sqlite')).map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));
      expect(findSecrets(read(), holderSecrets)).toEqual([]);
      await db.close();
      expect(findSecrets(read(), holderSecrets)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('in the logs', () => {
  it('logs were written at debug level through every step, and carry no secret, code, token or whole credential', () => {
    expect(logLines.length).toBeGreaterThan(20);
    const all = [{ name: 'log', bytes: Buffer.from(logLines.join('\n')) }];
    expect(findSecrets(all, [...secrets, ...credentialParts])).toEqual([]);
    const text = logLines.join('\n');
    for (const tx of txCodes) expect(text).not.toMatch(new RegExp(`(?<![0-9])${tx}(?![0-9])`));
    process.stdout.write(`secrets in logs: ${logLines.length} lines, ${secrets.length + credentialParts.length} needles, ${txCodes.length} transaction codes\n`);
  });
});
