/**
 * Offers, grants, access tokens and c_nonces live in SQLite, not memory: each step of the
 * pre-authorised code flow still works after the issuer is closed and opened again on its file.
 */
import { afterAll, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@staff-passport/core';
import { createIssuerContext, createOrganisation, type IssuerContext } from '@staff-passport/issuer';
import { CATALOGUE } from '@staff-passport/schemas';
import { consumeNonce, createOffer, exchangePreAuthorizedCode, getOffer, issueNonce, parseCreateOfferInput, requestCredential } from '../../src/oid4vci/index.js';
import { createHolderKey, signProof } from '../oid4vci/helpers/test-wallet.js';

const dataDir = mkdtempSync(join(tmpdir(), 'sp-oid4vci-restart-'));
const secretKey = randomBytes(32).toString('hex');
const PRE_AUTH = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

function open(): Promise<IssuerContext & { close(): Promise<void> }> {
  return createIssuerContext({ databaseFile: join(dataDir, 'issuer.sqlite'), secretKey, publicUrl: 'http://127.0.0.1:4000', logger: createLogger({ level: 'silent' }) });
}

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

it('survives restarts between offer, token, nonce and credential', async () => {
  const training = CATALOGUE.find((d) => d.type === 'TrainingRecord')!;
  const { id: _id, ...claims } = training.example['credentialSubject'] as Record<string, unknown>;

  let ctx = await open();
  const org = await createOrganisation(ctx, { name: 'Gamma NHS Trust', odsCode: 'RZG' }, 'test');
  const offer = await createOffer(ctx, org, parseCreateOfferInput(org, { credentials: [{ type: 'TrainingRecord', credentialSubject: claims }], formats: ['dc+sd-jwt'], byReference: false }, ctx.now()), {
    keyId: 'test',
  });
  await ctx.close();

  ctx = await open();
  const code = (offer.credentialOffer!['grants'] as Record<string, Record<string, string>>)[PRE_AUTH]!['pre-authorized_code']!;
  const token = await exchangePreAuthorizedCode(ctx, org.id, { grant_type: PRE_AUTH, 'pre-authorized_code': code, tx_code: offer.txCode! });
  const { c_nonce: spare } = await issueNonce(ctx, org.id);
  const { c_nonce } = await issueNonce(ctx, org.id);
  await ctx.close();

  ctx = await open();
  await expect(consumeNonce(ctx, org.id, spare)).resolves.toBeUndefined();
  const key = await createHolderKey();
  const jwt = await signProof(key, { aud: `http://127.0.0.1:4000/orgs/${org.id}`, nonce: c_nonce });
  const result = await requestCredential(ctx, org, `Bearer ${token.access_token}`, { credential_configuration_id: 'TrainingRecord_dc_sd_jwt', proofs: { jwt: [jwt] } });
  expect(result.status).toBe(200);
  await ctx.close();

  ctx = await open();
  expect((await getOffer(ctx, org.id, offer.id)).status).toBe('issued');
  await ctx.close();
});
