/**
 * TrainingRecord validations per second on one core (the target: at least 100,000/s).
 * Run: node --conditions=@staff-passport/source --import tsx bench/schemas-validate.ts [durationMs]
 * The bench harness can call {@link benchValidate} itself.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { trainingRecordType, validateCredential } from '@staff-passport/schemas';

/** The figure the issue asks validation to reach. */
export const VALIDATIONS_PER_SECOND_TARGET = 100_000;

const HOLDER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

/** A TrainingRecord as the verifier sees it: the catalogue example with issuer, dates and schema. */
function benchCredential(): Record<string, unknown> {
  const example = JSON.parse(JSON.stringify(trainingRecordType.example).replaceAll('{holderDid}', HOLDER)) as Record<string, unknown>;
  return {
    ...example,
    id: 'urn:uuid:5b1f2c1e-8a54-4d0b-9d1c-3e0f2f0a7c11',
    issuer: { id: 'did:web:issuer.example:orgs:org_0123456789abcdef', name: 'Bench NHS Trust' },
    validFrom: '2026-09-14T09:00:00Z',
    validUntil: '2028-09-14T23:59:59Z',
    credentialSchema: { id: trainingRecordType.schemaId, type: 'JsonSchema' },
  };
}

/**
 * Validates a TrainingRecord (schema and rules, as the issuer and verifier do) repeatedly on the
 * calling thread for about `durationMs` after a short warm-up, and reports the rate.
 *
 * @example
 * const { opsPerSec } = await benchValidate(2000);
 * @throws Error when the bench credential does not validate (the figure would mean nothing).
 */
export async function benchValidate(durationMs: number): Promise<{ opsPerSec: number }> {
  const credential = benchCredential();
  const first = validateCredential(credential, trainingRecordType);
  if (!first.valid) throw new Error(`the bench credential does not validate: ${JSON.stringify(first.issues)}`);
  // Batches keep the clock out of the loop; the yield between phases lets a caller's timers run.
  const run = (until: number): { ops: number; elapsed: number } => {
    const start = performance.now();
    let ops = 0;
    while (performance.now() < until) {
      for (let i = 0; i < 1000; i++) validateCredential(credential, trainingRecordType);
      ops += 1000;
    }
    return { ops, elapsed: performance.now() - start };
  };
  run(performance.now() + Math.min(500, durationMs / 4));
  await new Promise((resolve) => setImmediate(resolve));
  const { ops, elapsed } = run(performance.now() + durationMs);
  return { opsPerSec: Math.round((ops / elapsed) * 1000) };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const durationMs = Number(process.argv[2] ?? 3000);
  const { opsPerSec } = await benchValidate(durationMs);
  const verdict = opsPerSec >= VALIDATIONS_PER_SECOND_TARGET ? 'meets' : 'MISSES';
  process.stdout.write(`validate-training-record: ${opsPerSec} validations/s on one core (${verdict} the ${VALIDATIONS_PER_SECOND_TARGET}/s target)\n`);
  if (opsPerSec < VALIDATIONS_PER_SECOND_TARGET) process.exitCode = 1;
}
