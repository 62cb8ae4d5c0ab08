import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { decodeSdJwt, issueSdJwt } from '@staff-passport/core/browser';
import { signJwt } from '../../src/lib/index.js';
import { MemoryCredentialStore } from '../../src/memory/memory-credential-store.js';
import { MemoryKeyStore } from '../../src/memory/memory-key-store.js';
import { MemorySharingLog } from '../../src/memory/memory-sharing-log.js';
import type { HolderKey } from '../../src/keys/key-store.js';
import { previewDisclosures, readPresentationRequest, refusePresentationRequest, sharePresentation } from '../../src/sharing/index.js';
import type { WalletParts } from '../../src/wallet-parts.js';
import { fakeFetch } from '../lib/fake-fetch.js';

// OpenID4VP 1.0 DCQL examples (test/vectors/openid4vp/query_lang, openid/OpenID4VP @ 46f6965).
const dcqlVector = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`../../../../test/vectors/openid4vp/query_lang/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const PID = 'https://credentials.example.com/identity_credential';
const REQUEST_URI = 'https://verifier.example/request/1';
const RESPONSE_URI = 'https://verifier.example/response/1';

const verifierKeys = new MemoryKeyStore();
let verifier: HolderKey;
let issuer: HolderKey;

beforeAll(async () => {
  verifier = await verifierKeys.createKey({ alg: 'ES256' });
  issuer = await verifierKeys.createKey({ alg: 'EdDSA' });
});

async function wallet(vct = PID, plain: readonly string[] = []) {
  const keys = new MemoryKeyStore();
  const holder = await keys.createKey({ alg: 'ES256' });
  const sdJwt = await issueSdJwt({
    payload: { iss: issuer.did, vct, cnf: { jwk: holder.publicJwk }, family_name: 'Patel', given_name: 'Priya', postal_code: 'LS1 4AP', locality: 'Leeds', region: 'West Yorkshire', date_of_birth: '1990-04-01', address: { street_address: '1 Park Row' } },
    disclosable: ['family_name', 'given_name', 'postal_code', 'locality', 'region', 'date_of_birth', 'address', 'address.street_address'].filter((c) => !plain.includes(c)),
    signer: await verifierKeys.signerFor(issuer.did),
    typ: 'dc+sd-jwt',
  });
  const credentials = new MemoryCredentialStore();
  await credentials.put({ id: 'pid-1', format: 'dc+sd-jwt', raw: sdJwt, types: [], vct, issuer: issuer.did, holder: holder.did, claims: {}, storedAt: '2026-01-01T00:00:00Z' });
  return { keys, credentials, holder };
}

async function setup(request: Record<string, unknown>, options: { sign?: 'verifier' | 'other' | 'none'; vct?: string; plain?: string[] } = {}) {
  const clientId = `decentralized_identifier:${verifier.did}`;
  const payload = { client_id: clientId, response_type: 'vp_token', response_mode: 'direct_post', response_uri: RESPONSE_URI, nonce: 'n-0S6_WzA2Mj', state: 's-1', client_metadata: { client_name: 'Example Verifier' }, ...request };
  const other = await verifierKeys.createKey();
  const signer = options.sign === 'other' ? { ...(await verifierKeys.signerFor(other.did)), kid: verifier.kid } : await verifierKeys.signerFor(verifier.did);
  const jwt = await signJwt(signer, { typ: 'oauth-authz-req+jwt' }, payload);
  const posted: Record<string, string>[] = [];
  const fake = fakeFetch({
    [`GET ${REQUEST_URI}`]: () => ({ text: jwt }),
    [`POST ${RESPONSE_URI}`]: (body) => {
      posted.push(Object.fromEntries(new URLSearchParams(body ?? '')));
      return { body: { redirect_uri: 'https://verifier.example/done' } };
    },
  });
  const w = await wallet(options.vct, options.plain);
  const parts: WalletParts = { keys: w.keys, credentials: w.credentials, log: new MemorySharingLog(), fetch: fake.fetch, now: () => new Date('2026-03-01T10:00:00Z') };
  const link =
    options.sign === 'none'
      ? `openid4vp://?${new URLSearchParams({ ...(payload as unknown as Record<string, string>), dcql_query: JSON.stringify(request['dcql_query']), client_metadata: '{}' }).toString()}`
      : `openid4vp://?client_id=${encodeURIComponent(clientId)}&request_uri=${encodeURIComponent(REQUEST_URI)}`;
  return { parts, link, posted, clientId, holder: w.holder };
}

