/**
 * OpenID4VP 1.0 on the real verifier (127.0.0.1, port 0), with credentials from the real issuer:
 * the request by reference (sections 5.7, 5.10; RFC 9101) signed with the key of the verifier's
 * did:web (section 5.9.3), its claims (sections 5.1, 5.2, 5.8), the QR code and link, direct_post
 * (section 8.2) with a DCQL vp_token (section 8.1) or a Presentation Exchange submission, nonce and
 * state (sections 5.2, 14.1), the error response (section 8.5) and polling.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { createNodeJwsSigner, nodeSdJwtCrypto, presentSdJwt } from '@staff-passport/core';
import type { Services } from '../../../../test/helpers/start-services.js';
import { postJson } from '../../../../test/helpers/start-services.js';
import { readQrPng } from '../../../../test/helpers/read-qr.js';
import { createHolder, createRequest, issueDbs, poll, postForm, startOid4vpServices, type Holder } from './helpers/oid4vp-fixtures.js';

let services: Services;
let holder: Holder;
let sdJwt: string;
let offsetMs = 0;
const ASKED = ['dbs.level', 'dbs.certificateNumber', 'dbs.issuedOn', 'dbs.decision'];

beforeAll(async () => {
  services = await startOid4vpServices({ now: () => new Date(Date.now() + offsetMs) });
  holder = createHolder();
  sdJwt = await issueDbs(services, holder.did, 'dc+sd-jwt');
});
afterAll(async () => {
  await services?.close();
});

function decode(jwt: string): { header: Record<string, unknown>; payload: Record<string, unknown>; signingInput: string; signature: Buffer } {
  const [h, p, s] = jwt.split('.') as [string, string, string];
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>,
    signingInput: `${h}.${p}`,
    signature: Buffer.from(s, 'base64url'),
  };
}

async function requestObject(requestUri: string): Promise<ReturnType<typeof decode>> {
  const res = await fetch(requestUri);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/oauth-authz-req+jwt');
  return decode(await res.text());
}

async function present(payload: Record<string, unknown>, disclose: string[] = ASKED): Promise<string> {
  return presentSdJwt({
    sdJwt,
    disclose,
    kb: { aud: payload['client_id'] as string, nonce: payload['nonce'] as string, signer: createNodeJwsSigner({ privateKey: holder.privateKey, kid: holder.kid }) },
    hasher: nodeSdJwtCrypto.hasher,
  });
}

function sdQueryId(payload: Record<string, unknown>): string {
  return (payload['dcql_query'] as { credentials: { id: string; format: string }[] }).credentials.find((c) => c.format === 'dc+sd-jwt')!.id;
}

describe('the request by reference', () => {
  it('the request object verifies with the key in /.well-known/did.json and carries the claims OpenID4VP asks for', async () => {
    const created = await createRequest(services);
    expect(created.clientId).toMatch(/^decentralized_identifier:did:web:127\.0\.0\.1%3A\d+$/);
    expect(created.link).toBe(`openid4vp://?client_id=${encodeURIComponent(created.clientId)}&request_uri=${encodeURIComponent(created.requestUri)}`);
    expect(created.query).toBe('dcql');

    const didRes = await fetch(`${services.verifierUrl}/.well-known/did.json`);
    expect(didRes.headers.get('content-type')).toContain('application/did+json');
    const didDocument = (await didRes.json()) as { id: string; verificationMethod: { id: string; publicKeyJwk: Record<string, string> }[]; authentication: string[] };
    expect(`decentralized_identifier:${didDocument.id}`).toBe(created.clientId);

    const { header, payload, signingInput, signature } = await requestObject(created.requestUri);
    // RFC 9101 section 10.2 (typ); OpenID4VP 1.0 section 5.9.3: kid names a key of the client's DID.
    expect(header['typ']).toBe('oauth-authz-req+jwt');
    expect(header['alg']).toBe('EdDSA');
    const method = didDocument.verificationMethod.find((m) => m.id === header['kid'])!;
    expect(method).toBeDefined();
    const key = createPublicKey({ key: method.publicKeyJwk, format: 'jwk' });
    expect(verifySignature(null, Buffer.from(signingInput), key, signature)).toBe(true);

    // Sections 5.1, 5.2, 8.2 and 5.8 (aud for static discovery).
    expect(payload).toMatchObject({
      client_id: created.clientId,
      response_type: 'vp_token',
      response_mode: 'direct_post',
      response_uri: `${services.verifierUrl}/oid4vp/requests/${created.id}/response`,
      aud: 'https://self-issued.me/v2',
    });
    expect(payload['redirect_uri']).toBeUndefined();
    expect(payload['nonce']).toMatch(/^[A-Za-z0-9._~-]{22,}$/);
    expect(payload['state']).toMatch(/^[A-Za-z0-9._~-]{22,}$/);
    expect(payload['presentation_definition']).toBeUndefined();
    const dcql = payload['dcql_query'] as { credentials: { id: string; format: string }[] };
    expect(dcql.credentials.map((c) => c.format).sort()).toEqual(['dc+sd-jwt', 'jwt_vc_json']);
    const metadata = payload['client_metadata'] as { client_name: string; vp_formats_supported: Record<string, Record<string, string[]>> };
    expect(metadata.client_name).toContain('Staff Passport');
    expect(metadata.vp_formats_supported['dc+sd-jwt']).toEqual({ 'sd-jwt_alg_values': ['EdDSA', 'ES256'], 'kb-jwt_alg_values': ['EdDSA', 'ES256'] });
    expect(metadata.vp_formats_supported['jwt_vc_json']).toEqual({ alg_values: ['EdDSA', 'ES256'] });
    const { iat, exp } = payload as { iat: number; exp: number };
    expect(exp).toBeGreaterThan(iat);
    expect(exp).toBeLessThanOrEqual(Date.parse(created['expiresAt'] as string) / 1000);
  });

  it('POST to the request_uri (section 5.10): the wallet_nonce comes back in the signed request', async () => {
    const created = await createRequest(services);
    const res = await fetch(created.requestUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/oauth-authz-req+jwt' },
      body: new URLSearchParams({ wallet_nonce: 'qPmxiNFCR3QTm19POc8u', wallet_metadata: JSON.stringify({ vp_formats_supported: {} }) }).toString(),
    });
    expect(res.status).toBe(200);
    expect(decode(await res.text()).payload['wallet_nonce']).toBe('qPmxiNFCR3QTm19POc8u');
  });

  it('the QR codes (PNG and SVG) carry the openid4vp:// link', async () => {
    const created = await createRequest(services);
    const png = await fetch(created['qr'] !== undefined ? (created['qr'] as { png: string }).png : '', { headers: services.checker });
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(readQrPng(new Uint8Array(await png.arrayBuffer()))).toBe(created.link);
    const svg = await fetch((created['qr'] as { svg: string }).svg, { headers: services.checker });
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(await svg.text()).toContain('<svg');
  });

  it('the verifier key is created once and kept in the SQLite file, encrypted with the secret', async () => {
    const a = (await requestObject((await createRequest(services)).requestUri)).header['kid'];
    const rows = (await services.verifier.db.query('SELECT kid, encrypted FROM sp_verifier_keys')) as { kid: string; encrypted: number }[];
    expect(rows).toEqual([{ kid: a, encrypted: 1 }]);
  });
});

describe('the answer by direct_post', () => {
  it('DCQL: 200 {}, polled pending then answered with a verified result; a second answer is refused', async () => {
    const created = await createRequest(services);
    expect((await poll(created.pollUrl, services.checker))['state']).toBe('pending');
    const { payload } = await requestObject(created.requestUri);
    expect((await poll(created.pollUrl, services.checker))['requestFetched']).toBe(true);
    const vpToken = JSON.stringify({ [sdQueryId(payload)]: [await present(payload)] });
    const ok = await postForm(payload['response_uri'] as string, { vp_token: vpToken, state: payload['state'] as string });
    expect([ok.status, ok.body]).toEqual([200, {}]);
    expect(ok.type).toContain('application/json');
    const polled = (await poll(created.pollUrl, services.checker)) as { state: string; resultId: string; result: { verified: boolean; decision: string; findings: unknown[] } };
    expect(polled).toMatchObject({ state: 'answered', result: { verified: true, decision: 'ready_to_start', findings: [] } });
    // The move (a new employer by default), and per requirement the reliance and the rule behind it.
    expect(polled).toMatchObject({
      move: 'new_employer',
      result: { todo: [], reasons: [], reliance: [{ requirementId: 'dbs', outcome: 'satisfied', decision: 'rely', basis: { id: 'dbs-employer-decides', section: expect.any(String) } }] },
    });
    // The same store as the existing presentation requests and results.
    expect(((await (await fetch(`${services.verifierUrl}/presentation-requests/${created.id}`)).json()) as { state: string }).state).toBe('answered');
    expect((await fetch(`${services.verifierUrl}/results/${polled.resultId}`, { headers: services.checker })).status).toBe(200);

    const again = await postForm(payload['response_uri'] as string, { vp_token: vpToken, state: payload['state'] as string });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'invalid_request', code: 'ERR_VP_REQUEST_ANSWERED' });
    const refetch = await fetch(created.requestUri);
    expect(refetch.status).toBe(409);
    expect(await refetch.json()).toMatchObject({ error: 'invalid_request_uri', code: 'ERR_VP_REQUEST_ANSWERED' });
  });

  it('a claim disclosed beyond those asked is reported as a finding, not a failure', async () => {
    const created = await createRequest(services);
    const { payload } = await requestObject(created.requestUri);
    const vpToken = JSON.stringify({ [sdQueryId(payload)]: [await present(payload, [...ASKED, 'dbs.workforce'])] });
    expect((await postForm(payload['response_uri'] as string, { vp_token: vpToken, state: payload['state'] as string })).status).toBe(200);
    const polled = (await poll(created.pollUrl, services.checker)) as { result: { verified: boolean; findings: { kind: string; path: unknown[] }[] } };
    expect(polled.result.verified).toBe(true);
    expect(polled.result.findings).toEqual([expect.objectContaining({ kind: 'extra_disclosure', path: ['dbs', 'workforce'] })]);
  });

  it('a KB-JWT for another audience: 200 (processed), the result fails key-binding.audience', async () => {
    const created = await createRequest(services);
    const { payload } = await requestObject(created.requestUri);
    const vpToken = JSON.stringify({ [sdQueryId(payload)]: [await present({ ...payload, client_id: services.verifierUrl })] });
    expect((await postForm(payload['response_uri'] as string, { vp_token: vpToken, state: payload['state'] as string })).status).toBe(200);
    const polled = (await poll(created.pollUrl, services.checker)) as { result: { verified: boolean; failedChecks: { code: string }[] } };
    expect(polled.result.verified).toBe(false);
    expect(polled.result.failedChecks.map((c) => c.code)).toEqual(expect.arrayContaining(['ERR_SDJWT_KB_AUDIENCE_MISMATCH', 'ERR_VP_QUERY_NOT_SATISFIED']));
  });

  it('Presentation Exchange: the request carries a presentation_definition; vp_token with presentation_submission answers it', async () => {
    const created = await createRequest(services, { query: 'pe' });
    const { payload } = await requestObject(created.requestUri);
    expect(payload['dcql_query']).toBeUndefined();
    const definition = payload['presentation_definition'] as { id: string; input_descriptors: { id: string; format: Record<string, unknown> }[] };
    const descriptor = definition.input_descriptors.find((d) => 'dc+sd-jwt' in d.format)!;
    const submission = { id: 'sub-1', definition_id: definition.id, descriptor_map: [{ id: descriptor.id, format: 'dc+sd-jwt', path: '$' }] };
    const ok = await postForm(payload['response_uri'] as string, { vp_token: await present(payload), presentation_submission: JSON.stringify(submission), state: payload['state'] as string });
    expect(ok.status).toBe(200);
    const polled = (await poll(created.pollUrl, services.checker)) as { state: string; query: string; result: { verified: boolean; failedChecks: unknown[] } };
    expect(polled).toMatchObject({ state: 'answered', query: 'pe', result: { verified: true, failedChecks: [] } });
  });

  it('the wallet refuses (access_denied, section 8.5): 200, polled refused; nothing can answer after', async () => {
    const created = await createRequest(services);
    const { payload } = await requestObject(created.requestUri);
    const refused = await postForm(payload['response_uri'] as string, { error: 'access_denied', error_description: 'The holder declined', state: payload['state'] as string });
    expect([refused.status, refused.body]).toEqual([200, {}]);
    expect(await poll(created.pollUrl, services.checker)).toMatchObject({ state: 'refused', walletError: { error: 'access_denied', description: 'The holder declined' } });
    const late = await postForm(payload['response_uri'] as string, { vp_token: JSON.stringify({ [sdQueryId(payload)]: [await present(payload)] }), state: payload['state'] as string });
    expect(late.body['code']).toBe('ERR_VP_REQUEST_ANSWERED');
  });
});

describe('bad answers get the OAuth error JSON with our code, never a 500', () => {
  let payload: Record<string, unknown>;
  let pollUrl: string;
  beforeAll(async () => {
    const created = await createRequest(services);
    pollUrl = created.pollUrl;
    payload = (await requestObject(created.requestUri)).payload;
  });

  it.each([
    ['a wrong state', () => ({ vp_token: '{}', state: 'not-the-state' }), 400, 'ERR_VP_STATE_MISMATCH'],
    ['no state', () => ({ vp_token: '{}' }), 400, 'ERR_VP_STATE_MISMATCH'],
    ['no vp_token', () => ({ state: payload['state'] as string }), 400, 'ERR_VP_RESPONSE_INVALID'],
    ['a vp_token that is not JSON', () => ({ vp_token: 'eyJhbGciOi', state: payload['state'] as string }), 400, 'ERR_VP_RESPONSE_INVALID'],
    ['a vp_token for an unknown query', () => ({ vp_token: '{"nope":["x~"]}', state: payload['state'] as string }), 400, 'ERR_VP_RESPONSE_INVALID'],
    ['an error that is not an OAuth code', () => ({ error: 'bad"code', state: payload['state'] as string }), 400, 'ERR_VP_RESPONSE_INVALID'],
  ])('%s', async (_name, fields, status, code) => {
    const res = await postForm(payload['response_uri'] as string, fields());
    expect(res.status).toBe(status);
    expect(res.type).toContain('application/json');
    expect(res.body).toMatchObject({ error: 'invalid_request', code });
    expect(typeof res.body['error_description']).toBe('string');
  });

  it('a JSON body is refused (415): direct_post is form-encoded', async () => {
    const res = await postJson(payload['response_uri'] as string, { vp_token: {}, state: payload['state'] });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ error: 'invalid_request', code: 'ERR_UNSUPPORTED_MEDIA_TYPE' });
  });

  // Found by the route fuzz: the parser's error for a body that is not the gzip it claims was a 500.
  it.each(['request_uri', 'response_uri'])('a body that is not the gzip it claims at the %s: 400 in the OAuth format, not a 500', async (endpoint) => {
    const url = endpoint === 'request_uri' ? (payload['response_uri'] as string).replace(/\/response$/, '/request-object') : (payload['response_uri'] as string);
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip' }, body: Buffer.from([123, 34, 254, 225, 207, 38, 140, 77]) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: expect.any(String), code: expect.stringMatching(/^ERR_/) });
  });

  it('after all of them the request is still pending (a bad answer does not use the nonce up)', async () => {
    expect((await poll(pollUrl, services.checker))['state']).toBe('pending');
  });

  it('an unknown request: 404 ERR_VP_REQUEST_NOT_FOUND at every endpoint', async () => {
    const base = `${services.verifierUrl}/oid4vp/requests/req_00000000000000000000`;
    expect((await postForm(`${base}/response`, { state: 'x', vp_token: '{}' })).body).toMatchObject({ error: 'invalid_request', code: 'ERR_VP_REQUEST_NOT_FOUND' });
    expect(await (await fetch(`${base}/request-object`)).json()).toMatchObject({ error: 'invalid_request_uri', code: 'ERR_VP_REQUEST_NOT_FOUND' });
    const polled = await fetch(base, { headers: services.checker });
    expect([polled.status, polled.headers.get('content-type')]).toEqual([404, expect.stringContaining('application/problem+json')]);
  });
});

describe('expiry (injected clock)', () => {
  it('past expiresAt: request object and answer refused with ERR_VP_REQUEST_EXPIRED, polled expired', async () => {
    const created = await createRequest(services, { expiresInSeconds: 60 });
    const { payload } = await requestObject(created.requestUri);
    offsetMs = 61_000;
    try {
      const res = await postForm(payload['response_uri'] as string, { vp_token: '{}', state: payload['state'] as string });
      expect([res.status, res.body['code']]).toEqual([400, 'ERR_VP_REQUEST_EXPIRED']);
      expect(await (await fetch(created.requestUri)).json()).toMatchObject({ error: 'invalid_request_uri', code: 'ERR_VP_REQUEST_EXPIRED' });
      expect((await poll(created.pollUrl, services.checker))['state']).toBe('expired');
    } finally {
      offsetMs = 0;
    }
  });
});

describe('creating a request: bad input is a problem+json 4xx', () => {
  it.each([
    ['an unknown profile', { profileId: 'astronaut' }, 404, 'ERR_PROFILE_NOT_FOUND'],
    ['an unknown query language', { profileId: 'oid4vp-dbs-basic', query: 'sql' }, 400, 'ERR_REQUEST_INVALID'],
    ['a lifetime too short', { profileId: 'oid4vp-dbs-basic', expiresInSeconds: 5 }, 400, 'ERR_REQUEST_INVALID'],
    ['an unknown field', { profileId: 'oid4vp-dbs-basic', colour: 'red' }, 400, 'ERR_REQUEST_INVALID'],
    ['an unknown kind of move', { profileId: 'oid4vp-dbs-basic', move: 'holiday' }, 400, 'ERR_REQUEST_INVALID'],
    ['a kind of move that is not text', { profileId: 'oid4vp-dbs-basic', move: 3 }, 400, 'ERR_REQUEST_INVALID'],
    ['no profile', {}, 400, 'ERR_REQUEST_INVALID'],
  ])('%s', async (_name, body, status, code) => {
    const res = await postJson(`${services.verifierUrl}/oid4vp/requests`, body, services.checker);
    expect(res.status).toBe(status);
    expect(res.type).toContain('application/problem+json');
    expect(res.body['code']).toBe(code);
  });
});
