/**
 * The issuer's OpenID4VCI 1.0 endpoints over HTTP (issue 7): metadata (section 12.2, RFC 8414),
 * offers by value and by reference (section 4.1), the token endpoint with a transaction code
 * (section 6), the nonce endpoint (section 7), the credential endpoint with jwt key proofs and
 * batches (section 8, Appendix F.1), deferred issuance (section 9), notifications (section 11),
 * and HR's offer routes (create, list, QR, complete, withdraw, tenant isolation).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGUE } from '@staff-passport/schemas';
import { readQrPng } from '../../../../test/helpers/read-qr.js';
import { startIssuer, type TestIssuer } from '../helpers/start-issuer.js';
import { call, createHolderKey, endpointsOf, fetchNonce, postForm, postWithToken, signProof } from './helpers/test-wallet.js';

const VECTORS = join(fileURLToPath(import.meta.url), '../../../../../test/vectors/openid4vci');
const PRE_AUTH = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const training = CATALOGUE.find((d) => d.type === 'TrainingRecord')!;
const dbs = CATALOGUE.find((d) => d.type === 'DbsCheck')!;

function claimsOf(type: typeof training): Record<string, unknown> {
  const { id: _id, ...claims } = type.example['credentialSubject'] as Record<string, unknown>;
  return claims;
}

function vector(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(VECTORS, name), 'utf8')) as Record<string, unknown>;
}

let issuer: TestIssuer;
let ep: ReturnType<typeof endpointsOf>;

interface Created {
  id: string;
  link: string;
  txCode: string | null;
  credentialOfferUri?: string;
  credentialOffer?: Record<string, unknown>;
  qr: { png: string; svg: string };
}

async function offer(body: Record<string, unknown> = {}): Promise<Created> {
  const res = await call(ep.offers, { key: issuer.a.keys.issuer, body: { credentials: [{ type: 'TrainingRecord', credentialSubject: claimsOf(training) }], ...body } });
  expect([res.status, res.body['code']]).toEqual([201, undefined]);
  return res.body as unknown as Created;
}

async function codeOf(created: Created): Promise<string> {
  const json = created.credentialOffer ?? (await call(created.credentialOfferUri!)).body;
  return ((json['grants'] as Record<string, Record<string, string>>)[PRE_AUTH]!)['pre-authorized_code']!;
}

async function tokenFor(created: Created): Promise<string> {
  const res = await postForm(ep.token, { grant_type: PRE_AUTH, 'pre-authorized_code': await codeOf(created), ...(created.txCode ? { tx_code: created.txCode } : {}) });
  expect(res.status).toBe(200);
  return res.body['access_token'] as string;
}

beforeAll(async () => {
  issuer = await startIssuer();
  ep = endpointsOf(issuer, issuer.a);
});
afterAll(async () => {
  await issuer.close();
});

describe('metadata', () => {
  it('credential issuer metadata at the 1.0 well-known URL, shaped like the spec examples (12.2.4, Appendix A)', async () => {
    const res = await call(`${issuer.url}/.well-known/openid-credential-issuer/orgs/${issuer.a.org.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const meta = res.body;
    expect(meta).toMatchObject({
      credential_issuer: ep.issuerId,
      credential_endpoint: ep.credential,
      nonce_endpoint: ep.nonce,
      deferred_credential_endpoint: ep.deferred,
      notification_endpoint: ep.notification,
      batch_credential_issuance: { batch_size: 10 },
    });
    // Every top-level member we publish is one the spec's long example also uses.
    const example = vector('credential_issuer_metadata_sd_jwt_long.json');
    for (const key of Object.keys(meta)) expect(Object.keys(example)).toContain(key);
    const configurations = meta['credential_configurations_supported'] as Record<string, Record<string, unknown>>;
    const types = [...new Set(CATALOGUE.map((d) => d.type))];
    expect(Object.keys(configurations).sort()).toEqual(types.flatMap((t) => [`${t}_jwt_vc_json`, `${t}_dc_sd_jwt`, `${t}_ldp_vc`]).sort());
    // Each format's configuration has the members of the spec's example of that format.
    const samples: [string, string][] = [
      ['TrainingRecord_jwt_vc_json', 'credential_metadata_jwt_vc_json.json'],
      ['TrainingRecord_dc_sd_jwt', 'credential_metadata_sd_jwt_vc.json'],
      ['TrainingRecord_ldp_vc', 'credential_metadata_ldp_vc.json'],
    ];
    for (const [id, file] of samples) {
      const spec = Object.values(vector(file)['credential_configurations_supported'] as Record<string, Record<string, unknown>>)[0]!;
      const ours = configurations[id]!;
      // Every member of the spec's example, and beyond them only scope and proof types.
      for (const key of Object.keys(spec)) expect(Object.keys(ours)).toContain(key);
      for (const key of Object.keys(ours)) expect([...Object.keys(spec), 'scope', 'proof_types_supported']).toContain(key);
      expect(ours['format']).toBe(spec['format']);
      expect(Object.keys(ours['credential_metadata'] as object).sort()).toEqual(['claims', 'display']);
    }
    expect(configurations['TrainingRecord_dc_sd_jwt']!['vct']).toBe(training.vct);
    expect(configurations['TrainingRecord_jwt_vc_json']!['credential_definition']).toEqual({ type: ['VerifiableCredential', 'TrainingRecord'] });
    expect((configurations['TrainingRecord_ldp_vc']!['credential_definition'] as { type: string[] }).type).toEqual(['VerifiableCredential', 'TrainingRecord']);
    const display = (configurations['TrainingRecord_dc_sd_jwt']!['credential_metadata'] as { display: Record<string, unknown>[] }).display[0]!;
    expect(display).toMatchObject({ name: training.title, locale: 'en-GB', background_color: expect.any(String), text_color: expect.any(String) });
  });

  it('authorization server metadata at the RFC 8414 well-known URL (section 3.1)', async () => {
    const res = await call(`${issuer.url}/.well-known/oauth-authorization-server/orgs/${issuer.a.org.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ issuer: ep.issuerId, token_endpoint: ep.token, grant_types_supported: [PRE_AUTH], 'pre-authorized_grant_anonymous_access_supported': true });
    expect((await call(`${issuer.url}/.well-known/oauth-authorization-server/orgs/org_0000000000000000`)).status).toBe(404);
  });

  it('answers CORS preflights on the protocol endpoints', async () => {
    const res = await fetch(ep.credential, { method: 'OPTIONS', headers: { origin: 'https://wallet.example', 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
  });
});

describe('offers (HR)', () => {
  it('by reference: the offer URI serves the offer, shaped like the spec example (4.1.1); the QR codes decode to the link', async () => {
    const created = await offer();
    expect(created.txCode).toMatch(/^\d{6}$/);
    expect(created.link).toBe(`openid-credential-offer://?credential_offer_uri=${encodeURIComponent(created.credentialOfferUri!)}`);
    const res = await call(created.credentialOfferUri!);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const example = vector('credential_offer_pre-authz_code.json');
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(example).sort());
    expect(res.body).toMatchObject({
      credential_issuer: ep.issuerId,
      credential_configuration_ids: ['TrainingRecord_jwt_vc_json', 'TrainingRecord_dc_sd_jwt', 'TrainingRecord_ldp_vc'],
      grants: { [PRE_AUTH]: { 'pre-authorized_code': expect.any(String), tx_code: { input_mode: 'numeric', length: 6, description: expect.stringContaining('HR') } } },
    });
    const png = await fetch(created.qr.png, { headers: { authorization: `Bearer ${issuer.a.keys.issuer}` } });
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(readQrPng(new Uint8Array(await png.arrayBuffer()))).toBe(created.link);
    const svg = await fetch(created.qr.svg, { headers: { authorization: `Bearer ${issuer.a.keys.issuer}` } });
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(await svg.text()).toContain('<svg');
  });

  it('by value: the link carries the offer; no offer URI is served', async () => {
    const created = await offer({ byReference: false, formats: ['dc+sd-jwt'], txCode: false });
    expect(created.credentialOfferUri).toBeUndefined();
    expect(created.txCode).toBeNull();
    const inLink = JSON.parse(decodeURIComponent(created.link.split('credential_offer=')[1]!)) as Record<string, unknown>;
    expect(inLink).toEqual(created.credentialOffer);
    expect(inLink['credential_configuration_ids']).toEqual(['TrainingRecord_dc_sd_jwt']);
    expect((inLink['grants'] as Record<string, Record<string, unknown>>)[PRE_AUTH]!['tx_code']).toBeUndefined();
    expect((await call(`${ep.issuerId}/oid4vci/offers/${created.id}`)).status).toBe(404);
  });

  it('validates the claims now: a bad subject is a 400 problem naming the field', async () => {
    const bad = { ...claimsOf(training), training: { ...(claimsOf(training)['training'] as object), level: 7 } };
    const res = await call(ep.offers, { key: issuer.a.keys.issuer, body: { credentials: [{ type: 'TrainingRecord', credentialSubject: bad }] } });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body['code']).toBe('ERR_SCHEMA_INVALID');
    expect(res.body['field']).toMatch(/^credentials\[0\]\.credentialSubject\.training/);
    const cases: [unknown, string][] = [
      [{ credentials: [] }, 'ERR_REQUEST_INVALID'],
      [{ credentials: [{ type: 'NoSuchType', credentialSubject: {} }] }, 'ERR_TYPE_UNKNOWN'],
      [{ credentials: [{ type: 'TrainingRecord', credentialSubject: { ...claimsOf(training), id: 'did:key:z6Mk' } }] }, 'ERR_REQUEST_INVALID'],
      [{ credentials: [{ type: 'TrainingRecord', credentialSubject: claimsOf(training) }], formats: ['mso_mdoc'] }, 'ERR_FORMAT_UNSUPPORTED'],
      [{ credentials: [{ type: 'TrainingRecord', credentialSubject: claimsOf(training) }], expiresInSeconds: 99999999 }, 'ERR_REQUEST_INVALID'],
      [{ credentials: [{ type: 'TrainingRecord' }] }, 'ERR_REQUEST_INVALID'],
      [[1], 'ERR_REQUEST_INVALID'],
    ];
    for (const [body, code] of cases) {
      const answer = await call(ep.offers, { key: issuer.a.keys.issuer, body });
      expect([answer.status, answer.body['code']]).toEqual([400, code]);
    }
  });

  it('lists offers newest first with their status; auditors read, but cannot create', async () => {
    const created = await offer();
    const list = await call(ep.offers, { key: issuer.a.keys.auditor });
    expect(list.status).toBe(200);
    const offers = list.body['offers'] as { id: string; status: string }[];
    expect(offers[0]).toMatchObject({ id: created.id, status: 'offered' });
    expect(JSON.stringify(list.body)).not.toContain(created.txCode!);
    expect((await call(ep.offers, { key: issuer.a.keys.auditor, body: { credentials: [] } })).status).toBe(403);
  });

  it("another organisation's key cannot see, complete, withdraw or render an offer", async () => {
    const created = await offer({ pending: true, credentials: [{ type: 'DbsCheck' }] });
    const other = issuer.b.keys['org-admin'];
    const base = `${ep.offers}/${created.id}`;
    expect((await call(base, { key: other })).status).toBe(404);
    expect((await call(`${base}/complete`, { key: other, body: { credentials: [{ type: 'DbsCheck', credentialSubject: claimsOf(dbs) }] } })).status).toBe(404);
    expect((await call(base, { key: other, method: 'DELETE' })).status).toBe(404);
    expect((await call(`${base}/qr.png`, { key: other })).status).toBe(404);
    // Nor through its own organisation's URL.
    expect((await call(`${issuer.url}/orgs/${issuer.b.org.id}/offers/${created.id}`, { key: other })).body['code']).toBe('ERR_OFFER_NOT_FOUND');
    expect((await call(base, { key: issuer.a.keys.auditor })).status).toBe(200);
  });

  it('withdraws an unused offer: gone for HR and for the wallet', async () => {
    const created = await offer();
    const code = await codeOf(created);
    expect((await call(`${ep.offers}/${created.id}`, { key: issuer.a.keys.issuer, method: 'DELETE' })).status).toBe(204);
    expect((await call(`${ep.offers}/${created.id}`, { key: issuer.a.keys.issuer })).body['code']).toBe('ERR_OFFER_NOT_FOUND');
    expect((await call(created.credentialOfferUri!)).status).toBe(404);
    const token = await postForm(ep.token, { grant_type: PRE_AUTH, 'pre-authorized_code': code, tx_code: created.txCode! });
    expect(token.body).toMatchObject({ error: 'invalid_grant', code: 'ERR_GRANT_INVALID' });
  });
});

describe('token endpoint (section 6)', () => {
  it('exchanges the code once, with the tx code; a second exchange is invalid_grant ERR_OFFER_USED', async () => {
    const created = await offer();
    const code = await codeOf(created);
    const res = await postForm(ep.token, { grant_type: PRE_AUTH, 'pre-authorized_code': code, tx_code: created.txCode! });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 600 });
    const again = await postForm(ep.token, { grant_type: PRE_AUTH, 'pre-authorized_code': code, tx_code: created.txCode! });
    expect([again.status, again.body['error'], again.body['code']]).toEqual([400, 'invalid_grant', 'ERR_OFFER_USED']);
    expect((await call(created.credentialOfferUri!)).body['code']).toBe('ERR_OFFER_USED');
    expect((await call(`${ep.offers}/${created.id}`, { key: issuer.a.keys.auditor })).body['status']).toBe('token_issued');
  });

  it('five wrong tx codes lock the offer (status failed, audited)', async () => {
    const created = await offer();
    const code = await codeOf(created);
    const wrong = created.txCode === '000000' ? '000001' : '000000';
    for (let i = 0; i < 4; i++) {
      const res = await postForm(ep.token, { grant_type: PRE_AUTH, 'pre-authorized_code': code, tx_code: wrong });
      expect([res.status, res.body['error'], res.body['code']]).toEqual([400, 'invalid_grant', 'ERR_TX_CODE_INVALID']);
    }
    const fifth = await postForm(ep.token, { grant_type: PRE_AUTH, 'pre-authorized_code': code, tx_code: wrong });
    expect(fifth.body).toMatchObject({ error: 'invalid_grant', code: 'ERR_TX_CODE_LOCKED' });
    const right = await postForm(ep.token, { grant_type: PRE_AUTH, 'pre-authorized_code': code, tx_code: created.txCode! });
    expect(right.body).toMatchObject({ error: 'invalid_grant', code: 'ERR_TX_CODE_LOCKED' });
    expect((await call(`${ep.offers}/${created.id}`, { key: issuer.a.keys.auditor })).body['status']).toBe('failed');
    const audit = await call(`${issuer.url}/orgs/${issuer.a.org.id}/audit?limit=1000`, { key: issuer.a.keys.auditor });
    expect((audit.body['events'] as { action: string; subject: string }[]).some((e) => e.action === 'offer.lock' && e.subject === created.id)).toBe(true);
  });

  it('12 tx code guesses sent at once get five tries between them: the rest are locked out unchecked', async () => {
    const created = await offer();
    const code = await codeOf(created);
    const wrong = created.txCode === '000000' ? '000001' : '000000';
    const answers = await Promise.all(Array.from({ length: 12 }, () => postForm(ep.token, { grant_type: PRE_AUTH, 'pre-authorized_code': code, tx_code: wrong })));
    const codes = answers.map((res) => res.body['code']);
    expect(codes.filter((c) => c === 'ERR_TX_CODE_INVALID').length).toBeLessThanOrEqual(4);
    expect(codes.filter((c) => c === 'ERR_TX_CODE_INVALID' || c === 'ERR_TX_CODE_LOCKED').length).toBe(12);
    const right = await postForm(ep.token, { grant_type: PRE_AUTH, 'pre-authorized_code': code, tx_code: created.txCode! });
    expect(right.body).toMatchObject({ error: 'invalid_grant', code: 'ERR_TX_CODE_LOCKED' });
    expect((await call(`${ep.offers}/${created.id}`, { key: issuer.a.keys.auditor })).body['status']).toBe('failed');
  });

  it('expires (clock injected): invalid_grant ERR_OFFER_EXPIRED, and HR sees expired', async () => {
    const created = await offer({ expiresInSeconds: 60 });
    const code = await codeOf(created);
    issuer.setNow(new Date(Date.now() + 120_000));
    try {
      const res = await postForm(ep.token, { grant_type: PRE_AUTH, 'pre-authorized_code': code, tx_code: created.txCode! });
      expect(res.body).toMatchObject({ error: 'invalid_grant', code: 'ERR_OFFER_EXPIRED' });
      expect((await call(`${ep.offers}/${created.id}`, { key: issuer.a.keys.auditor })).body['status']).toBe('expired');
    } finally {
      issuer.setNow(new Date());
    }
  });

  it('answers malformed token requests with the OAuth errors, never a 500', async () => {
    const created = await offer();
    const code = await codeOf(created);
    const cases: [Record<string, string>, string][] = [
      [{ grant_type: 'authorization_code', code: 'x' }, 'unsupported_grant_type'],
      [{ grant_type: PRE_AUTH }, 'invalid_request'],
      [{ grant_type: PRE_AUTH, 'pre-authorized_code': code }, 'invalid_request'],
      [{ grant_type: PRE_AUTH, 'pre-authorized_code': 'not-a-code', tx_code: '123456' }, 'invalid_grant'],
    ];
    for (const [form, error] of cases) {
      const res = await postForm(ep.token, form);
      expect([res.status, res.body['error']]).toEqual([400, error]);
      expect(typeof res.body['code']).toBe('string');
    }
    const json = await postWithToken(ep.token, undefined, { grant_type: PRE_AUTH });
    expect([json.status, json.body['error'], json.body['code']]).toEqual([400, 'invalid_request', 'ERR_UNSUPPORTED_MEDIA_TYPE']);
    const noTx = await offer({ txCode: false });
    const unexpected = await postForm(ep.token, { grant_type: PRE_AUTH, 'pre-authorized_code': await codeOf(noTx), tx_code: '123456' });
    expect(unexpected.body['error']).toBe('invalid_request');
  });
});

describe('credential endpoint (section 8)', () => {
  it('issues in each offered format, one type once; the subject is the proof key', async () => {
    const created = await offer();
    const token = await tokenFor(created);
    const key = await createHolderKey();
    const jwt = await signProof(key, { aud: ep.issuerId, nonce: await fetchNonce(ep.nonce) });
    const res = await postWithToken(ep.credential, token, { credential_configuration_id: 'TrainingRecord_dc_sd_jwt', proofs: { jwt: [jwt] } });
    expect(res.status).toBe(200);
    const credentials = res.body['credentials'] as { credential: string }[];
    expect(credentials).toHaveLength(1);
    expect(res.body['notification_id']).toEqual(expect.any(String));
    const payload = JSON.parse(Buffer.from(credentials[0]!.credential.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toMatchObject({ vct: training.vct, iss: issuer.a.org.did, cnf: { jwk: key.jwk } });
    // The same type in another format: denied, the type was delivered.
    const again = await postWithToken(ep.credential, token, {
      credential_configuration_id: 'TrainingRecord_jwt_vc_json',
      proofs: { jwt: [await signProof(key, { aud: ep.issuerId, nonce: await fetchNonce(ep.nonce) })] },
    });
    expect([again.status, again.body['error'], again.body['code']]).toEqual([400, 'credential_request_denied', 'ERR_OFFER_USED']);
    const view = await call(`${ep.offers}/${created.id}`, { key: issuer.a.keys.auditor });
    expect(view.body).toMatchObject({ status: 'issued', deliveries: [{ type: 'TrainingRecord', configurationId: 'TrainingRecord_dc_sd_jwt', state: 'issued' }] });
    const records = await call(`${issuer.url}/orgs/${issuer.a.org.id}/credentials?subject=${encodeURIComponent(key.did)}`, { key: issuer.a.keys.auditor });
    expect((records.body['credentials'] as { type: string; format: string }[]).map((r) => [r.type, r.format])).toEqual([['TrainingRecord', 'dc+sd-jwt']]);
  });

  it('accepts a jwk header (the holder becomes a did:jwk) and ES256 keys', async () => {
    const created = await offer({ formats: ['jwt_vc_json'] });
    const token = await tokenFor(created);
    const key = await createHolderKey('ES256');
    const jwt = await signProof(key, { aud: ep.issuerId, nonce: await fetchNonce(ep.nonce) }, { header: 'jwk' });
    const res = await postWithToken(ep.credential, token, { credential_configuration_id: 'TrainingRecord_jwt_vc_json', proofs: { jwt: [jwt] } });
    expect(res.status).toBe(200);
    const payload = JSON.parse(Buffer.from((res.body['credentials'] as { credential: string }[])[0]!.credential.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(payload['sub']).toBe(key.did);
  });

  it('a batch: one credential per proof, each key different; more than batch_size is refused', async () => {
    const created = await offer({ formats: ['ldp_vc'] });
    const token = await tokenFor(created);
    const nonce = await fetchNonce(ep.nonce);
    const keys = await Promise.all([1, 2, 3].map(() => createHolderKey()));
    const tooMany = await postWithToken(ep.credential, token, {
      credential_configuration_id: 'TrainingRecord_ldp_vc',
      proofs: { jwt: await Promise.all(Array.from({ length: 11 }, () => signProof(keys[0]!, { aud: ep.issuerId, nonce }))) },
    });
    expect(tooMany.body).toMatchObject({ error: 'invalid_proof', code: 'ERR_PROOF_INVALID' });
    const sameKey = await postWithToken(ep.credential, token, {
      credential_configuration_id: 'TrainingRecord_ldp_vc',
      proofs: { jwt: [await signProof(keys[0]!, { aud: ep.issuerId, nonce }), await signProof(keys[0]!, { aud: ep.issuerId, nonce })] },
    });
    expect(sameKey.body).toMatchObject({ error: 'invalid_proof' });
    const res = await postWithToken(ep.credential, token, {
      credential_configuration_id: 'TrainingRecord_ldp_vc',
      proofs: { jwt: await Promise.all(keys.map((k) => signProof(k, { aud: ep.issuerId, nonce }))) },
    });
    expect(res.status).toBe(200);
    const credentials = res.body['credentials'] as { credential: { credentialSubject: { id: string }; proof: unknown } }[];
    expect(credentials.map((c) => c.credential.credentialSubject.id)).toEqual(keys.map((k) => k.did));
    expect(credentials.every((c) => typeof c.credential.proof === 'object')).toBe(true);
  });

  it('refuses bad proofs: wrong aud, wrong typ, bad signature, old iat, no nonce (invalid_proof); stale or reused nonce (invalid_nonce)', async () => {
    const created = await offer({ formats: ['jwt_vc_json'] });
    const token = await tokenFor(created);
    const key = await createHolderKey();
    const stranger = await createHolderKey();
    const ask = async (jwt: string) => postWithToken(ep.credential, token, { credential_configuration_id: 'TrainingRecord_jwt_vc_json', proofs: { jwt: [jwt] } });
    const proofCases: string[] = [
      await signProof(key, { aud: 'https://elsewhere.example', nonce: await fetchNonce(ep.nonce) }),
      await signProof(key, { aud: ep.issuerId, nonce: await fetchNonce(ep.nonce) }, { typ: 'JWT' }),
      await signProof(key, { aud: ep.issuerId, nonce: await fetchNonce(ep.nonce) }, { signWith: stranger.privateKey }),
      await signProof(key, { aud: ep.issuerId, nonce: await fetchNonce(ep.nonce), iat: Math.floor(Date.now() / 1000) - 3600 }),
      await signProof(key, { aud: ep.issuerId }),
      'not.a.jwt',
    ];
    for (const jwt of proofCases) {
      const res = await ask(jwt);
      expect([res.status, res.body['error'], res.body['code']]).toEqual([400, 'invalid_proof', 'ERR_PROOF_INVALID']);
    }
    const unknown = await ask(await signProof(key, { aud: ep.issuerId, nonce: 'never-issued' }));
    expect([unknown.body['error'], unknown.body['code']]).toEqual(['invalid_nonce', 'ERR_NONCE_UNKNOWN']);
    // Expired: fetched, then the clock moves past its five minutes.
    const stale = await fetchNonce(ep.nonce);
    issuer.setNow(new Date(Date.now() + 6 * 60_000));
    try {
      const res = await ask(await signProof(key, { aud: ep.issuerId, nonce: stale, iat: Math.floor(Date.now() / 1000) + 6 * 60 }));
      expect([res.body['error'], res.body['code']]).toEqual(['invalid_nonce', 'ERR_NONCE_EXPIRED']);
    } finally {
      issuer.setNow(new Date());
    }
    const nonce = await fetchNonce(ep.nonce);
    expect((await ask(await signProof(key, { aud: ep.issuerId, nonce }))).status).toBe(200);
    const created2 = await offer({ formats: ['jwt_vc_json'] });
    const replay = await postWithToken(ep.credential, await tokenFor(created2), { credential_configuration_id: 'TrainingRecord_jwt_vc_json', proofs: { jwt: [await signProof(key, { aud: ep.issuerId, nonce })] } });
    expect(replay.body).toMatchObject({ error: 'invalid_nonce', code: 'ERR_NONCE_UNKNOWN' });
  });

  it('refuses bad tokens (401 invalid_token with WWW-Authenticate), unknown configurations and malformed bodies', async () => {
    const noToken = await postWithToken(ep.credential, undefined, { credential_configuration_id: 'TrainingRecord_jwt_vc_json' });
    expect([noToken.status, noToken.body['error'], noToken.body['code']]).toEqual([401, 'invalid_token', 'ERR_ACCESS_TOKEN_INVALID']);
    expect(noToken.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    expect((await postWithToken(ep.credential, 'A'.repeat(43), {})).status).toBe(401);

    const created = await offer({ formats: ['dc+sd-jwt'] });
    const token = await tokenFor(created);
    // The token is bound to its organisation too.
    expect((await postWithToken(`${issuer.url}/orgs/${issuer.b.org.id}/oid4vci/credential`, token, { credential_configuration_id: 'TrainingRecord_dc_sd_jwt' })).status).toBe(401);
    const cases: [unknown, string][] = [
      [{ credential_configuration_id: 'TrainingRecord_jwt_vc_json', proofs: { jwt: ['x'] } }, 'unknown_credential_configuration'],
      [{ credential_configuration_id: 'DbsCheck_dc_sd_jwt', proofs: { jwt: ['x'] } }, 'unknown_credential_configuration'],
      [{ credential_configuration_id: 'Nope_dc_sd_jwt' }, 'unknown_credential_configuration'],
      [{ credential_identifier: 'abc' }, 'unknown_credential_identifier'],
      [{}, 'invalid_credential_request'],
      [[1, 2], 'invalid_credential_request'],
      [{ credential_configuration_id: 'TrainingRecord_dc_sd_jwt' }, 'invalid_proof'],
      [{ credential_configuration_id: 'TrainingRecord_dc_sd_jwt', proofs: { jwt: [] } }, 'invalid_proof'],
      [{ credential_configuration_id: 'TrainingRecord_dc_sd_jwt', proof: { proof_type: 'jwt', jwt: 'x' } }, 'invalid_proof'],
      [{ credential_configuration_id: 'TrainingRecord_dc_sd_jwt', proofs: { jwt: ['x'] }, credential_response_encryption: {} }, 'invalid_encryption_parameters'],
    ];
    for (const [body, error] of cases) {
      const res = await postWithToken(ep.credential, token, body);
      expect([res.status, res.body['error']]).toEqual([400, error]);
    }
    const broken = await fetch(ep.credential, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"credential_configuration_id":' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: string }).error).toBe('invalid_credential_request');
  });

  it('access tokens expire after ten minutes', async () => {
    const token = await tokenFor(await offer());
    issuer.setNow(new Date(Date.now() + 11 * 60_000));
    try {
      const res = await postWithToken(ep.credential, token, { credential_configuration_id: 'TrainingRecord_dc_sd_jwt', proofs: { jwt: ['x'] } });
      expect([res.status, res.body['error']]).toEqual([401, 'invalid_token']);
    } finally {
      issuer.setNow(new Date());
    }
  });
});

describe('deferred issuance (section 9) and notifications (section 11)', () => {
  it('pending offer: 202 and transaction_id; 202 again until HR completes; then the credential, once', async () => {
    const created = await offer({ pending: true, credentials: [{ type: 'DbsCheck' }], formats: ['jwt_vc_json'] });
    const token = await tokenFor(created);
    const key = await createHolderKey();
    const first = await postWithToken(ep.credential, token, {
      credential_configuration_id: 'DbsCheck_jwt_vc_json',
      proofs: { jwt: [await signProof(key, { aud: ep.issuerId, nonce: await fetchNonce(ep.nonce) })] },
    });
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ transaction_id: expect.any(String), interval: expect.any(Number) });
    const transactionId = first.body['transaction_id'] as string;
    expect((await call(`${ep.offers}/${created.id}`, { key: issuer.a.keys.auditor })).body['status']).toBe('pending');

    const waiting = await postWithToken(ep.deferred, token, { transaction_id: transactionId });
    expect([waiting.status, waiting.body['transaction_id']]).toEqual([202, transactionId]);
    const bogus = await postWithToken(ep.deferred, token, { transaction_id: 'nope' });
    expect([bogus.status, bogus.body['error'], bogus.body['code']]).toEqual([400, 'invalid_transaction_id', 'ERR_TRANSACTION_ID_INVALID']);

    // Completing validates like creating, and only for types in the offer.
    const wrong = await call(`${ep.offers}/${created.id}/complete`, { key: issuer.a.keys.issuer, body: { credentials: [{ type: 'TrainingRecord', credentialSubject: claimsOf(training) }] } });
    expect([wrong.status, wrong.body['code']]).toEqual([409, 'ERR_OFFER_STATE_INVALID']);
    const invalid = await call(`${ep.offers}/${created.id}/complete`, { key: issuer.a.keys.issuer, body: { credentials: [{ type: 'DbsCheck', credentialSubject: {} }] } });
    expect([invalid.status, invalid.body['code']]).toEqual([400, 'ERR_SCHEMA_INVALID']);
    const done = await call(`${ep.offers}/${created.id}/complete`, { key: issuer.a.keys.issuer, body: { credentials: [{ type: 'DbsCheck', credentialSubject: claimsOf(dbs) }] } });
    expect(done.status).toBe(200);

    // Later than the token's ten minutes: the deferred endpoint still serves the transaction.
    issuer.setNow(new Date(Date.now() + 30 * 60_000));
    try {
      const ready = await postWithToken(ep.deferred, token, { transaction_id: transactionId });
      expect(ready.status).toBe(200);
      const jwt = (ready.body['credentials'] as { credential: string }[])[0]!.credential;
      const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
      expect(payload['sub']).toBe(key.did);
      expect((await postWithToken(ep.deferred, token, { transaction_id: transactionId })).body['error']).toBe('invalid_transaction_id');

      const notified = await postWithToken(ep.notification, token, { notification_id: ready.body['notification_id'], event: 'credential_accepted', event_description: 'stored' });
      expect(notified.status).toBe(204);
    } finally {
      issuer.setNow(new Date());
    }
    const view = await call(`${ep.offers}/${created.id}`, { key: issuer.a.keys.auditor });
    expect(view.body).toMatchObject({ status: 'accepted', events: [{ event: 'credential_accepted', description: 'stored', type: 'DbsCheck' }] });
    expect((await call(`${ep.offers}/${created.id}/complete`, { key: issuer.a.keys.issuer, body: { credentials: [{ type: 'DbsCheck', credentialSubject: claimsOf(dbs) }] } })).status).toBe(409);
  });

  it('notification events set the status; bad notifications get the spec errors', async () => {
    const created = await offer({ formats: ['dc+sd-jwt'] });
    const token = await tokenFor(created);
    const key = await createHolderKey();
    const res = await postWithToken(ep.credential, token, {
      credential_configuration_id: 'TrainingRecord_dc_sd_jwt',
      proofs: { jwt: [await signProof(key, { aud: ep.issuerId, nonce: await fetchNonce(ep.nonce) })] },
    });
    const notificationId = res.body['notification_id'] as string;
    const cases: [unknown, string][] = [
      [{ notification_id: 'unknown', event: 'credential_accepted' }, 'invalid_notification_id'],
      [{ notification_id: notificationId, event: 'credential_lost' }, 'invalid_notification_request'],
      [{ notification_id: notificationId, event: 'credential_failure', event_description: 'bad "quote"' }, 'invalid_notification_request'],
      [{ event: 'credential_accepted' }, 'invalid_notification_id'],
      [[1], 'invalid_notification_request'],
    ];
    for (const [body, error] of cases) {
      const answer = await postWithToken(ep.notification, token, body);
      expect([answer.status, answer.body['error'], answer.body['code']]).toEqual([400, error, 'ERR_NOTIFICATION_INVALID']);
    }
    for (const [event, status] of [
      ['credential_failure', 'failed'],
      ['credential_deleted', 'deleted'],
    ] as const) {
      expect((await postWithToken(ep.notification, token, { notification_id: notificationId, event })).status).toBe(204);
      expect((await call(`${ep.offers}/${created.id}`, { key: issuer.a.keys.auditor })).body['status']).toBe(status);
    }
    const audit = await call(`${issuer.url}/orgs/${issuer.a.org.id}/audit?limit=1000`, { key: issuer.a.keys.auditor });
    const actions = (audit.body['events'] as { action: string; subject: string }[]).filter((e) => e.subject === created.id).map((e) => e.action);
    expect(actions).toEqual(['offer.create', 'offer.token', 'offer.notification', 'offer.notification']);
    // Credentials cannot be withdrawn once issued: revoke instead.
    expect((await call(`${ep.offers}/${created.id}`, { key: issuer.a.keys.issuer, method: 'DELETE' })).body['code']).toBe('ERR_OFFER_STATE_INVALID');
  });
});
