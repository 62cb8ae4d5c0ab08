/**
 * `status-1m`: a 1,000,000-entry Bitstring Status List built, compressed and signed (VC-JOSE,
 * Ed25519); the same list fetched over HTTP on loopback, its signature verified, decoded and one
 * entry looked up by the verifier's status check with a cold cache; and 10,000 credentials
 * revoked by one `POST /orgs/{id}/credentials/status-changes` to the issuer.
 */
import { generateKeyPairSync, randomInt } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  Bitstring,
  StatusListCache,
  VC_JWT_MEDIA_TYPE,
  buildStatusListCredential,
  checkCredentialStatus,
  createDidResolver,
  createNodeJwsSigner,
  createStatusListFetcher,
  encodeBitstringList,
  signVcJose,
} from '@staff-passport/core';
import { issueCredential } from '@staff-passport/issuer';
import { exampleCredential, type BenchWorld } from '../lib/bench-world.js';
import { RssSampler, resultOf, type PathResult } from '../measure.js';

const ENTRIES = 1_000_000;
/** Share of entries set in the bench list: a busy list, about one credential in a hundred revoked. */
const SET_SHARE = 0.01;

async function timeEach(path: string, iterations: number, op: () => Promise<unknown>): Promise<PathResult> {
  for (let i = 0; i < Math.min(5, iterations); i++) await op();
  const rss = new RssSampler();
  const latencies: number[] = [];
  const start = performance.now();
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await op();
    latencies.push(performance.now() - t);
  }
  return resultOf(path, iterations, performance.now() - start, latencies, rss.stop());
}

/** Build and lookup of a 1M-entry list. */
export async function benchStatusList(iterations: number): Promise<PathResult[]> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  const issuerDid = `did:jwk:${Buffer.from(JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x })).toString('base64url')}`;
  const signer = createNodeJwsSigner({ privateKey, kid: `${issuerDid}#0` });
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/status/1`;
  const bits = new Bitstring({ size: ENTRIES });
  for (let i = 0; i < ENTRIES * SET_SHARE; i++) bits.set(randomInt(ENTRIES), 1);
  let jwt = '';
  const build = async (): Promise<void> => {
    const credential = buildStatusListCredential({ id: url, issuer: issuerDid, statusPurpose: 'revocation', encodedList: encodeBitstringList(bits), validFrom: new Date(), ttl: 300_000 });
    jwt = await signVcJose({ credential: credential as unknown as Record<string, unknown>, signer });
  };
  try {
    const built = await timeEach('status-1m-build', iterations, build);
    built.detail = { entries: ENTRIES, setEntries: Math.round(ENTRIES * SET_SHARE), jwtBytes: jwt.length, target: '< 200 ms' };
    server.on('request', (_req, res) => {
      res.writeHead(200, { 'content-type': VC_JWT_MEDIA_TYPE, 'cache-control': 'max-age=300' });
      res.end(jwt);
    });
    const resolver = createDidResolver();
    const fetchStatusList = createStatusListFetcher({ allowPrivateNetwork: true, allowHttp: true });
    const index = randomInt(ENTRIES);
    const entry = { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(index), statusListCredential: url };
    const expected = bits.get(index) === 1 ? 'revoked' : 'valid';
    const lookup = async (): Promise<void> => {
      // A cold cache each time: the fetch, signature, decompression and decoding are what is measured.
      const [result] = await checkCredentialStatus({ credentialStatus: entry, issuerDid, resolver, fetchStatusList, cache: new StatusListCache() });
      if (result?.status !== expected) throw new Error(`status lookup gave ${JSON.stringify(result)}, expected ${expected}`);
    };
    const looked = await timeEach('status-1m-lookup', iterations, lookup);
    looked.detail = { entries: ENTRIES, cache: 'cold (fetch over HTTP, verify, gunzip, decode, look up)', target: '< 50 ms' };
    return [built, looked];
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Revoking `count` credentials in one request, `iterations` times (a new set each time: revoking is final). */
export async function benchRevokeMany(world: BenchWorld, count: number, iterations: number, path = 'status-1m-revoke-10k'): Promise<PathResult> {
  const credential = exampleCredential('TrainingRecord', world.holder.did);
  const url = `${world.issuerServer.url}/orgs/${world.org.id}/credentials/status-changes`;
  const issueSet = async (): Promise<string[]> => {
    const ids: string[] = [];
    while (ids.length < count) {
      // Issued through every instance (each on its own leased list); revoked through the first.
      const batch = await Promise.all(Array.from({ length: Math.min(512, count - ids.length) }, (_, i) => issueCredential(world.issuers[i % world.issuers.length]!, world.org, { credential }, world.principal)));
      ids.push(...batch.map((b) => b.id));
    }
    return ids;
  };
  const rss = new RssSampler();
  const latencies: number[] = [];
  let spent = 0;
  for (let i = 0; i < iterations; i++) {
    const ids = await issueSet();
    const t = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.apiKey}` },
      body: JSON.stringify({ action: 'revoke', credentialIds: ids, reason: 'employment_ended' }),
    });
    const body = (await res.json()) as { changes?: unknown[] };
    const ms = performance.now() - t;
    if (res.status !== 200 || body.changes?.length !== count) throw new Error(`revoking ${count} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    latencies.push(ms);
    spent += ms;
  }
  const result = resultOf(path, iterations, spent, latencies, rss.stop());
  result.detail = { credentials: count, issuerInstances: world.issuers.length, request: 'POST /orgs/{id}/credentials/status-changes', target: '< 1000 ms' };
  return result;
}
