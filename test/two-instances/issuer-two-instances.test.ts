/**
 * The two-instance suite (issue 17, item 5): two issuer processes on one PostgreSQL database
 * behind a round-robin proxy on 127.0.0.1, the proxy's URL being the issuer's public URL (one
 * did:web per organisation for both), and two verifier processes on another database of the same
 * cluster behind a proxy of their own (the OpenID4VP steps across verifier instances are in
 * verifier-two-instances.test.ts). The test reads the issuer's database itself (a context of its
 * own on the same URL) and, with the proxies' logs, checks where each step landed:
 * - the OpenID4VCI pre-authorised code flow with its steps on alternate instances (offer, token,
 *   nonce, credential);
 * - a c_nonce given by one instance and used on the other is refused when replayed to the first;
 * - 300 issues sent at once through both: every id and every status slot distinct;
 * - 40 revocations spread over both: each instance then serves a list with every one of the bits,
 *   and each verifier instance, fetching the lists through the issuers' proxy, refuses a revoked
 *   credential and accepts a live one;
 * - a 20,000-row bulk job worked by both (both hold slices), one of them killed with SIGKILL in
 *   the middle: the other finishes it, one credential per row;
 * - at the end, the audit chain both wrote to verifies.
 * Bounded in time and count; nothing timed.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addTrustRegistryEntry, createLogger, createTrustRegistryDraft, decodeBitstringList, renewTrustRegistry, type Bitstring } from '@staff-passport/core';
import { createApiKey, createIssuerContext, createOrganisation, verifyAuditChain, type IssuerContext, type Organisation } from '@staff-passport/issuer';
import { CATALOGUE } from '@staff-passport/schemas';
import { createHolderKey, postForm, postWithToken, signProof } from '../../packages/issuer/test/oid4vci/helpers/test-wallet.js';
import { trainingCsv } from '../../packages/issuer/test/jobs/helpers/bulk-files.js';
import { call, followJob, type JobAnswer } from '../../packages/issuer/test/jobs/helpers/start-job-issuer.js';
import { listSliceHolders } from '../../packages/issuer/src/store/job-store.js';
import { sharedPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster.js';
import { servedBy, startRoundRobinProxy, turnTo, type RoundRobinProxy } from '../helpers/round-robin-proxy.js';
import { startServiceProcess, type ServiceProcess } from '../helpers/start-service-process.js';
import { trainingCredential } from '../helpers/training-credential.js';
import { placeholder } from '../helpers/sql-placeholder.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const PRE_AUTH = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const holder = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const ISSUES = 300;
const REVOCATIONS = 40;
const BULK_ROWS = 20_000;
let cluster: PostgresCluster | undefined;
let proxy: RoundRobinProxy;
let verifierProxy: RoundRobinProxy;
const verifiers: ServiceProcess[] = [];
/** The issue answers of the first credentials (the ones revoked, and one more), to verify. */
const answers = new Map<string, unknown>();
let ctx: (IssuerContext & { close(): Promise<void> }) | undefined;
let org: Organisation;
let apiKey: string;
const issuers: ServiceProcess[] = [];
const issuedIds: string[] = [];

beforeAll(async () => {
  cluster = await sharedPostgresCluster();
  const databaseUrl = await cluster.createDatabase();
  proxy = await startRoundRobinProxy();
  const secretKey = randomBytes(32).toString('hex');
  ctx = await createIssuerContext({ databaseFile: join(tmpdir(), 'unused-issuer.sqlite'), databaseUrl, secretKey, publicUrl: proxy.url, logger: createLogger({ level: 'silent' }) });
  org = await createOrganisation(ctx, { name: 'Two Instances NHS Trust', odsCode: 'RZT' }, 'test');
  apiKey = (await createApiKey(ctx, { orgId: org.id, role: 'issuer' }, 'test')).apiKey;
  const env = { DATABASE_URL: databaseUrl, PUBLIC_URL: proxy.url, SECRET_KEY: secretKey, SLICE_ROWS: '500', JOB_LEASE_MS: '4000' };
  const script = join(here, 'fixtures', 'run-issuer.ts');
  // The verifiers trust the organisation (a registry naming its did:web, given as JSON).
  verifierProxy = await startRoundRobinProxy();
  const entry = { did: org.did, odsCode: org.odsCode, name: org.name, credentialTypes: ['*'], validFrom: '2020-01-01T00:00:00Z' };
  const registry = renewTrustRegistry(addTrustRegistryEntry(createTrustRegistryDraft({ name: 'Two instances registry' }), entry), { now: new Date() });
  const verifierEnv = { DATABASE_URL: await cluster.createDatabase(), PUBLIC_URL: verifierProxy.url, SECRET_KEY: randomBytes(32).toString('hex'), TRUST_REGISTRY: JSON.stringify(registry) };
  const verifierScript = join(here, 'fixtures', 'run-verifier.ts');
  const started = await Promise.all([
    startServiceProcess(script, root, env),
    startServiceProcess(script, root, env),
    startServiceProcess(verifierScript, root, verifierEnv),
    startServiceProcess(verifierScript, root, verifierEnv),
  ]);
  issuers.push(...started.slice(0, 2));
  verifiers.push(...started.slice(2));
  proxy.backends.push(...issuers.map((i) => i.url));
  verifierProxy.backends.push(...verifiers.map((v) => v.url));
});

