/**
 * Key rotation (issue 4): a new key signs from now on; older keys stay in the DID document until
 * every credential they signed has expired or been revoked, so nothing verifiable becomes unverifiable.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createDidResolver, decodeCompactJws, verifyVcJose } from '@staff-passport/core';
import { call, startIssuer, type TestIssuer } from '../helpers/start-issuer.js';
import { trainingCredential } from '../../../../test/helpers/training-credential.js';

let issuer: TestIssuer;
const holder = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

beforeAll(async () => {
  issuer = await startIssuer();
});
afterAll(async () => {
  await issuer.close();
});

async function issue(alg: 'EdDSA' | 'ES256' = 'EdDSA'): Promise<{ jwt: string; id: string; kid: string; validUntil: string }> {
  const res = await call(`${issuer.url}/orgs/${issuer.a.org.id}/credentials/issue`, { key: issuer.a.keys.issuer, body: { credential: trainingCredential(holder), options: { alg } } });
  expect(res.status).toBe(201);
  const id = (res.body['verifiableCredential'] as { id: string }).id;
  const jwt = id.slice(id.indexOf(',') + 1);
  const { header, payload } = decodeCompactJws(jwt, 'ERR_VC_MALFORMED');
  return { jwt, id: payload['id'] as string, kid: header['kid'] as string, validUntil: payload['validUntil'] as string };
}

async function didDocumentKeys(): Promise<string[]> {
  const res = await call(`${issuer.url}/orgs/${issuer.a.org.id}/did.json`);
  return (res.body['assertionMethod'] as string[]).slice().sort();
}

const resolver = createDidResolver({ web: { allowPrivateNetwork: true, allowHttp: true }, cacheTtlMs: 0 });

it('an organisation has an Ed25519 and a P-256 key, both published, and signs with either', async () => {
  const keys = await call(`${issuer.url}/orgs/${issuer.a.org.id}/keys`, { key: issuer.a.keys['org-admin'] });
  const list = keys.body['keys'] as { alg: string; status: string; publicKeyJwk: { crv: string } }[];
  expect(list.map((k) => `${k.alg}:${k.publicKeyJwk.crv}:${k.status}`).sort()).toEqual(['ES256:P-256:active', 'EdDSA:Ed25519:active']);
  expect(await didDocumentKeys()).toHaveLength(2);
  const es = await issue('ES256');
  expect(decodeCompactJws(es.jwt, 'ERR_VC_MALFORMED').header['alg']).toBe('ES256');
  expect((await verifyVcJose({ jwt: es.jwt, resolver })).verified).toBe(true);
});

it('after rotation new credentials use the new key, old ones still verify, and the old key goes once its credentials are revoked or expired', async () => {
  const before = await issue();
  const another = await issue();
  const rotate = await call(`${issuer.url}/orgs/${issuer.a.org.id}/keys/rotate`, { key: issuer.a.keys['org-admin'], body: {} });
  expect(rotate.status).toBe(201);
  const after = await issue();
  expect(after.kid).not.toBe(before.kid);

  // The old Ed25519 key signed live credentials: still published. The old P-256 key signed one too (above).
  const published = await didDocumentKeys();
  expect(published).toContain(before.kid);
  expect(published).toContain(after.kid);
  expect((await verifyVcJose({ jwt: before.jwt, resolver })).verified).toBe(true);
  expect((await verifyVcJose({ jwt: after.jwt, resolver })).verified).toBe(true);

  // Revoke one of the two: the key stays for the other; past the other's expiry it goes.
  await call(`${issuer.url}/orgs/${issuer.a.org.id}/credentials/${before.id}/revoke`, { key: issuer.a.keys.issuer, body: { reason: 'superseded' } });
  expect(await didDocumentKeys()).toContain(before.kid);
  issuer.setNow(new Date(Date.parse(another.validUntil) + 1000));
  expect(await didDocumentKeys()).not.toContain(before.kid);
  expect(await didDocumentKeys()).toContain(after.kid);
  issuer.setNow(new Date());
  const audit = await call(`${issuer.url}/orgs/${issuer.a.org.id}/audit?limit=1000`, { key: issuer.a.keys.auditor });
  expect((audit.body['events'] as { action: string }[]).some((e) => e.action === 'key.rotate')).toBe(true);
});

it('only an org-admin rotates keys', async () => {
  const res = await call(`${issuer.url}/orgs/${issuer.a.org.id}/keys/rotate`, { key: issuer.a.keys.issuer, body: {} });
  expect(res.status).toBe(403);
  expect(res.body['code']).toBe('ERR_FORBIDDEN');
});
