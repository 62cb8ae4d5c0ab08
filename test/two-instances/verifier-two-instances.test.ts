/**
 * The verifier half of the two-instance suite (issue 17, item 5): two verifier processes on one
 * PostgreSQL database behind a round-robin proxy on 127.0.0.1, the proxy's URL being the
 * verifier's public URL (one audience, one did:web for both). The credentials come from the real
 * issuer (in this process). With the proxy's log the test checks where each step landed:
 * - both instances started together serve the same signing key (one key per DID);
 * - a check profile added on one instance is used on the other;
 * - an OpenID4VP request created on one instance is fetched on the other and answered on the
 *   other, and the answer is polled, verified, on the first;
 * - the same answer replayed to the other instance, or sent to both at once, is refused: the
 *   request's nonce is used once across instances;
 * - a challenge given out by one instance (VC API) is taken by the other and refused when the
 *   presentation is replayed to the first.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, createNodeJwsSigner, nodeSdJwtCrypto, presentSdJwt } from '@staff-passport/core';
import { createVerifierApiKey, createVerifierContext } from '@staff-passport/verifier';
import { sharedPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster.js';
import { servedBy as servedByBackend, startRoundRobinProxy, turnTo as turnToBackend, type RoundRobinProxy } from '../helpers/round-robin-proxy.js';
import { startServiceProcess, type ServiceProcess } from '../helpers/start-service-process.js';
import { registeredVerifierEntry } from '../helpers/registered-verifier-entry.js';
import { postJson, type Services } from '../helpers/start-services.js';
import { DBS_PROFILE, PROFILE_ID, createHolder, issueDbs, poll, postForm, startOid4vpServices, type Holder } from '../../packages/verifier/test/oid4vp/helpers/oid4vp-fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
let cluster: PostgresCluster | undefined;
let proxy: RoundRobinProxy | undefined;
let services: Services | undefined;
const verifiers: ServiceProcess[] = [];
let holder: Holder;
let sdJwt: string;
// Sign-in (issue 20): keys of the default organisation, made on the shared database.
const as = { checker: { authorization: '' }, profileAdmin: { authorization: '' } };

beforeAll(async () => {
  cluster = await sharedPostgresCluster();
  const databaseUrl = await cluster.createDatabase();
  proxy = await startRoundRobinProxy();
  // The issuer, and a trust registry naming its organisation (its in-process verifier is not used).
  services = await startOid4vpServices();
  holder = createHolder();
  sdJwt = await issueDbs(services, holder.did, 'dc+sd-jwt');
  // The verifiers answer as the proxy's did:web: that DID is registered to ask.
  const base = services.verifier.trustRegistry()!;
  const registry = { ...base, entries: [...base.entries, registeredVerifierEntry(proxy.url, [DBS_PROFILE])] };
  const env = { DATABASE_URL: databaseUrl, PUBLIC_URL: proxy.url, SECRET_KEY: randomBytes(32).toString('hex'), TRUST_REGISTRY: JSON.stringify(registry) };
  const script = join(here, 'fixtures', 'run-verifier.ts');
  // Started together: they migrate the new database one after the other.
  verifiers.push(...(await Promise.all([startServiceProcess(script, root, env), startServiceProcess(script, root, env)])));
  proxy.backends.push(...verifiers.map((v) => v.url));
  const admin = await createVerifierContext({ logger: createLogger({ level: 'silent' }), databaseFile: join(root, 'unused.sqlite'), databaseUrl, publicUrl: proxy.url, housekeepingIntervalSeconds: 0 });
  try {
    as.checker.authorization = `Bearer ${(await createVerifierApiKey(admin, { orgId: admin.org.id, role: 'checker' }, 'test')).apiKey}`;
    as.profileAdmin.authorization = `Bearer ${(await createVerifierApiKey(admin, { orgId: admin.org.id, role: 'profile-admin' }, 'test')).apiKey}`;
  } finally {
    await admin.close();
  }
});

afterAll(async () => {
  await Promise.all(verifiers.map((v) => v.stop()));
  await proxy?.close();
  await services?.close();
  await cluster?.stop();
});

const turnTo = (backend: number): Promise<void> => turnToBackend(proxy!, backend);
const servedBy = (method: string, path: string): number => servedByBackend(proxy!, method, path);

interface Created {
  id: string;
  requestUri: string;
  pollUrl: string;
}

async function createRequest(): Promise<Created> {
  const res = await postJson(`${proxy!.url}/oid4vp/requests`, { profileId: PROFILE_ID, startDate: '2026-12-01' }, as.checker);
  expect(res.status).toBe(201);
  return res.body as unknown as Created;
}

/** The holder's DBS credential presented with the claims the profile asks, bound to an audience and nonce (KB-JWT). */
function present(aud: string, nonce: string): Promise<string> {
  const signer = createNodeJwsSigner({ privateKey: holder.privateKey, kid: holder.kid });
  return presentSdJwt({ sdJwt, disclose: DBS_PROFILE.requirements[0]!.accepts[0]!.claims, kb: { aud, nonce, signer }, hasher: nodeSdJwtCrypto.hasher });
}