afterAll(async () => {
  await Promise.all([...issuers, ...verifiers].map((i) => i.stop()));
  await proxy?.close();
  await verifierProxy?.close();
  await ctx?.close();
  await cluster?.stop();
});

const issuerId = (): string => `${proxy.url}/orgs/${org.id}`;

async function createOffer(): Promise<{ code: string; txCode: string | null }> {
  const { id: _id, ...claims } = CATALOGUE.find((d) => d.type === 'TrainingRecord')!.example['credentialSubject'] as Record<string, unknown>;
  const res = await call(`${issuerId()}/offers`, { key: apiKey, body: JSON.stringify({ credentials: [{ type: 'TrainingRecord', credentialSubject: claims }], formats: ['dc+sd-jwt'], byReference: false }), contentType: 'application/json' });
  expect(res.status).toBe(201);
  const offer = res.body['credentialOffer'] as { grants: Record<string, Record<string, string>> };
  return { code: offer.grants[PRE_AUTH]!['pre-authorized_code']!, txCode: (res.body['txCode'] as string | null) ?? null };
}

async function tokenOf(offer: { code: string; txCode: string | null }): Promise<string> {
  const res = await postForm(`${issuerId()}/oid4vci/token`, { grant_type: PRE_AUTH, 'pre-authorized_code': offer.code, ...(offer.txCode ? { tx_code: offer.txCode } : {}) });
  expect(res.status).toBe(200);
  return res.body['access_token'] as string;
}

async function nonce(): Promise<string> {
  const res = await fetch(`${issuerId()}/oid4vci/nonce`, { method: 'POST' });
  expect(res.status).toBe(200);
  return ((await res.json()) as { c_nonce: string }).c_nonce;
}

it('runs the OpenID4VCI flow with its steps on alternate instances, and refuses a c_nonce replayed to the other', async () => {
  const key = await createHolderKey();
  await turnTo(proxy, 0);
  const first = await createOffer();
  expect(servedBy(proxy, 'POST', `/orgs/${org.id}/offers`)).toBe(0);
  const token = await tokenOf(first);
  expect(servedBy(proxy, 'POST', `/orgs/${org.id}/oid4vci/token`)).toBe(1);
  const cNonce = await nonce();
  expect(servedBy(proxy, 'POST', `/orgs/${org.id}/oid4vci/nonce`)).toBe(0);
  const proof = await signProof(key, { aud: issuerId(), nonce: cNonce });
  const credential = await postWithToken(`${issuerId()}/oid4vci/credential`, token, { credential_configuration_id: 'TrainingRecord_dc_sd_jwt', proofs: { jwt: [proof] } });
  expect([credential.status, servedBy(proxy, 'POST', `/orgs/${org.id}/oid4vci/credential`)]).toEqual([200, 1]);
  expect((credential.body['credentials'] as { credential: string }[])[0]!.credential).toMatch(/~/);

  // The same c_nonce (taken by instance 1) in another wallet's request to instance 0: refused.
  await turnTo(proxy, 0);
  const second = await createOffer();
  const otherToken = await tokenOf(second);
  await turnTo(proxy, 0);
  const replayed = await postWithToken(`${issuerId()}/oid4vci/credential`, otherToken, { credential_configuration_id: 'TrainingRecord_dc_sd_jwt', proofs: { jwt: [proof] } });
  expect([replayed.status, replayed.body['error'], servedBy(proxy, 'POST', `/orgs/${org.id}/oid4vci/credential`)]).toEqual([400, 'invalid_nonce', 0]);
  // A fresh c_nonce from instance 1 is taken by instance 0.
  await turnTo(proxy, 1);
  const fresh = await signProof(key, { aud: issuerId(), nonce: await nonce() });
  const taken = await postWithToken(`${issuerId()}/oid4vci/credential`, otherToken, { credential_configuration_id: 'TrainingRecord_dc_sd_jwt', proofs: { jwt: [fresh] } });
  expect([taken.status, servedBy(proxy, 'POST', `/orgs/${org.id}/oid4vci/credential`)]).toEqual([200, 0]);
});

