/**
 * Two verifier contexts on one database, as two instances behind a load balancer, on SQLite and
 * PostgreSQL: started together they end with one signing key; a request made on one is read,
 * refused and polled on the other; a nonce given out by one is used once across both (a replay
 * on the other instance, or a race between them, is refused); housekeeping deletes what has
 * expired, off the request paths.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createLogger } from '@staff-passport/core';
import {
  consumeNonce,
  createOid4vpRequest,
  createVerifierContext,
  getCheckResult,
  getOid4vpRequest,
  getPresentationRequest,
  handleOid4vpResponse,
  issueNonce,
  loadVerifierKey,
  runVerifierHousekeeping,
  signRequestObject,
  type VerifierContext,
} from '../src/index.js';
import { describeEngines } from '../../../test/helpers/database-engines.js';

const SECRET = 'ab'.repeat(32);
const PUBLIC_URL = 'https://verifier.example';
const NOW = Date.parse('2026-12-01T10:00:00.000Z');
const PROFILE = 'registered-nurse-band-5-acute';

describeEngines('two verifier contexts on one database', (engine) => {
  let a: VerifierContext & { close(): Promise<void> };
  let b: VerifierContext & { close(): Promise<void> };
  let offsetMs = 0;

  beforeAll(async () => {
    const where = await engine.target('verifier');
    const open = () =>
      createVerifierContext({
        logger: createLogger({ level: 'silent' }),
        databaseFile: where.databaseFile,
        ...(where.databaseUrl ? { databaseUrl: where.databaseUrl } : {}),
        publicUrl: PUBLIC_URL,
        secretKey: SECRET,
        now: () => new Date(NOW + offsetMs),
        housekeepingIntervalSeconds: 0,
      });
    // On PostgreSQL started together: both migrate (one after the other, under the advisory lock)
    // and both are ready. A new SQLite file opened by two at once can meet SQLITE_BUSY in Veramo's
    // migrations (retried a bounded number of times by runMigrations), so there one opens first.
    if (engine.name === 'postgres') [a, b] = await Promise.all([open(), open()]);
    else [a, b] = [await open(), await open()];
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('ends with one signing key when both load it at once', async () => {
    const [fromA, fromB] = await Promise.all([loadVerifierKey(a), loadVerifierKey(b)]);
    expect(fromA.kid).toBe(fromB.kid);
    expect(fromA.publicJwk).toEqual(fromB.publicJwk);
    expect(await a.stores.keys.find(fromA.did)).toMatchObject({ kid: fromA.kid, encrypted: 1 });
  });

  it('answers on one instance an OpenID4VP request made on the other, once', async () => {
    const created = await createOid4vpRequest(a, { profileId: PROFILE });
    // The wallet fetches the signed request from the other instance.
    await signRequestObject(b, created.id);
    const row = await b.stores.requests.findOid4vp(created.id);
    expect(row?.fetched_at).not.toBeNull();
    // The wallet's refusal, posted to B (direct_post error response), uses the nonce up.
    expect(await handleOid4vpResponse(b, created.id, { state: row!.state_token, error: 'access_denied' })).toEqual({ outcome: 'refused', error: 'access_denied' });
    expect(await getOid4vpRequest(a, created.id)).toMatchObject({ state: 'refused', walletError: { error: 'access_denied' } });
    await expect(handleOid4vpResponse(a, created.id, { state: row!.state_token, error: 'access_denied' })).rejects.toMatchObject({ code: 'ERR_VP_REQUEST_ANSWERED' });
  });

  it('refuses a nonce replayed on the other instance', async () => {
    const { nonce } = await issueNonce(a.stores.nonces, { audience: PUBLIC_URL, ttlSeconds: 600, now: a.now() });
    expect(await consumeNonce(b.stores.nonces, nonce, PUBLIC_URL, b.now())).toBeUndefined();
    expect(await consumeNonce(a.stores.nonces, nonce, PUBLIC_URL, a.now())).toBe('ERR_NONCE_REPLAYED');
    expect(await consumeNonce(b.stores.nonces, nonce, PUBLIC_URL, b.now())).toBe('ERR_NONCE_REPLAYED');
  });

  it('lets one of two instances racing with one nonce through', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { nonce } = await issueNonce(b.stores.nonces, { audience: PUBLIC_URL, ttlSeconds: 600, now: b.now() });
      const codes = await Promise.all([a, b, a, b].map((ctx) => consumeNonce(ctx.stores.nonces, nonce, PUBLIC_URL, ctx.now())));
      expect(codes.filter((c) => c === undefined)).toHaveLength(1);
      expect(codes.filter((c) => c === 'ERR_NONCE_REPLAYED')).toHaveLength(3);
    }
  });

  it('housekeeping deletes expired nonces, results and requests; until then an expired result is not served', async () => {
    const request = await getPresentationRequest(b, (await createOid4vpRequest(b, { profileId: PROFILE })).id);
    await a.stores.results.insert({
      id: 'res_00000000000000000000',
      request_id: request.id,
      profile_id: PROFILE,
      decision: 'meets',
      report: JSON.stringify({ report: {}, checks: [] }),
      attributes: '{}',
      credential_hashes: '[]',
      credentials: null,
      created_at: new Date(NOW).toISOString(),
      expires_at: new Date(NOW + a.retentionDays * 86_400_000).toISOString(),
    });
    expect((await getCheckResult(b, 'res_00000000000000000000')).requestId).toBe(request.id);
    // Past the retention period (and a request's life beyond it): not served, then deleted.
    offsetMs = (a.retentionDays + 2) * 86_400_000;
    await expect(getCheckResult(b, 'res_00000000000000000000')).rejects.toMatchObject({ code: 'ERR_RESULT_NOT_FOUND' });
    const counts = await runVerifierHousekeeping(a);
    expect(counts.results).toBe(1);
    expect(counts.nonces).toBeGreaterThanOrEqual(8);
    expect(counts.requests).toBeGreaterThanOrEqual(2);
    expect(await runVerifierHousekeeping(b)).toEqual({ nonces: 0, requests: 0, results: 0 });
    await expect(getPresentationRequest(a, request.id)).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
  });
});
