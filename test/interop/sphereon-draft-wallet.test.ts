/**
 * Wallets on earlier OpenID4VCI drafts (issue 18, item 5): Sphereon's `@sphereon/oid4vci-client`
 * (0.20.1, its draft-15 client `OpenID4VCIClientV1_0_15`) as the wallet, against a real issuer
 * server, through the pre-authorised code flow with a transaction code. It looks the metadata up at
 * `{credential_issuer}/.well-known/openid-credential-issuer` (the well-known segment appended after
 * the issuer's path, as the drafts read RFC 8615) and sends one `proof`, not `proofs`: both are
 * served by the issuer's draft compatibility, on by default. With it off, the wallet fails as it
 * did before, and OpenID4VCI 1.0 requests are answered the same either way.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { MetadataClientV1_0_15, OpenID4VCIClientV1_0_15 } from '@sphereon/oid4vci-client';
import { CATALOGUE } from '@staff-passport/schemas';
import { base64url, decodeCompactJws } from '@staff-passport/core';
import { listen } from '@staff-passport/web-kit';
import { createIssuerApp } from '@staff-passport/issuer';
import { postJson, startServices, type Services } from '../helpers/start-services.js';

// What Sphereon hands the proof signer (its Jwt type, read off the client so only the client is a dependency).
type Jwt = Parameters<Parameters<OpenID4VCIClientV1_0_15['acquireCredentials']>[0]['proofCallbacks']['signCallback']>[0];

let services: Services;
let strictServer: Awaited<ReturnType<typeof listen>>;
const training = CATALOGUE.find((d) => d.type === 'TrainingRecord')!;
const { id: _subjectId, ...claims } = training.example['credentialSubject'] as Record<string, unknown>;

beforeAll(async () => {
  services = await startServices();
  // The same issuer (same database, keys and organisation) with draft compatibility off.
  strictServer = await listen('127.0.0.1', 0);
  strictServer.attach(createIssuerApp(services.issuer, { allowHttpLoopback: true, oid4vciDraftCompatibility: false }));
});
afterAll(async () => {
  await strictServer.close();
  await services.close();
});

interface Offer {
  link: string;
  txCode: string;
}

async function offer(): Promise<Offer> {
  const res = await postJson(`${services.issuerUrl}/orgs/${services.org.id}/offers`, { credentials: [{ type: 'TrainingRecord', credentialSubject: claims }], formats: ['jwt_vc_json'] }, { authorization: `Bearer ${services.apiKey}` });
  expect(res.status).toBe(201);
  return res.body as unknown as Offer;
}

/** The wallet's key and the proof signer Sphereon calls (a compact EdDSA JWS with the key as `jwk`). */
function walletKey(): { jwk: { kty: string; crv: string; x: string }; signCallback: (jwt: Jwt) => Promise<string> } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const { kty, crv, x } = publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
  const jwk = { kty, crv, x };
  const signWith = (key: KeyObject) => async (jwt: Jwt) => {
    const input = `${base64url(JSON.stringify({ ...jwt.header, alg: 'EdDSA', jwk }))}.${base64url(JSON.stringify(jwt.payload))}`;
    return `${input}.${base64url(sign(null, Buffer.from(input), key))}`;
  };
  return { jwk, signCallback: signWith(privateKey) };
}

