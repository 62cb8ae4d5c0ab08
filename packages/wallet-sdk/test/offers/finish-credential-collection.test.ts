/**
 * Finishing a collection (OpenID4VCI 1.0): the authorization response read (section 5.2, RFC 9207
 * iss), the code exchanged with the PKCE verifier, redirect URI and client id (section 6.1), one
 * credential request per credential identifier of the token response's authorization_details
 * (sections 6.2 and 8.2), each with a proof whose iss is the wallet's client_id (appendix F.1);
 * asked by scope, a configuration with nothing waiting is passed over; access_denied is an
 * outcome. Against a fake issuer; the flow over real servers is in test/interop/staff-collection.test.ts.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import type { HolderKey } from '../../src/keys/key-store.js';
import { MemoryCredentialStore } from '../../src/memory/memory-credential-store.js';
import { MemoryKeyStore } from '../../src/memory/memory-key-store.js';
import { MemorySharingLog } from '../../src/memory/memory-sharing-log.js';
import { finishCredentialCollection, type CollectionRequest } from '../../src/offers/index.js';
import type { WalletParts } from '../../src/wallet-parts.js';
import { fakeFetch, type FakeFetch, type FakeRoute } from '../lib/fake-fetch.js';
import { ISSUER, didDocumentRoute, sdJwtVc } from './helpers/fake-issuer.js';

const CONFIG = 'StaffId_dc_sd_jwt';
const REDIRECT = 'https://wallet.example/cb';
let fake: FakeFetch;
let parts: WalletParts;
let holder: HolderKey;

function request(by: CollectionRequest['by'] = 'authorization_details'): CollectionRequest {
  return {
    authorizationUrl: `${ISSUER}/oid4vci/authorize?x=1`,
    state: 'state-1',
    codeVerifier: 'v'.repeat(43),
    clientId: 'wallet-1',
    redirectUri: REDIRECT,
    credentialIssuer: ISSUER,
    credentials: [{ configurationId: CONFIG, format: 'dc+sd-jwt', vct: 'https://issuer.example/vct/staff-id', types: [], name: 'Staff ID', supported: true }],
    by,
    issuerMetadata: {
      credential_issuer: ISSUER,
      credential_endpoint: `${ISSUER}/oid4vci/credential`,
      nonce_endpoint: `${ISSUER}/oid4vci/nonce`,
      credential_configurations_supported: { [CONFIG]: { format: 'dc+sd-jwt', vct: 'https://issuer.example/vct/staff-id', proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['EdDSA'] } } } },
    },
    authorizationServerMetadata: { issuer: ISSUER, token_endpoint: `${ISSUER}/oid4vci/token`, authorization_response_iss_parameter_supported: true },
    startedAt: '2026-03-01T10:00:00.000Z',
  };
}

const back = (params: Record<string, string>): string => `${REDIRECT}?${new URLSearchParams({ state: 'state-1', iss: ISSUER, ...params }).toString()}`;

function serve(token: Record<string, unknown>, credential: FakeRoute): void {
  fake = fakeFetch({
    ...didDocumentRoute(),
    [`POST ${ISSUER}/oid4vci/token`]: () => ({ body: { access_token: 'at-1', token_type: 'Bearer', expires_in: 600, ...token } }),
    [`POST ${ISSUER}/oid4vci/nonce`]: () => ({ body: { c_nonce: 'n-1' } }),
    [`POST ${ISSUER}/oid4vci/credential`]: credential,
  });
  parts.fetch = fake.fetch;
}

beforeEach(async () => {
  parts = { keys: new MemoryKeyStore(), credentials: new MemoryCredentialStore(), log: new MemorySharingLog(), fetch: globalThis.fetch, now: () => new Date('2026-03-01T10:00:00Z') };
  holder = await parts.keys.createKey({ alg: 'EdDSA', method: 'did:key' });
});

describe('finishCredentialCollection', () => {
  it('exchanges the code with the verifier, then asks once per credential identifier, with proofs naming the client', async () => {
    const credentials = [await sdJwtVc(holder.publicJwk), await sdJwtVc(holder.publicJwk)];
    serve({ authorization_details: [{ type: 'openid_credential', credential_configuration_id: CONFIG, credential_identifiers: ['offer-1.x', 'offer-2.x'] }] }, () => ({ body: { credentials: [{ credential: credentials.shift() }] } }));
    const result = await finishCredentialCollection(parts, request(), back({ code: 'code-1' }), { holder: holder.did });
    expect(result.outcome === 'collected' && result.credentials.map((c) => c.holder)).toEqual([holder.did, holder.did]);

    const token = fake.requests.find((r) => r.url.endsWith('/token'))!;
    expect(Object.fromEntries(new URLSearchParams(token.body))).toEqual({ grant_type: 'authorization_code', code: 'code-1', code_verifier: 'v'.repeat(43), redirect_uri: REDIRECT, client_id: 'wallet-1' });
    const asks = fake.requests.filter((r) => r.url.endsWith('/credential')).map((r) => JSON.parse(r.body!) as { credential_identifier?: string; credential_configuration_id?: string; proofs: { jwt: string[] } });
    expect(asks.map((a) => [a.credential_identifier, a.credential_configuration_id])).toEqual([
      ['offer-1.x', undefined],
      ['offer-2.x', undefined],
    ]);
    expect(decodeJwt(asks[0]!.proofs.jwt[0]!)).toMatchObject({ iss: 'wallet-1', aud: ISSUER, nonce: 'n-1' });
    expect((await parts.log.list()).map((e) => e.action)).toEqual(['received']);
  });

  it('asked by scope: a configuration with nothing waiting (unknown_credential_configuration) leaves nothing waiting, not an error', async () => {
    serve({}, () => ({ status: 400, body: { error: 'unknown_credential_configuration' } }));
    const result = await finishCredentialCollection(parts, request('scope'), back({ code: 'code-1' }), { holder: holder.did });
    expect(result).toEqual({ outcome: 'nothing-waiting', credentialIssuer: ISSUER });
    const asks = fake.requests.filter((r) => r.url.endsWith('/credential')).map((r) => JSON.parse(r.body!) as Record<string, unknown>);
    expect(asks.map((a) => a['credential_configuration_id'])).toEqual([CONFIG]);
    expect(await parts.credentials.list()).toEqual([]);
  });

  it('access_denied is the outcome nothing-waiting, with the organisation\'s words, and nothing is fetched', async () => {
    serve({}, () => ({ status: 500 }));
    const result = await finishCredentialCollection(parts, request(), back({ error: 'access_denied', error_description: 'no credentials are waiting for you here' }));
    expect(result).toEqual({ outcome: 'nothing-waiting', credentialIssuer: ISSUER, message: 'no credentials are waiting for you here' });
    expect(fake.requests).toEqual([]);
  });

  it('the issuer\'s token error is ERR_WALLET_ISSUER_ERROR with its error', async () => {
    fake = fakeFetch({ [`POST ${ISSUER}/oid4vci/token`]: () => ({ status: 400, body: { error: 'invalid_grant' } }) });
    parts.fetch = fake.fetch;
    await expect(finishCredentialCollection(parts, request(), back({ code: 'code-1' }))).rejects.toMatchObject({ code: 'ERR_WALLET_ISSUER_ERROR', field: 'invalid_grant' });
  });
});