async function disclosedNames(presentation: string): Promise<string[]> {
  const decoded = await decodeSdJwt(presentation);
  return decoded.disclosures.map((d) => d.name!).sort();
}

describe('DCQL (OpenID4VP 1.0, section 6)', () => {
  it('claim_sets make claims optional: required are in every satisfiable set (section 6.4.1, claims_alternatives example)', async () => {
    const { parts, link, clientId } = await setup({ dcql_query: dcqlVector('claims_alternatives.json') });
    const preview = await readPresentationRequest(parts, link);
    expect(preview).toMatchObject({ clientId, clientName: 'Example Verifier', verifierDid: verifier.did, unsatisfied: [] });
    expect(preview.queries[0]!.candidates[0]!.claims.map((c) => [c.path, c.required, c.sharedByDefault])).toEqual([
      ['family_name', true, true],
      ['postal_code', false, false],
      ['locality', false, true],
      ['region', false, true],
      ['date_of_birth', true, true],
    ]);
  });

  it('shares the first claim set by default, with a KB-JWT for the client_id and nonce (appendix B.3.6)', async () => {
    const { parts, link, posted, clientId } = await setup({ dcql_query: dcqlVector('claims_alternatives.json') });
    const result = await sharePresentation(parts, await readPresentationRequest(parts, link));
    expect(result.redirectUri).toBe('https://verifier.example/done');
    expect(posted[0]!['state']).toBe('s-1');
    const token = JSON.parse(posted[0]!['vp_token']!) as Record<string, string[]>;
    expect(await disclosedNames(token['pid']![0]!)).toEqual(['date_of_birth', 'family_name', 'locality', 'region']);
    expect((await decodeSdJwt(token['pid']![0]!)).kbJwt?.payload).toMatchObject({ aud: clientId, nonce: 'n-0S6_WzA2Mj' });
  });

  it('the log also records the claims the issuer made plain: every presentation shows them', async () => {
    const { parts, link } = await setup({ dcql_query: dcqlVector('claims_alternatives.json') }, { plain: ['locality', 'address', 'address.street_address'] });
    const preview = await readPresentationRequest(parts, link);
    const choices = { pid: { credentialId: 'pid-1', omit: ['region'] } };
    // What the preview shows before sharing is what the log records after.
    const shown = await previewDisclosures(preview, { choices });
    await sharePresentation(parts, preview, { choices });
    const [entry] = await parts.log.list();
    expect(entry!.claimsDisclosed).toEqual([
      'credentialSubject.family_name',
      'credentialSubject.postal_code',
      'credentialSubject.date_of_birth',
      'credentialSubject.locality',
      'credentialSubject.address.street_address',
    ]);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.claims.map((c) => c.path)).toEqual(entry!.claimsDisclosed);
    // Each claim with the credential it came from; the one nobody asked for is marked.
    expect(entry!.disclosures).toEqual([{ credentialId: 'pid-1', credentialTypes: [], claims: entry!.claimsDisclosed }]);
    expect(shown[0]!.claims.filter((c) => !c.asked).map((c) => c.path)).toEqual(['credentialSubject.address.street_address']);
  });

  it('a claim the issuer made plain is marked always shared, and cannot be left out', async () => {
    const { parts, link } = await setup({ dcql_query: dcqlVector('claims_alternatives.json') }, { plain: ['region'] });
    const preview = await readPresentationRequest(parts, link);
    const claims = preview.queries[0]!.candidates[0]!.claims;
    expect(claims.find((c) => c.path === 'region')).toMatchObject({ alwaysShared: true, sharedByDefault: true });
    expect(claims.find((c) => c.path === 'family_name')).toMatchObject({ alwaysShared: false });
    await expect(sharePresentation(parts, preview, { choices: { pid: { credentialId: 'pid-1', omit: ['region'] } } })).rejects.toMatchObject({ code: 'ERR_WALLET_REQUEST_INVALID', field: 'choices.pid.omit' });
  });

  it('each candidate lists every claim it always shares, asked for or not, as preview paths (SD-JWT, RFC 9901 section 4)', async () => {
    const { parts, link } = await setup({ dcql_query: dcqlVector('claims_alternatives.json') }, { plain: ['region', 'given_name', 'address', 'address.street_address'] });
    const preview = await readPresentationRequest(parts, link);
    const candidate = preview.queries[0]!.candidates[0]!;
    // given_name and address.street_address are not asked for, and go all the same; the envelope (iss, vct, cnf) is not a claim.
    expect([...candidate.alwaysShared].sort()).toEqual(['address.street_address', 'given_name', 'region']);
    expect(candidate.claims.filter((c) => c.alwaysShared).map((c) => c.path)).toEqual(['region']);
    const result = await sharePresentation(parts, preview, { choices: { pid: { credentialId: 'pid-1', omit: ['locality'] } } });
    expect(result.shared[0]!.claimsDisclosed).toEqual(expect.arrayContaining(candidate.alwaysShared.map((p) => `credentialSubject.${p}`)));
  });

  it('nothing always shared when the issuer made every claim disclosable', async () => {
    const { parts, link } = await setup({ dcql_query: dcqlVector('claims_alternatives.json') });
    const preview = await readPresentationRequest(parts, link);
    expect(preview.queries[0]!.candidates[0]!.alwaysShared).toEqual([]);
  });

  it('an object claim is always shared when nothing inside it is disclosable, not when a part of it is', async () => {
    const dcql = { credentials: [{ id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: [PID] }, claims: [{ path: ['address'] }, { path: ['given_name'] }] }] };
    const plainObject = await setup({ dcql_query: dcql }, { plain: ['address', 'address.street_address'] });
    const whole = (await readPresentationRequest(plainObject.parts, plainObject.link)).queries[0]!.candidates[0]!;
    expect(whole.claims.map((c) => [c.path, c.alwaysShared])).toEqual([
      ['address', true],
      ['given_name', false],
    ]);
    const plainContainer = await setup({ dcql_query: dcql }, { plain: ['address'] });
    const part = (await readPresentationRequest(plainContainer.parts, plainContainer.link)).queries[0]!.candidates[0]!;
    expect(part.claims.find((c) => c.path === 'address')).toMatchObject({ alwaysShared: false });
    expect(part.alwaysShared).toEqual([]);
  });

  it('leaving an optional claim out picks the next claim set, and the log records what went', async () => {
    const { parts, link, posted } = await setup({ dcql_query: dcqlVector('claims_alternatives.json') });
    const preview = await readPresentationRequest(parts, link);
    await sharePresentation(parts, preview, { choices: { pid: { credentialId: 'pid-1', omit: ['region'] } } });
    const token = JSON.parse(posted[0]!['vp_token']!) as Record<string, string[]>;
    expect(await disclosedNames(token['pid']![0]!)).toEqual(['date_of_birth', 'family_name', 'postal_code']);
    const [entry] = await parts.log.list();
    expect(entry).toMatchObject({ action: 'shared', credentialIds: ['pid-1'] });
    expect(entry!.claimsDisclosed).toEqual(['credentialSubject.family_name', 'credentialSubject.postal_code', 'credentialSubject.date_of_birth']);
  });

  it('leaving a required claim out is ERR_WALLET_REQUEST_INVALID, and nothing is sent', async () => {
    const { parts, link, posted } = await setup({ dcql_query: dcqlVector('claims_alternatives.json') });
    const preview = await readPresentationRequest(parts, link);
    await expect(sharePresentation(parts, preview, { choices: { pid: { credentialId: 'pid-1', omit: ['family_name'] } } })).rejects.toMatchObject({ code: 'ERR_WALLET_REQUEST_INVALID' });
    expect(posted).toEqual([]);
  });

  it('credential_sets: one option answered, the optional set not required (section 6.4.2, credentials_alternatives example)', async () => {
    const { parts, link, posted } = await setup({ dcql_query: dcqlVector('credentials_alternatives.json') });
    const preview = await readPresentationRequest(parts, link);
    expect(preview.unsatisfied).toEqual([]);
    expect(preview.queries.filter((q) => q.candidates.length > 0).map((q) => q.queryId)).toEqual(['pid']);
    expect(preview.queries.every((q) => !q.required)).toBe(true);
    await sharePresentation(parts, preview);
    const token = JSON.parse(posted[0]!['vp_token']!) as Record<string, string[]>;
    expect(Object.keys(token)).toEqual(['pid']);
    expect(await disclosedNames(token['pid']![0]!)).toEqual(['address', 'family_name', 'given_name', 'street_address']);
  });

  it('partial: a wallet holding part of what is asked shares that part when the holder says so', async () => {
    const query = { credentials: [{ id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: [PID] }, claims: [{ path: ['family_name'] }] }, { id: 'licence', format: 'dc+sd-jwt', meta: { vct_values: ['https://other.example/licence'] }, claims: [{ path: ['number'] }] }] };
    const { parts, link, posted } = await setup({ dcql_query: query });
    const preview = await readPresentationRequest(parts, link);
    expect(preview.unsatisfied).toEqual(['licence']);
    await expect(sharePresentation(parts, preview)).rejects.toMatchObject({ code: 'ERR_WALLET_NO_MATCH' });
    expect((await previewDisclosures(preview, { partial: true })).map((d) => d.queryId)).toEqual(['pid']);
    const shared = await sharePresentation(parts, preview, { partial: true });
    expect(shared.shared.map((s) => s.queryId)).toEqual(['pid']);
    expect(Object.keys(JSON.parse(posted[0]!['vp_token']!) as Record<string, unknown>)).toEqual(['pid']);
  });

  it('no match: the query is listed unsatisfied and sharing is ERR_WALLET_NO_MATCH', async () => {
    const { parts, link, posted } = await setup({ dcql_query: dcqlVector('claims_alternatives.json') }, { vct: 'https://other.example/vct' });
    const preview = await readPresentationRequest(parts, link);
    expect(preview.unsatisfied).toEqual(['pid']);
    await expect(sharePresentation(parts, preview)).rejects.toMatchObject({ code: 'ERR_WALLET_NO_MATCH' });
    // Nothing held at all: even a partial share has nothing to send.
    await expect(sharePresentation(parts, preview, { partial: true })).rejects.toMatchObject({ code: 'ERR_WALLET_NO_MATCH' });
    expect(posted).toEqual([]);
  });
});