/** The pre-authorised flow by hand (OpenID4VCI 1.0 requests) against an issuer base URL: the token, then fresh proofs. */
async function handFlow(base: string) {
  const issuerId = `${services.issuerUrl}/orgs/${services.org.id}`;
  const created = (await offer()) as Offer & { credentialOfferUri: string };
  const offerJson = (await (await fetch(created.credentialOfferUri)).json()) as { grants: Record<string, { 'pre-authorized_code': string }> };
  const code = offerJson.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']!['pre-authorized_code'];
  const form = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': code, tx_code: created.txCode });
  const token = ((await (await fetch(`${base}/oid4vci/token`, { method: 'POST', body: form })).json()) as { access_token: string }).access_token;
  const { signCallback } = walletKey();
  return {
    async proofJwt(): Promise<string> {
      const nonce = ((await (await fetch(`${base}/oid4vci/nonce`, { method: 'POST' })).json()) as { c_nonce: string }).c_nonce;
      return signCallback({ header: { typ: 'openid4vci-proof+jwt' }, payload: { aud: issuerId, iat: Math.floor(Date.now() / 1000), nonce } } as Jwt);
    },
    async request(body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
      const res = await fetch(`${base}/oid4vci/credential`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
  };
}

describe('a draft-15 wallet (@sphereon/oid4vci-client) against the issuer', () => {
  it('finds the metadata at the pre-1.0 location, takes the access token with the transaction code, and receives the credential for its single proof', async () => {
    const { link, txCode } = await offer();
    const client = await OpenID4VCIClientV1_0_15.fromURI({ uri: link, retrieveServerMetadata: true });
    const issuerId = `${services.issuerUrl}/orgs/${services.org.id}`;
    expect(client.getIssuer()).toBe(issuerId);
    expect(client.endpointMetadata.credential_endpoint).toBe(`${issuerId}/oid4vci/credential`);
    expect(client.endpointMetadata.token_endpoint).toBe(`${issuerId}/oid4vci/token`);

    await client.acquireAccessToken({ pin: txCode });
    const { jwk, signCallback } = walletKey();
    const response = await client.acquireCredentials({
      credentialConfigurationId: 'TrainingRecord_jwt_vc_json',
      format: 'jwt_vc_json',
      proofCallbacks: { signCallback },
      jwk,
      alg: 'EdDSA',
    });
    const credential = response.credentials?.[0]?.credential;
    expect(typeof credential).toBe('string');
    const { payload } = decodeCompactJws(credential as string, 'ERR_VC_MALFORMED');
    // A VC 1.1 JWT (jwt_vc_json) issued to the wallet's key (did:jwk from the proof's jwk).
    expect((payload['vc'] as { type: string[] }).type).toEqual(['VerifiableCredential', 'TrainingRecord']);
    expect(String(payload['sub'])).toMatch(/^did:jwk:/);
    expect(payload['iss']).toBe(services.org.did);
  });

  it('with draft compatibility off, the draft metadata lookup finds nothing and a single proof is refused (invalid_proof); OpenID4VCI 1.0 is answered the same', async () => {
    const issuerId = `${services.issuerUrl}/orgs/${services.org.id}`;
    const strictIssuerId = `${strictServer.url}/orgs/${services.org.id}`;
    // Sphereon's metadata discovery, as the wallet runs it: found with compatibility, not without.
    expect((await MetadataClientV1_0_15.retrieveAllMetadata(issuerId, { errorOnNotFound: true })).token_endpoint).toBe(`${issuerId}/oid4vci/token`);
    await expect(MetadataClientV1_0_15.retrieveAllMetadata(strictIssuerId, { errorOnNotFound: true })).rejects.toThrow(/token_endpoint/);
    expect((await fetch(`${strictIssuerId}/.well-known/openid-credential-issuer`)).status).toBe(404);
    expect((await fetch(`${strictServer.url}/.well-known/openid-credential-issuer/orgs/${services.org.id}`)).status).toBe(200);

    const strict = await handFlow(strictIssuerId);
    const single = await strict.request({ credential_configuration_id: 'TrainingRecord_jwt_vc_json', proof: { proof_type: 'jwt', jwt: await strict.proofJwt() } });
    expect([single.status, single.body['error']]).toEqual([400, 'invalid_proof']);
    const batch = await strict.request({ credential_configuration_id: 'TrainingRecord_jwt_vc_json', proofs: { jwt: [await strict.proofJwt()] } });
    expect([batch.status, (batch.body['credentials'] as unknown[]).length]).toEqual([200, 1]);
  });

  it('with compatibility on, a single proof of another type, or proof and proofs together, are refused (invalid_proof)', async () => {
    const flow = await handFlow(`${services.issuerUrl}/orgs/${services.org.id}`);
    const jwt = await flow.proofJwt();
    for (const body of [
      { credential_configuration_id: 'TrainingRecord_jwt_vc_json', proof: { proof_type: 'jwt', jwt }, proofs: { jwt: [jwt] } },
      { credential_configuration_id: 'TrainingRecord_jwt_vc_json', proof: { proof_type: 'ldp_vp', jwt } },
      { credential_configuration_id: 'TrainingRecord_jwt_vc_json', proof: jwt },
    ]) {
      const res = await flow.request(body);
      expect([res.status, res.body['error']]).toEqual([400, 'invalid_proof']);
    }
  });
});
