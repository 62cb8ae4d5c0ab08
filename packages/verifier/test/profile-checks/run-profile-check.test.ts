/**
 * The profile-check steps without a server: `runProfileCheck` refuses a bad body before it uses a
 * nonce (each case named by its outcome, run by one table), and `recordCheckResult` keeps one
 * verified answer as the stored and public result.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger, type VerificationCheck } from '@staff-passport/core';
import { createVerifierContext, type VerifierContext } from '../../src/index.js';
import { getCheckResult } from '../../src/profile-checks/get-check-result.js';
import { recordCheckResult } from '../../src/profile-checks/record-check-result.js';
import { runProfileCheck } from '../../src/profile-checks/run-profile-check.js';
import type { VerifiedPresentation } from '../../src/verification/verified-credential.js';
import { verifiedCredentialOf } from '../verification/helpers/verified-credential-of.js';

const NOW = new Date('2026-10-01T12:00:00Z');
let ctx: VerifierContext & { close(): Promise<void> };

beforeAll(async () => {
  ctx = await createVerifierContext({ logger: createLogger({ level: 'silent' }), databaseFile: ':memory:', publicUrl: 'https://verifier.example', now: () => NOW, housekeepingIntervalSeconds: 0 });
});
afterAll(async () => {
  await ctx.close();
});

const BAD_BODIES: { name: string; body: unknown; field: string }[] = [
  { name: 'not-an-object-fail', body: 'vp', field: 'body' },
  { name: 'unknown-member-fail', body: { presentations: ['x'], extra: true }, field: 'extra' },
  { name: 'no-presentations-fail', body: { presentations: [] }, field: 'presentations' },
  { name: 'presentations-not-a-list-fail', body: { presentations: 'eyJ' }, field: 'presentations' },
  { name: 'too-many-presentations-fail', body: { presentations: Array.from({ length: 51 }, () => 'a.b.c') }, field: 'presentations' },
  { name: 'not-a-presentation-fail', body: { presentations: [{ type: 'VerifiablePresentation' }] }, field: 'presentations[0]' },
];

describe('runProfileCheck refuses a bad body (ERR_REQUEST_INVALID, naming the field)', () => {
  it.each(BAD_BODIES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await expect(runProfileCheck(ctx, 'req_unknown', c.body)).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID', field: c.field });
  });
});

describe('recordCheckResult', () => {
  const credential = (index: number, checks: VerificationCheck[]) => verifiedCredentialOf({ index, checks });
  const signed = (index: number): VerificationCheck => ({ check: 'signature', outcome: 'passed', credentialIndex: index });

  it('holder-proof-failed-fail: a presentation whose holder proof failed lends its credentials nothing; every check is kept, in order, and read back the same', async () => {
    const holderFailed: VerificationCheck = { check: 'presentation.signature', outcome: 'failed', code: 'ERR_VP_SIGNATURE_INVALID', message: 'no' };
    const presentations: VerifiedPresentation[] = [
      { checks: [{ check: 'presentation.signature', outcome: 'passed' }], credentials: [credential(0, [signed(0)])] },
      { checks: [holderFailed], credentials: [credential(1, [signed(1)])] },
    ];
    const query: VerificationCheck = { check: 'oid4vp.query', outcome: 'passed', message: 'dbs' };
    const result = await recordCheckResult(ctx, { requestId: 'req_1', profileId: 'admin-clerical-band-4', startDate: '2026-12-01', move: 'new_employer' }, { inputs: [], presentations, checks: [query] });
    expect(result.checks.map((c) => `${c.check}:${c.outcome}`)).toEqual(['presentation.signature:passed', 'signature:passed', 'presentation.signature:failed', 'signature:passed', 'oid4vp.query:passed']);
    expect(result.credentialHashes).toEqual(['0'.repeat(64), '1'.repeat(64)]);
    expect(result.report.credentials.map((c) => [c.index, c.usable])).toEqual([
      [0, true],
      [1, false],
    ]);
    // The presented credential's own result is untouched: the holder's failure is lent to the report only.
    expect(presentations[1]!.credentials[0]!.verified).toBe(true);
    const stored = await getCheckResult(ctx, result.id);
    expect(stored).toEqual(result);
  });

  it('unknown-profile-fail: nothing is stored for a profile that is gone (ERR_PROFILE_NOT_FOUND)', async () => {
    await expect(recordCheckResult(ctx, { requestId: 'req_2', profileId: 'no-such-profile', startDate: '2026-12-01', move: 'new_employer' }, { inputs: [], presentations: [] })).rejects.toMatchObject({
      code: 'ERR_PROFILE_NOT_FOUND',
    });
  });
});