it(`issues ${ISSUES} credentials sent at once through both instances: every id and status slot distinct`, async () => {
  const before = proxy.log.length;
  const issueOne = async (): Promise<string> => {
    const res = await fetch(`${issuerId()}/credentials/issue`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ credential: trainingCredential(holder) }) });
    const body = (await res.json()) as unknown;
    expect(res.status).toBe(201);
    const id = res.headers.get('location')!.split('/').pop()!;
    if (answers.size <= REVOCATIONS) answers.set(id, body);
    return id;
  };
  // 30 clients without pause: at most 30 requests open at a time, every one of them an issue.
  const clients = Array.from({ length: 30 }, async () => {
    const ids: string[] = [];
    while (ids.length < ISSUES / 30) ids.push(await issueOne());
    return ids;
  });
  issuedIds.push(...(await Promise.all(clients)).flat());
  // The credentials kept to verify come first.
  issuedIds.sort((x, y) => Number(answers.has(y)) - Number(answers.has(x)));
  expect(new Set(issuedIds).size).toBe(ISSUES);
  expect(new Set(proxy.log.slice(before).map((e) => e.backend))).toEqual(new Set([0, 1]));
  const slots = await ctx!.db.query<{ id: string; status_list_id: string; status_index: number }>(
    `SELECT id, status_list_id, status_index FROM sp_issued_credentials WHERE id IN (${issuedIds.map((_id, i) => placeholder(ctx!.db.engine, i + 1)).join(', ')})`,
    issuedIds,
  );
  expect(slots).toHaveLength(ISSUES);
  expect(new Set(slots.map((s) => `${s.status_list_id}#${s.status_index}`)).size).toBe(ISSUES);
});

it(`revokes ${REVOCATIONS} credentials spread over both instances; each instance then serves every bit`, async () => {
  const revoked = issuedIds.slice(0, REVOCATIONS);
  const before = proxy.log.length;
  const answers = await Promise.all(
    revoked.map((id) => call(`${issuerId()}/credentials/status-changes`, { key: apiKey, body: JSON.stringify({ action: 'revoke', credentialIds: [id], reason: 'other' }), contentType: 'application/json' })),
  );
  expect(answers.map((a) => a.status)).toEqual(revoked.map(() => 200));
  expect(new Set(proxy.log.slice(before).map((e) => e.backend))).toEqual(new Set([0, 1]));
  const slots = await ctx!.db.query<{ id: string; status_list_id: string; status_index: number }>(
    `SELECT id, status_list_id, status_index FROM sp_issued_credentials WHERE id IN (${issuedIds.map((_id, i) => placeholder(ctx!.db.engine, i + 1)).join(', ')})`,
    issuedIds,
  );
  const lists = [...new Set(slots.map((s) => s.status_list_id))];
  for (const backend of [0, 1]) {
    for (const listId of lists) {
      const res = await fetch(`${issuers[backend]!.url}/orgs/${org.id}/status/${listId}/revocation`);
      expect(res.status).toBe(200);
      const payload = JSON.parse(Buffer.from((await res.text()).split('.')[1]!, 'base64url').toString('utf8')) as { credentialSubject?: { encodedList: string }; vc?: { credentialSubject: { encodedList: string } } };
      const bits: Bitstring = decodeBitstringList((payload.credentialSubject ?? payload.vc!.credentialSubject).encodedList);
      for (const slot of slots.filter((s) => s.status_list_id === listId)) expect([slot.id, bits.get(Number(slot.status_index))]).toEqual([slot.id, revoked.includes(slot.id) ? 1 : 0]);
    }
  }
});

