/**
 * Issue 4, done when: a credential issued in each of the four formats verifies at the verifier;
 * after revoke it fails with the revoked code; after suspend and reinstate it verifies again.
 * Real issuer and verifier over HTTP, real SQLite files, real signatures and status lists.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { openNodeWallet } from '@staff-passport/wallet-sdk';
import { failedCodes, postJson, startServices, type Services } from '../helpers/start-services.js';
import { trainingCredential } from '../helpers/training-credential.js';

let services: Services;
let holder: string;
// One clock for both services: after a status change it moves past the lists' ttl (300 s), as a
// verifier's cached copy of a list lives that long (Bitstring Status List, section 2.2, ttl).
let clock = Date.now();
let closeWallet: () => Promise<void>;

beforeAll(async () => {
  services = await startServices({ now: () => new Date(clock) });
  const opened = await openNodeWallet({ file: join(services.dataDir, 'wallet.sqlite'), secretKey: randomBytes(32).toString('hex') });
  closeWallet = opened.close;
  holder = await opened.wallet.createHolder();
});
afterAll(async () => {
  await closeWallet();
  await services.close();
});

async function issue(format: string, alg = 'EdDSA') {
  const res = await postJson(
    `${services.issuerUrl}/orgs/${services.org.id}/credentials/issue`,
    { credential: trainingCredential(holder), options: { format, alg } },
    { authorization: `Bearer ${services.apiKey}` },
  );
  expect(res.status).toBe(201);
  return { vc: res.body['verifiableCredential'] };
}

async function verify(vc: unknown) {
  return postJson(`${services.verifierUrl}/credentials/verify`, { verifiableCredential: vc });
}

async function change(id: string, action: string, reason: string) {
  const res = await postJson(`${services.issuerUrl}/orgs/${services.org.id}/credentials/${id}/${action}`, { reason }, { authorization: `Bearer ${services.apiKey}` });
  expect(res.status).toBe(200);
  clock += 301_000;
}

async function lastIssuedId(): Promise<string> {
  const rows = (await services.issuer.db.query('SELECT id FROM sp_issued_credentials ORDER BY rowid DESC LIMIT 1')) as { id: string }[];
  return rows[0]!.id;
}

describe.each([
  ['vc+jwt', 'EdDSA'],
  ['vc+jwt', 'ES256'],
  ['dc+sd-jwt', 'EdDSA'],
  ['jwt_vc_json', 'EdDSA'],
  ['ldp_vc', 'EdDSA'],
])('%s (%s)', (format, alg) => {
  it('verifies; after revoke fails with ERR_STATUS_REVOKED', async () => {
    const { vc } = await issue(format, alg);
    const id = await lastIssuedId();
    const ok = await verify(vc);
    expect([ok.status, failedCodes(ok.body)]).toEqual([200, []]);
    const checks = (ok.body['checks'] as { check: string; outcome: string }[]).map((c) => `${c.check}:${c.outcome}`);
    expect(checks).toEqual(expect.arrayContaining(['signature:passed', 'status:passed']));
    await change(id, 'revoke', 'issued_in_error');
    const revoked = await verify(vc);
    expect(revoked.status).toBe(400);
    expect(failedCodes(revoked.body)).toContain('ERR_STATUS_REVOKED');
  });

  it('after suspend fails with ERR_STATUS_SUSPENDED, after reinstate verifies again', async () => {
    const { vc } = await issue(format, alg);
    const id = await lastIssuedId();
    await change(id, 'suspend', 'under_investigation');
    const suspended = await verify(vc);
    expect(failedCodes(suspended.body)).toEqual(['ERR_STATUS_SUSPENDED']);
    await change(id, 'reinstate', 'investigation_closed');
    const again = await verify(vc);
    expect([again.status, failedCodes(again.body)]).toEqual([200, []]);
  });
});
