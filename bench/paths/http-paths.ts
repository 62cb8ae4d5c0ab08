/**
 * `http-issue` and `http-verify`: the VC API endpoints under autocannon on loopback (50
 * connections): `POST /orgs/{id}/credentials/issue` with an issuer API key (the sign-in limiter is
 * on with its defaults; it counts failed sign-ins only, so the bench's valid key is never
 * throttled) and the verifier's `POST /credentials/verify`. Load generator and servers share the
 * process and its cores, as they would share a small host.
 */
import autocannon from 'autocannon';
import { envelopeCredential } from '@staff-passport/core';
import { issueCredential } from '@staff-passport/issuer';
import { exampleCredential, type BenchWorld } from '../lib/bench-world.js';
import { RssSampler, ratePerSecond, type PathResult } from '../measure.js';

/** Connections the load generator keeps open. */
export const HTTP_CONNECTIONS = 50;

async function load(path: string, options: { url: string; headers: Record<string, string>; body: string; seconds: number }): Promise<PathResult> {
  const rss = new RssSampler();
  const r = await autocannon({ url: options.url, method: 'POST', headers: options.headers, body: options.body, connections: HTTP_CONNECTIONS, duration: options.seconds });
  const errors = r.errors + r.timeouts + r.non2xx;
  return {
    path,
    opsPerSec: ratePerSecond(r['2xx'], r.duration * 1000),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    rssMb: rss.stop(),
    vs: [],
    detail: { connections: HTTP_CONNECTIONS, seconds: options.seconds, requests: r.requests.total, errors, non2xx: r.non2xx, timeouts: r.timeouts, target: 'errors = 0' },
  };
}

/** Runs both endpoints for `seconds` each. */
export async function benchHttpPaths(world: BenchWorld, seconds: number): Promise<PathResult[]> {
  const credential = exampleCredential('TrainingRecord', world.holder.did);
  const json = { 'content-type': 'application/json' };
  const issue = await load('http-issue', {
    url: `${world.issuerServer.url}/orgs/${world.org.id}/credentials/issue`,
    headers: { ...json, authorization: `Bearer ${world.apiKey}` },
    body: JSON.stringify({ credential }),
    seconds,
  });
  const { encoded } = await issueCredential(world.issuer, world.org, { credential }, world.principal);
  const verifyUrl = `${world.verifierServer.url}/credentials/verify`;
  const body = JSON.stringify({ verifiableCredential: envelopeCredential(encoded) });
  const probe = await fetch(verifyUrl, { method: 'POST', headers: json, body });
  const report = (await probe.json()) as { verified?: boolean };
  if (probe.status !== 200 || report.verified !== true) throw new Error(`the verifier does not verify the bench credential: ${probe.status} ${JSON.stringify(report).slice(0, 300)}`);
  const verify = await load('http-verify', { url: verifyUrl, headers: json, body, seconds });
  return [issue, verify];
}