it('each verifier instance, reading the lists through the issuers, refuses a revoked credential and accepts a live one', async () => {
  const revoked = issuedIds[0]!;
  const live = issuedIds[REVOCATIONS]!;
  for (const backend of [0, 1]) {
    await turnTo(verifierProxy, backend);
    const refused = await call(`${verifierProxy.url}/credentials/verify`, { body: JSON.stringify(answers.get(revoked)), contentType: 'application/json' });
    expect([refused.status, refused.body['verified'], servedBy(verifierProxy, 'POST', '/credentials/verify')]).toEqual([400, false, backend]);
    expect((refused.body['errors'] as { code: string }[]).map((e) => e.code)).toContain('ERR_STATUS_REVOKED');
    await turnTo(verifierProxy, backend);
    const accepted = await call(`${verifierProxy.url}/credentials/verify`, { body: JSON.stringify(answers.get(live)), contentType: 'application/json' });
    expect([accepted.status, accepted.body['verified'], servedBy(verifierProxy, 'POST', '/credentials/verify')]).toEqual([200, true, backend]);
  }
});

it(`works a ${BULK_ROWS.toLocaleString('en-GB')}-row bulk job on both instances, one killed with SIGKILL mid-job: one credential per row`, async () => {
  const upload = await call(`${issuerId()}/jobs?kind=training-compliance`, { key: apiKey, body: trainingCsv(BULK_ROWS), contentType: 'text/csv' });
  expect(upload.status).toBe(202);
  const jobId = (upload.body as unknown as JobAnswer).id;
  // Both instances hold slices before one is killed (bounded: the job must still be issuing then).
  let holders: string[] = [];
  let state = 'validating';
  for (let i = 0; i < 2000 && (state === 'validating' || (state === 'issuing' && holders.length < 2)); i += 1) {
    state = ((await call(`${proxy.url}/jobs/${jobId}`, { key: apiKey })).body as unknown as JobAnswer).state;
    holders = await listSliceHolders(ctx!.db, jobId);
    if (holders.length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(holders.length).toBe(2);
  const atKill = (await call(`${issuers[0]!.url}/jobs/${jobId}`, { key: apiKey })).body as unknown as JobAnswer;
  expect(atKill.state).toBe('issuing');
  issuers[1]!.child.kill('SIGKILL');
  await issuers[1]!.stop();
  proxy.backends.splice(1, 1);

  const done = (await followJob(`${proxy.url}/jobs/${jobId}`, apiKey)).at(-1)!;
  expect(done).toMatchObject({ state: 'completed', total: BULK_ROWS, done: BULK_ROWS, issued: BULK_ROWS, duplicates: 0, errors: 0 });
  const [row] = await ctx!.db.query<{ n: number; keys: number }>(`SELECT COUNT(*) AS n, COUNT(DISTINCT request_key) AS keys FROM sp_issued_credentials WHERE job_id = ${placeholder(ctx!.db.engine, 1)}`, [jobId]);
  expect([Number(row!.n), Number(row!.keys)]).toEqual([BULK_ROWS, BULK_ROWS]);
  const reused = await ctx!.db.query('SELECT status_list_id, status_index FROM sp_issued_credentials GROUP BY status_list_id, status_index HAVING COUNT(*) > 1');
  expect(reused).toEqual([]);
  process.stdout.write(`two instances: bulk job of ${BULK_ROWS} rows, ${atKill.done} done when one was killed\n`);
});

it('leaves one audit chain that verifies, every credential audited once', async () => {
  expect((await verifyAuditChain(ctx!.db)).ok).toBe(true);
  const [issued] = await ctx!.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM sp_issued_credentials WHERE org_id = ${placeholder(ctx!.db.engine, 1)}`, [org.id]);
  const [audited] = await ctx!.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM sp_audit_log WHERE chain = ${placeholder(ctx!.db.engine, 1)} AND action = 'credential.issue'`, [org.id]);
  expect(Number(audited!.n)).toBe(Number(issued!.n));
});
