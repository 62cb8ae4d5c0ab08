/**
 * Issue 5, presentations in each format against credentials from the real issuer: SD-JWT VC with
 * key binding (RFC 9901 section 7.3: KB-JWT nonce, aud, sd_hash; only the chosen disclosures
 * reach the verifier) and a Data Integrity presentation (eddsa-rdfc-2022, proofPurpose
 * authentication with challenge and domain). Nonces come from the verifier and work once.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { createEd25519Signer, createNodeJwsSigner, nodeSdJwtCrypto, presentSdJwt, signDataIntegrity } from '@staff-passport/core';
import { failedCodes, getChallenge, postJson, startServices, type Services } from '../helpers/start-services.js';
import { trainingCredential } from '../helpers/training-credential.js';

let services: Services;
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
const holder = `did:jwk:${Buffer.from(JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x })).toString('base64url')}`;

beforeAll(async () => {
  services = await startServices();
});
afterAll(async () => {
  await services.close();
});

async function issue(format: string): Promise<unknown> {
  const res = await postJson(`${services.issuerUrl}/orgs/${services.org.id}/credentials/issue`, { credential: trainingCredential(holder), options: { format } }, { authorization: `Bearer ${services.apiKey}` });
  expect(res.status).toBe(201);
  return res.body['verifiableCredential'];
}

async function verifyVp(vp: unknown, challenge: string, domain: string) {
  return postJson(`${services.verifierUrl}/presentations/verify`, { verifiablePresentation: vp, options: { challenge, domain } });
}

it('SD-JWT VC with key binding: verified with only the chosen claims; a KB-JWT for another nonce fails', async () => {
  const vc = (await issue('dc+sd-jwt')) as { id: string };
  const sdJwt = vc.id.slice('data:application/dc+sd-jwt,'.length);
  const signer = createNodeJwsSigner({ privateKey, kid: `${holder}#0` });
  const { challenge, domain } = await getChallenge(services.verifierUrl);
  const presented = await presentSdJwt({ sdJwt, disclose: ['training.completedOn'], kb: { aud: domain, nonce: challenge, signer }, hasher: nodeSdJwtCrypto.hasher });
  const ok = await verifyVp(presented, challenge, domain);
  expect([ok.status, failedCodes(ok.body)]).toEqual([200, []]);
  const checks = (ok.body['checks'] as { check: string; outcome: string }[]).map((c) => `${c.check}:${c.outcome}`);
  expect(checks).toEqual(expect.arrayContaining(['key-binding:passed', 'key-binding.nonce:passed', 'key-binding.audience:passed', 'status:passed', 'signature:passed']));

  const second = await getChallenge(services.verifierUrl);
  const wrongNonce = await presentSdJwt({ sdJwt, disclose: [], kb: { aud: domain, nonce: 'another-nonce-entirely', signer }, hasher: nodeSdJwtCrypto.hasher });
  const bad = await verifyVp(wrongNonce, second.challenge, second.domain);
  expect(bad.status).toBe(400);
  expect(failedCodes(bad.body)).toEqual(['ERR_SDJWT_KB_NONCE_MISMATCH']);

  const noKb = await verifyVp(sdJwt, (await getChallenge(services.verifierUrl)).challenge, domain);
  expect(failedCodes(noKb.body)).toContain('ERR_SDJWT_KB_MISSING');
});

it('Data Integrity presentation: verified; replaying it fails with ERR_NONCE_REPLAYED', async () => {
  const vc = await issue('ldp_vc');
  const { challenge, domain } = await getChallenge(services.verifierUrl);
  const vp = await signDataIntegrity({
    document: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder, verifiableCredential: [vc] },
    signer: createEd25519Signer(privateKey, `${holder}#0`),
    proofPurpose: 'authentication',
    challenge,
    domain,
  });
  const ok = await verifyVp(vp, challenge, domain);
  expect([ok.status, failedCodes(ok.body)]).toEqual([200, []]);
  const replay = await verifyVp(vp, challenge, domain);
  expect(failedCodes(replay.body)).toEqual(['ERR_NONCE_REPLAYED']);
});