/** What a wallet does with a request: fetch the signed request object, present the credential bound to its nonce. */
async function answerOf(created: Created): Promise<{ responseUri: string; fields: Record<string, string>; jws: string }> {
  const res = await fetch(created.requestUri);
  expect(res.status).toBe(200);
  const jws = await res.text();
  const payload = JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  const presentation = await present(String(payload['client_id']), String(payload['nonce']));
  const query = (payload['dcql_query'] as { credentials: { id: string; format: string }[] }).credentials.find((c) => c.format === 'dc+sd-jwt')!;
  return { responseUri: String(payload['response_uri']), fields: { vp_token: JSON.stringify({ [query.id]: [presentation] }), state: String(payload['state']) }, jws };
}

it('both instances serve one signing key, and a profile added on one is used on the other', async () => {
  const documents = await Promise.all([0, 1].map(async (backend) => (await fetch(`${verifiers[backend]!.url}/.well-known/did.json`)).json()));
  expect(documents[0]).toEqual(documents[1]);
  await turnTo(0);
  expect((await postJson(`${proxy!.url}/profiles`, DBS_PROFILE, as.profileAdmin)).status).toBe(201);
  const got = await fetch(`${proxy!.url}/profiles/${PROFILE_ID}`, { headers: as.checker });
  expect([got.status, servedBy('GET', `/profiles/${PROFILE_ID}`)]).toEqual([200, 1]);
});

it('an OpenID4VP request created on one instance is fetched and answered on the other', async () => {
  await turnTo(0);
  const created = await createRequest();
  expect(servedBy('POST', '/oid4vp/requests')).toBe(0);
  await turnTo(1);
  const { responseUri, fields, jws } = await answerOf(created);
  expect(servedBy('GET', new URL(created.requestUri).pathname)).toBe(1);
  // The request object verifies with the key the other instance publishes.
  await turnTo(0);
  const didDocument = (await (await fetch(`${proxy!.url}/.well-known/did.json`)).json()) as { verificationMethod: { publicKeyJwk: Record<string, string> }[] };
  const [h, p, s] = jws.split('.') as [string, string, string];
  const key = createPublicKey({ key: didDocument.verificationMethod[0]!.publicKeyJwk, format: 'jwk' });
  expect(verify(null, Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))).toBe(true);

  await turnTo(1);
  const answered = await postForm(responseUri, fields);
  expect([answered.status, answered.body, servedBy('POST', new URL(responseUri).pathname)]).toEqual([200, {}, 1]);
  await turnTo(0);
  expect(await poll(created.pollUrl, as.checker)).toMatchObject({ state: 'answered', result: { verified: true, decision: 'ready_to_start', findings: [] } });
  expect(servedBy('GET', new URL(created.pollUrl).pathname)).toBe(0);

  // Replayed to the instance that did not take the answer: refused.
  await turnTo(0);
  const replayed = await postForm(responseUri, fields);
  expect([replayed.status, replayed.body['code'], servedBy('POST', new URL(responseUri).pathname)]).toEqual([409, 'ERR_VP_REQUEST_ANSWERED', 0]);
});

it('one answer sent to both instances at once is taken once: the nonce is used once across instances', async () => {
  for (let round = 0; round < 3; round += 1) {
    const created = await createRequest();
    const { responseUri, fields } = await answerOf(created);
    const before = proxy!.log.length;
    const outcomes = await Promise.all([postForm(responseUri, fields), postForm(responseUri, fields)]);
    expect(new Set(proxy!.log.slice(before).map((e) => e.backend))).toEqual(new Set([0, 1]));
    expect(outcomes.map((o) => o.status).sort()).toEqual([200, 409]);
    expect(outcomes.find((o) => o.status === 409)?.body['code']).toBe('ERR_VP_REQUEST_ANSWERED');
    expect(await poll(created.pollUrl, as.checker)).toMatchObject({ state: 'answered', result: { verified: true } });
  }
});

it('a challenge given by one instance is taken by the other; the presentation replayed to the first is refused', async () => {
  await turnTo(0);
  const challenge = await postJson(`${proxy!.url}/challenges`, {});
  expect([challenge.status, challenge.body['domain'], servedBy('POST', '/challenges')]).toEqual([201, proxy!.url, 0]);
  const body = { verifiablePresentation: await present(proxy!.url, String(challenge.body['challenge'])), options: { challenge: challenge.body['challenge'], domain: proxy!.url } };
  const taken = await postJson(`${proxy!.url}/presentations/verify`, body);
  expect([taken.status, taken.body['verified'], servedBy('POST', '/presentations/verify')]).toEqual([200, true, 1]);
  const replayed = await postJson(`${proxy!.url}/presentations/verify`, body);
  expect([replayed.status, servedBy('POST', '/presentations/verify')]).toEqual([400, 0]);
  expect(replayed.body['checks']).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'presentation.challenge', outcome: 'failed', code: 'ERR_NONCE_REPLAYED' })]));
});
