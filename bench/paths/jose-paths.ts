/**
 * `issue-jose` and `verify-jose`: a VC-JOSE EdDSA credential issued in-process (schema
 * validation, status index, SQLite persistence by group commit, many issues in flight) and
 * verified through the verifier's pipeline (DID document and status list cached, trust registry
 * and schema checked), each next to raw node:crypto Ed25519 and Veramo's defaults. Each path
 * and its raw operation take turns (about a second each), so their ratio holds on a loaded machine.
 */
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { join } from 'node:path';
import { issueCredential } from '@staff-passport/issuer';
import { verifyCredential } from '@staff-passport/verifier';
import type { BenchWorld } from '../lib/bench-world.js';
import { exampleCredential } from '../lib/bench-world.js';
import { createVeramoBaseline } from '../lib/veramo-baseline.js';
import { compare, concurrentRunner, measure, measureInTurns, serialRunner, type PathResult } from '../measure.js';

/** Issues in flight at once for `issue-jose`: enough for the group commit to fill its batches. */
export const ISSUE_CONCURRENCY = 256;

/** Raw node:crypto Ed25519 sign and verify over the signing input of a real bench credential. */
async function rawEd25519Ops(world: BenchWorld): Promise<{ sign: () => Buffer; verify: () => boolean }> {
  const credential = exampleCredential('TrainingRecord', world.holder.did);
  const { encoded } = await issueCredential(world.issuer, world.org, { credential }, world.principal);
  const data = Buffer.from(encoded.slice(0, encoded.lastIndexOf('.')));
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signature = sign(null, data, privateKey);
  return { sign: () => sign(null, data, privateKey), verify: () => verify(null, data, publicKey, signature) };
}

/** Raw node:crypto Ed25519 over the signing input of a real bench credential. */
export async function measureRawEd25519(world: BenchWorld, durationMs: number): Promise<{ rawSign: PathResult; rawVerify: PathResult }> {
  const raw = await rawEd25519Ops(world);
  const rawSign = await measure('raw-ed25519-sign', durationMs, raw.sign);
  const rawVerify = await measure('raw-ed25519-verify', durationMs, raw.verify);
  return { rawSign, rawVerify };
}

/** Slices of about a second: enough for the group commit to reach its steady state in each. */
function turnsFor(durationMs: number): number {
  return Math.max(1, Math.round(durationMs / 1000));
}

/** What {@link measureIssueAndVerify} measured: each path and the raw operation it took turns with. */
export interface IssueVerifyResults {
  issue: PathResult;
  rawSign: PathResult;
  verify: PathResult;
  rawVerify: PathResult;
}

/**
 * `issue-jose` and `verify-jose` on a world (SQLite, or PostgreSQL with one or more issuer
 * instances: the issues go round them), each in turns with its raw operation and compared with it.
 */
export async function measureIssueAndVerify(world: BenchWorld, durationMs: number, names = { issue: 'issue-jose', verify: 'verify-jose' }): Promise<IssueVerifyResults> {
  const credential = exampleCredential('TrainingRecord', world.holder.did);
  const rawOps = await rawEd25519Ops(world);
  let next = 0;
  const issueOne = () => issueCredential(world.issuers[next++ % world.issuers.length]!, world.org, { credential }, world.principal);
  // Each path takes turns with the raw operation it is held to, so both see the same machine load.
  const [issue, rawSign] = await measureInTurns(
    [
      { path: names.issue, run: concurrentRunner(ISSUE_CONCURRENCY, issueOne) },
      { path: 'raw-ed25519-sign', run: serialRunner(rawOps.sign) },
    ],
    durationMs,
    turnsFor(durationMs),
  );
  issue!.detail = {
    concurrency: ISSUE_CONCURRENCY,
    issuerInstances: world.issuers.length,
    target: '>= 0.4 x raw-ed25519-sign',
    ratioBasis: 'raw-ed25519-sign measured in alternating turns with this path',
  };

  const { encoded: jwt } = await issueCredential(world.issuer, world.org, { credential }, world.principal);
  const first = await verifyCredential(world.verifier, { format: 'vc+jwt', value: jwt }, { index: 0 });
  const failed = first.checks.filter((c) => c.outcome !== 'passed');
  if (!first.verified || failed.length > 0) throw new Error(`the bench credential does not verify through the pipeline: ${JSON.stringify(failed)}`);
  const [verify, rawVerify] = await measureInTurns(
    [
      { path: names.verify, run: serialRunner(() => verifyCredential(world.verifier, { format: 'vc+jwt', value: jwt }, { index: 0 })) },
      { path: 'raw-ed25519-verify', run: serialRunner(rawOps.verify) },
    ],
    durationMs,
    turnsFor(durationMs),
  );
  verify!.detail = {
    checks: first.checks.map((c) => c.check),
    target: '>= 0.6 x raw-ed25519-verify',
    ratioBasis: 'raw-ed25519-verify measured in alternating turns with this path',
  };
  compare(issue!, rawSign!);
  compare(verify!, rawVerify!);
  return { issue: issue!, rawSign: rawSign!, verify: verify!, rawVerify: rawVerify! };
}

/** Runs both paths and their Veramo baselines. */
export async function benchJosePaths(world: BenchWorld, durationMs: number, raw: { rawSign: PathResult; rawVerify: PathResult }): Promise<PathResult[]> {
  const credential = exampleCredential('TrainingRecord', world.holder.did);
  const { issue, verify: verifyPath } = await measureIssueAndVerify(world, durationMs);

  // Veramo's defaults: createVerifiableCredential (JWT, saved to its SQLite store) and verifyCredential.
  const veramo = await createVeramoBaseline(join(world.dir, 'veramo.sqlite'));
  try {
    const identifier = await veramo.agent.didManagerCreate({ provider: 'did:key', options: { keyType: 'Ed25519' } });
    const { '@context': _context, ...rest } = credential;
    const v1 = { ...rest, issuer: identifier.did, '@context': ['https://www.w3.org/2018/credentials/v1'] };
    const veramoIssue = await measure('veramo-create-verifiable-credential', durationMs, () =>
      veramo.agent.createVerifiableCredential({ credential: v1, proofFormat: 'jwt', save: true }),
    );
    const issued = await veramo.agent.createVerifiableCredential({ credential: v1, proofFormat: 'jwt' });
    const check = await veramo.agent.verifyCredential({ credential: issued.proof.jwt });
    if (!check.verified) throw new Error(`the Veramo baseline credential does not verify: ${JSON.stringify(check.error)}`);
    const veramoVerify = await measure('veramo-verify-credential', durationMs, () => veramo.agent.verifyCredential({ credential: issued.proof.jwt }));
    compare(issue, veramoIssue);
    compare(verifyPath, veramoVerify);
    compare(veramoIssue, raw.rawSign);
    compare(veramoVerify, raw.rawVerify);
    return [issue, verifyPath, veramoIssue, veramoVerify];
  } finally {
    await veramo.close();
  }
}
