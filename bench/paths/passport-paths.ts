/**
 * `verify-passport`: a VP JWT of 15 credentials (the eight pre-employment checks and seven CSTF
 * training records) through the verifier's pipeline (`verifyPresentation`: holder proof, then
 * each credential's signature, validity, status, trust and schema) and the registered nurse band 5
 * profile's evaluation. `wallet-present`: the wallet building SD-JWT presentations with Key Binding
 * of 10 credentials, signed with its MemoryKeyStore key, as `sharePresentation` does.
 */
import { performance } from 'node:perf_hooks';
import { presentSdJwt, signVpJose, webCryptoSha256 } from '@staff-passport/core';
import { issueCredential } from '@staff-passport/issuer';
import { evaluateProfile, getProfile, verifyPresentation } from '@staff-passport/verifier';
import { exampleCredential, type BenchWorld } from '../lib/bench-world.js';
import { RssSampler, resultOf, type PathResult } from '../measure.js';

const BASE_TYPES = ['IdentityVerification', 'RightToWork', 'ProfessionalRegistration', 'DbsCheck', 'OccupationalHealthClearance', 'EmploymentHistory', 'EmploymentReference', 'EmploymentAssignment'];
const TRAINING: [string, number][] = [
  ['conflict_resolution', 1],
  ['equality_diversity_human_rights', 1],
  ['fire_safety', 1],
  ['health_safety_welfare', 1],
  ['infection_prevention_control', 2],
  ['information_governance_data_security', 1],
  ['moving_handling', 2],
  ['preventing_radicalisation', 2],
  ['resuscitation', 2],
  ['safeguarding_adults', 2],
];
const PROFILE = 'registered-nurse-band-5-acute';

/** Runs an operation `iterations` times after `warmup`, one at a time: latency is what these paths promise. */
async function timeEach(path: string, iterations: number, warmup: number, op: () => Promise<unknown>): Promise<PathResult> {
  for (let i = 0; i < warmup; i++) await op();
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

/** `verify-passport`. */
export async function benchVerifyPassport(world: BenchWorld, iterations: number): Promise<PathResult> {
  const credentials: string[] = [];
  for (const type of BASE_TYPES) credentials.push((await issueCredential(world.issuer, world.org, { credential: exampleCredential(type, world.holder.did) }, world.principal)).encoded);
  for (const [subject, level] of TRAINING.slice(0, 15 - BASE_TYPES.length)) {
    const credential = exampleCredential('TrainingRecord', world.holder.did, { subject, level, completedOn: '2026-09-01' });
    credentials.push((await issueCredential(world.issuer, world.org, { credential }, world.principal)).encoded);
  }
  const nonce = 'bench-nonce-0123456789';
  const audience = world.verifier.publicUrl;
  const vp = await signVpJose({ holder: world.holder.did, signer: await world.holderKeys.signerFor(world.holder.did), credentials, nonce, audience });
  const profile = getProfile(PROFILE);
  const startDate = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  let decision = '';
  const check = async (): Promise<void> => {
    const p = await verifyPresentation(world.verifier, { format: 'vp+jwt', value: vp }, { binding: { nonce, audience } });
    const failed = [...p.checks, ...p.credentials.flatMap((c) => c.checks)].filter((c) => c.outcome === 'failed');
    if (failed.length > 0) throw new Error(`the bench passport does not verify: ${JSON.stringify(failed.slice(0, 3))}`);
    decision = evaluateProfile(profile, p.credentials, { startDate, now: world.verifier.now() }).overall.decision;
  };
  const result = await timeEach('verify-passport', iterations, Math.min(50, iterations), check);
  // Seven of the profile's eleven CSTF subjects are presented (15 credentials, as the issue asks): it needs action for the rest.
  result.detail = { credentials: credentials.length, profile: PROFILE, decision, target: 'p50 <= 5 ms, p99 <= 15 ms' };
  return result;
}

/** `wallet-present`. */
export async function benchWalletPresent(world: BenchWorld, iterations: number): Promise<PathResult> {
  const sdJwts: string[] = [];
  for (const [subject, level] of TRAINING) {
    const credential = exampleCredential('TrainingRecord', world.holder.did, { subject, level, completedOn: '2026-09-01' });
    sdJwts.push((await issueCredential(world.issuer, world.org, { credential, options: { format: 'dc+sd-jwt' } }, world.principal)).encoded);
  }
  const signer = await world.holderKeys.signerFor(world.holder.did);
  const aud = world.verifier.publicUrl;
  const present = (): Promise<string[]> =>
    Promise.all(sdJwts.map((sdJwt) => presentSdJwt({ sdJwt, disclose: () => true, kb: { aud, nonce: 'bench-nonce', signer }, hasher: webCryptoSha256 })));
  const result = await timeEach('wallet-present', iterations, Math.min(20, iterations), present);
  result.detail = { credentials: sdJwts.length, keyBinding: true, signer: 'MemoryKeyStore (WebCrypto Ed25519)', target: 'p50 <= 10 ms' };
  return result;
}
