/**
 * The issuer's housekeeping on SQLite and PostgreSQL (one pass, as the context's timer runs it):
 * c_nonces and access tokens expired over an hour ago are deleted (within the hour a late request
 * still hears "expired"), and open offers past their expiry are marked expired, their
 * pre-authorised codes dropped. Nothing live is touched.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createLogger } from '@staff-passport/core';
import { createIssuerContext, createOrganisation, runHousekeeping, type IssuerContext, type Organisation } from '@staff-passport/issuer';
import { CATALOGUE } from '@staff-passport/schemas';
import { consumeNonce, createOffer, exchangePreAuthorizedCode, getOffer, issueNonce, parseCreateOfferInput } from '../../src/oid4vci/index.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';

const PRE_AUTH = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const MINUTE = 60_000;

describeEngines('issuer housekeeping', (engine) => {
  let ctx: IssuerContext & { close(): Promise<void> };
  let org: Organisation;
  let clock = Date.parse('2026-12-01T09:00:00.000Z');

  beforeAll(async () => {
    const where = await engine.target();
    ctx = await createIssuerContext({ ...where, secretKey: randomBytes(32).toString('hex'), publicUrl: 'https://issuer.test', logger: createLogger({ level: 'silent' }), now: () => new Date(clock), housekeepingIntervalMs: 0 });
    org = await createOrganisation(ctx, { name: 'Housekeeping NHS Trust', odsCode: 'RZH' }, 'test');
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('deletes nonces and tokens an hour after they expired, and expires offers past their time', async () => {
    const { id: _id, ...claims } = CATALOGUE.find((d) => d.type === 'TrainingRecord')!.example['credentialSubject'] as Record<string, unknown>;
    const offerOf = () => createOffer(ctx, org, parseCreateOfferInput(org, { credentials: [{ type: 'TrainingRecord', credentialSubject: claims }], formats: ['dc+sd-jwt'], byReference: false }, ctx.now()), { keyId: 'test' });
    const used = await offerOf();
    const code = (used.credentialOffer!['grants'] as Record<string, Record<string, string>>)[PRE_AUTH]!['pre-authorized_code']!;
    await exchangePreAuthorizedCode(ctx, org.id, { grant_type: PRE_AUTH, 'pre-authorized_code': code, tx_code: used.txCode! });
    const waiting = await offerOf();
    const { c_nonce: stale } = await issueNonce(ctx, org.id);

    // Ten minutes on: the nonce and the token expired, but are kept; nothing else changes.
    clock += 10 * MINUTE;
    expect(await runHousekeeping(ctx)).toEqual({ nonces: 0, accessTokens: 0, offersExpired: 0, uploadChunks: 0 });
    await expect(consumeNonce(ctx, org.id, stale)).rejects.toMatchObject({ code: 'ERR_NONCE_EXPIRED' });
    const { c_nonce: live } = await issueNonce(ctx, org.id);

    // Eight days on: both expired over an hour ago; the offers are past their seven days.
    clock += 8 * 24 * 60 * MINUTE;
    expect(await runHousekeeping(ctx)).toEqual({ nonces: 2, accessTokens: 1, offersExpired: 2, uploadChunks: 0 });
    await expect(consumeNonce(ctx, org.id, live)).rejects.toMatchObject({ code: 'ERR_NONCE_UNKNOWN' });
    expect((await getOffer(ctx, org.id, waiting.id)).status).toBe('expired');
    expect(await runHousekeeping(ctx)).toEqual({ nonces: 0, accessTokens: 0, offersExpired: 0, uploadChunks: 0 });
  });
});