describe('Presentation Exchange 2.0', () => {
  const definition = {
    id: 'pd-1',
    input_descriptors: [
      {
        id: 'identity',
        purpose: 'To check who you are',
        format: { 'vc+sd-jwt': {} },
        constraints: {
          limit_disclosure: 'required',
          fields: [
            { path: ['$.vct'], filter: { type: 'string', const: PID } },
            { path: ['$.family_name'] },
            { path: ['$.region'], optional: true },
          ],
        },
      },
    ],
  };

  it('matches fields and optional ones, and posts the presentation_submission', async () => {
    const { parts, link, posted } = await setup({ presentation_definition: definition });
    const preview = await readPresentationRequest(parts, link);
    expect(preview.queryLanguage).toBe('presentation_definition');
    expect(preview.queries[0]!.purpose).toBe('To check who you are');
    expect(preview.queries[0]!.candidates[0]!.claims.map((c) => [c.path, c.required])).toEqual([
      ['vct', true],
      ['family_name', true],
      ['region', false],
    ]);
    await sharePresentation(parts, preview, { choices: { identity: { credentialId: 'pid-1', omit: ['region'] } } });
    expect(await disclosedNames(posted[0]!['vp_token']!)).toEqual(['family_name']);
    expect(JSON.parse(posted[0]!['presentation_submission']!)).toMatchObject({ definition_id: 'pd-1', descriptor_map: [{ id: 'identity', format: 'vc+sd-jwt', path: '$' }] });
  });

  it('lists the claims the SD-JWT always shares, marks the asked ones, and refuses leaving one out', async () => {
    const { parts, link, posted } = await setup({ presentation_definition: definition }, { plain: ['region', 'locality'] });
    const preview = await readPresentationRequest(parts, link);
    const candidate = preview.queries[0]!.candidates[0]!;
    expect([...candidate.alwaysShared].sort()).toEqual(['locality', 'region']);
    expect(candidate.claims.map((c) => [c.path, c.alwaysShared])).toEqual([
      ['vct', false],
      ['family_name', false],
      ['region', true],
    ]);
    await expect(sharePresentation(parts, preview, { choices: { identity: { credentialId: 'pid-1', omit: ['region'] } } })).rejects.toMatchObject({ code: 'ERR_WALLET_REQUEST_INVALID', field: 'choices.identity.omit' });
    expect(posted).toEqual([]);
    const result = await sharePresentation(parts, preview);
    expect(result.shared[0]!.claimsDisclosed).toEqual(expect.arrayContaining(['credentialSubject.family_name', 'credentialSubject.region', 'credentialSubject.locality']));
  });

  it('a credential without selective disclosure always shares every claim of its subject (it goes whole)', async () => {
    const { parts, link, holder } = await setup({
      presentation_definition: {
        id: 'pd-2',
        input_descriptors: [{ id: 'staff', format: { jwt_vc_json: { alg: ['ES256'] } }, constraints: { fields: [{ path: ['$.vc.credentialSubject.role', '$.credentialSubject.role'] }] } }],
      },
    });
    const vc = { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiableCredential', 'StaffCredential'], issuer: issuer.did, credentialSubject: { id: holder.did, role: 'Nurse', band: '5' } };
    const raw = await signJwt(await verifierKeys.signerFor(issuer.did), { typ: 'JWT' }, { iss: issuer.did, sub: holder.did, nbf: 1767225600, vc });
    await parts.credentials.put({ id: 'staff-1', format: 'jwt_vc_json', raw, types: vc.type, issuer: issuer.did, holder: holder.did, claims: vc.credentialSubject, storedAt: '2026-01-01T00:00:00Z' });
    const preview = await readPresentationRequest(parts, link);
    const candidate = preview.queries[0]!.candidates[0]!;
    expect(candidate).toMatchObject({ selective: false, alwaysShared: ['credentialSubject.id', 'credentialSubject.role', 'credentialSubject.band'] });
    expect(candidate.claims).toEqual([expect.objectContaining({ path: 'credentialSubject.role', alwaysShared: true })]);
    const result = await sharePresentation(parts, preview);
    expect(result.shared[0]!.claimsDisclosed).toEqual(candidate.alwaysShared);
  });
});

describe('the request object', () => {
  const query = { dcql_query: dcqlVector('claims_alternatives.json') };

  it('signed by a key not in the verifier DID document is ERR_WALLET_REQUEST_SIGNATURE_INVALID (section 5.9.3)', async () => {
    const { parts, link } = await setup(query, { sign: 'other' });
    await expect(readPresentationRequest(parts, link)).rejects.toMatchObject({ code: 'ERR_WALLET_REQUEST_SIGNATURE_INVALID' });
  });

  it('unsigned, from a DID client id, is ERR_WALLET_REQUEST_SIGNATURE_INVALID', async () => {
    const { parts, link } = await setup(query, { sign: 'none' });
    await expect(readPresentationRequest(parts, link)).rejects.toMatchObject({ code: 'ERR_WALLET_REQUEST_SIGNATURE_INVALID' });
  });

  it.each([
    ['a client_id mismatch', { client_id: 'decentralized_identifier:did:example:other' }],
    ['another response mode', { response_mode: 'fragment' }],
    ['no nonce', { nonce: undefined }],
    ['both query languages', { presentation_definition: { id: 'x', input_descriptors: [] } }],
  ])('%s is ERR_WALLET_REQUEST_INVALID', async (_, change) => {
    const { parts, link } = await setup({ ...query, ...change });
    await expect(readPresentationRequest(parts, link)).rejects.toMatchObject({ code: 'ERR_WALLET_REQUEST_INVALID' });
  });

  it('refusing posts access_denied with the state (section 8.5) and logs refused', async () => {
    const { parts, link, posted, clientId } = await setup(query);
    const preview = await readPresentationRequest(parts, link);
    await refusePresentationRequest(parts, preview);
    expect(posted[0]).toMatchObject({ error: 'access_denied', state: 's-1' });
    expect(posted[0]!['vp_token']).toBeUndefined();
    expect(await parts.log.list()).toEqual([expect.objectContaining({ action: 'refused', counterparty: { id: clientId, name: 'Example Verifier' }, claimsDisclosed: [] })]);
  });
});
