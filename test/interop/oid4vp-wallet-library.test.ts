/**
 * Interop, OpenID4VP 1.0: an independent wallet library (@openid4vc/openid4vp, Animo / OpenWallet
 * Foundation) resolves our `openid4vp://` link, fetches and verifies our signed request object
 * (client_id prefix `decentralized_identifier`, section 5.9.3: the key from our did:web document),
 * and answers by `direct_post` (section 8.2) with a DCQL `vp_token` (section 8.1): an SD-JWT VC
 * with a KB-JWT (appendix B.3.6: `aud` the full client_id, `nonce`, `sd_hash`) and a VC 1.1 VP JWT
 * (appendix B.1.3.1: `aud`, `nonce`). Our verifier answers 200 and the polled result is verified.
 * The crypto callbacks are node:crypto, the DID resolution ours (did:web on loopback).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, createPublicKey, randomBytes, verify as verifySignature } from 'node:crypto';
import { setGlobalConfig, type CallbackContext, type JwtSigner } from '@openid4vc/oauth2';
import { Openid4vpClient } from '@openid4vc/openid4vp';
import { createDidResolver, createNodeJwsSigner, nodeSdJwtCrypto, presentSdJwt, signVpJwtV1 } from '@staff-passport/core';
import { createHolder, createRequest, issueDbs, poll, startOid4vpServices, type Holder } from '../../packages/verifier/test/oid4vp/helpers/oid4vp-fixtures.js';
import type { Services } from '../helpers/start-services.js';

let services: Services;
let holder: Holder;
// The wallet resolves DIDs itself: our resolver, allowed onto loopback over http for the test servers.
const resolver = createDidResolver({ web: { allowPrivateNetwork: true, allowHttp: true } });

const verifyJwt: CallbackContext['verifyJwt'] = async (signer: JwtSigner, jwt) => {
  if (signer.method !== 'did') return { verified: false };
  const did = signer.didUrl.split('#')[0]!;
  const { didDocument } = await resolver.resolve(did);
  const method = didDocument?.verificationMethod?.find((m) => m.id === signer.didUrl || `${did}${m.id}` === signer.didUrl);
  if (!method?.publicKeyJwk) return { verified: false };
  const [header, payload, signature] = jwt.compact.split('.');
  const key = createPublicKey({ key: method.publicKeyJwk as Record<string, string>, format: 'jwk' });
  const ok = verifySignature(signer.alg === 'EdDSA' ? null : 'sha256', Buffer.from(`${header}.${payload}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature!, 'base64url'));
  return ok ? { verified: true, signerJwk: method.publicKeyJwk as { kty: string } } : { verified: false };
};

const callbacks: Omit<CallbackContext, 'generateRandom' | 'clientAuthentication'> = {
  verifyJwt,
  hash: (data, alg) => new Uint8Array(createHash(alg.replace('-', '').toLowerCase()).update(data).digest()),
  signJwt: () => {
    throw new Error('the wallet signs its presentations itself in this test');
  },
  fetch: (input, init) => fetch(input, init),
  decryptJwe: () => {
    throw new Error('no encrypted requests in this test');
  },
  encryptJwe: () => {
    throw new Error('no encrypted responses in this test');
  },
};

beforeAll(async () => {
  setGlobalConfig({ allowInsecureUrls: true });
  services = await startOid4vpServices();
  holder = createHolder();
});
afterAll(async () => {
  setGlobalConfig({ allowInsecureUrls: false });
  await services?.close();
});

async function resolveWithLibrary(link: string) {
  const client = new Openid4vpClient({ callbacks });
  const parsed = client.parseOpenid4vpAuthorizationRequest({ authorizationRequest: link });
  const resolved = await client.resolveOpenId4vpAuthorizationRequest({ authorizationRequestPayload: parsed.params });
  return { client, resolved };
}

describe('the library as the wallet, DCQL', () => {
  it('resolves our request by reference and verifies its signature with the key from our did:web', async () => {
    const created = await createRequest(services);
    const { resolved } = await resolveWithLibrary(created.link);
    expect(resolved.jar?.sendBy).toBe('reference');
    expect(resolved.jar?.signer.method).toBe('did');
    expect(resolved.client.prefix).toBe('decentralized_identifier');
    expect(resolved.client.identifier).toBe(created.clientId.slice('decentralized_identifier:'.length));
    expect(resolved.version).toBe(100);
    expect(resolved.dcql?.query).toBeDefined();
    const payload = resolved.authorizationRequestPayload as Record<string, unknown>;
    expect(payload['response_mode']).toBe('direct_post');
    expect(payload['response_uri']).toBe(`${services.verifierUrl}/oid4vp/requests/${created.id}/response`);
  });

  it('an SD-JWT VC with a KB-JWT, sent by direct_post: 200, and the polled result is verified', async () => {
    const created = await createRequest(services);
    const { client, resolved } = await resolveWithLibrary(created.link);
    const request = resolved.authorizationRequestPayload as { nonce: string; client_id: string; dcql_query: { credentials: { id: string; format: string }[] } };
    const queryId = request.dcql_query.credentials.find((c) => c.format === 'dc+sd-jwt')!.id;
    const sdJwt = await issueDbs(services, holder.did, 'dc+sd-jwt');
    const presentation = await presentSdJwt({
      sdJwt,
      disclose: ['dbs.level', 'dbs.certificateNumber', 'dbs.issuedOn', 'dbs.decision'],
      kb: { aud: request.client_id, nonce: request.nonce, signer: createNodeJwsSigner({ privateKey: holder.privateKey, kid: holder.kid }) },
      hasher: nodeSdJwtCrypto.hasher,
    });
    const response = await client.createOpenid4vpAuthorizationResponse({
      authorizationRequestPayload: resolved.authorizationRequestPayload,
      authorizationResponsePayload: { vp_token: { [queryId]: [presentation] } },
    });
    const submitted = await client.submitOpenid4vpAuthorizationResponse({ authorizationRequestPayload: request as { response_uri?: string } & typeof request, authorizationResponsePayload: response.authorizationResponsePayload });
    expect(submitted.response.status).toBe(200);
    expect(await submitted.response.json()).toEqual({});

    const polled = (await poll(created.pollUrl, services.checker)) as { state: string; resultId: string; result: { verified: boolean; decision: string; failedChecks: unknown[]; findings: unknown[] } };
    expect(polled.state).toBe('answered');
    expect(polled.result.failedChecks).toEqual([]);
    expect(polled.result.verified).toBe(true);
    expect(polled.result.decision).toBe('ready_to_start');
    expect(polled.result.findings).toEqual([]);
    const result = (await (await fetch(`${services.verifierUrl}/results/${polled.resultId}`, { headers: services.checker })).json()) as { checks: { check: string; outcome: string }[] };
    expect(result.checks.map((c) => `${c.check}:${c.outcome}`)).toEqual(
      expect.arrayContaining(['key-binding:passed', 'key-binding.nonce:passed', 'key-binding.audience:passed', 'signature:passed', 'trust:passed', 'oid4vp.query:passed', 'oid4vp.credential-sets:passed']),
    );
  });

  it('a VC 1.1 JWT in a VP JWT (jwt_vc_json), sent by direct_post: 200, and the polled result is verified', async () => {
    const created = await createRequest(services);
    const { client, resolved } = await resolveWithLibrary(created.link);
    const request = resolved.authorizationRequestPayload as { nonce: string; client_id: string; response_uri: string; dcql_query: { credentials: { id: string; format: string }[] } };
    const queryId = request.dcql_query.credentials.find((c) => c.format === 'jwt_vc_json')!.id;
    const vcJwt = await issueDbs(services, holder.did, 'jwt_vc_json');
    const vpJwt = await signVpJwtV1({
      holder: holder.did,
      signer: createNodeJwsSigner({ privateKey: holder.privateKey, kid: holder.kid }),
      credentials: [vcJwt],
      nonce: request.nonce,
      audience: request.client_id,
      id: `urn:uuid:${randomBytes(16).toString('hex')}`,
    });
    const response = await client.createOpenid4vpAuthorizationResponse({
      authorizationRequestPayload: resolved.authorizationRequestPayload,
      authorizationResponsePayload: { vp_token: { [queryId]: [vpJwt] } },
    });
    const submitted = await client.submitOpenid4vpAuthorizationResponse({ authorizationRequestPayload: request, authorizationResponsePayload: response.authorizationResponsePayload });
    expect(submitted.response.status).toBe(200);

    const polled = (await poll(created.pollUrl, services.checker)) as { state: string; result: { verified: boolean; decision: string; failedChecks: unknown[] } };
    expect(polled.state).toBe('answered');
    expect(polled.result.failedChecks).toEqual([]);
    expect(polled.result.verified).toBe(true);
    expect(polled.result.decision).toBe('ready_to_start');
  });

  it('the library refuses on the holder\'s behalf (access_denied): the request polls as refused', async () => {
    const created = await createRequest(services);
    const { client, resolved } = await resolveWithLibrary(created.link);
    const request = resolved.authorizationRequestPayload as { response_uri: string; state: string };
    const submitted = await client.submitOpenid4vpAuthorizationResponse({
      authorizationRequestPayload: request,
      // An error response (section 8.5) is not a vp_token response: the library's type wants one, the wire does not.
      authorizationResponsePayload: { error: 'access_denied', error_description: 'The holder declined', state: request.state } as unknown as Parameters<Openid4vpClient['submitOpenid4vpAuthorizationResponse']>[0]['authorizationResponsePayload'],
    });
    expect(submitted.response.status).toBe(200);
    const polled = (await poll(created.pollUrl, services.checker)) as { state: string; walletError: { error: string } };
    expect(polled.state).toBe('refused');
    expect(polled.walletError.error).toBe('access_denied');
  });
});

describe('the library and Presentation Exchange', () => {
  it('refuses a PE request under a 1.0 client_id prefix (PE left OpenID4VP in draft 26; decentralized_identifier came in draft 26)', async () => {
    const created = await createRequest(services, { query: 'pe' });
    await expect(resolveWithLibrary(created.link)).rejects.toThrow(/openid4vp version/);
  });
});
