/**
 * The wallet checks a presentation request against the verifier's registered asks: the signed
 * trust registry fetched from its URL and its signature verified (createTrustRegistryLookup),
 * the entry found by the DID that signed the request object, the purpose named by
 * `client_metadata.purpose_code`. Registered, beyond its registration (over-broad), and not
 * registered; DCQL and Presentation Exchange alike; each query and claim marked.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { addTrustRegistryEntry, createJwkSigner, createTrustRegistryDraft, generateRegistryKey, issueSdJwt, renewTrustRegistry, signTrustRegistry, type RegistryKeyPair, type TrustRegistryEntry } from '@staff-passport/core';
import { getCredentialType } from '@staff-passport/schemas';
import { createTrustRegistryLookup, signJwt } from '../../../src/lib/index.js';
import { MemoryCredentialStore } from '../../../src/memory/memory-credential-store.js';
import { MemoryKeyStore } from '../../../src/memory/memory-key-store.js';
import { MemorySharingLog } from '../../../src/memory/memory-sharing-log.js';
import type { HolderKey } from '../../../src/keys/key-store.js';
import { readPresentationRequest } from '../../../src/sharing/index.js';
import type { WalletParts } from '../../../src/wallet-parts.js';
import { fakeFetch } from '../../lib/fake-fetch.js';

const NOW = new Date('2026-03-01T10:00:00Z');
const REGISTRY_URL = 'https://registry.example/registry.jwt';
const REQUEST_URI = 'https://verifier.example/request/1';
const DBS_VCT = getCredentialType('DbsCheck')!.vct;
const VOCAB_DBS = 'https://w3id.org/staff-passport/vocab#DbsCheck';

const keys = new MemoryKeyStore();
let verifier: HolderKey;
let issuer: HolderKey;
let operator: RegistryKeyPair;

beforeAll(async () => {
  verifier = await keys.createKey({ alg: 'ES256' });
  issuer = await keys.createKey({ alg: 'EdDSA' });
  operator = await generateRegistryKey('EdDSA');
});

function entry(asks?: TrustRegistryEntry['asks']): TrustRegistryEntry {
  return { did: verifier.did, odsCode: 'RYJ', name: 'Riverside Hospitals NHS Trust', credentialTypes: asks ? [] : ['EmploymentReference'], ...(asks ? { asks } : {}), validFrom: '2020-01-01T00:00:00Z' };
}

const registered = () => entry([{ purposes: ['new_employer'], credentials: [{ type: 'DbsCheck', claims: ['dbs.level', 'dbs.decision'] }] }]);

const dcql = (claims: string[][], meta: Record<string, unknown> = { vct_values: [DBS_VCT] }) => ({
  dcql_query: { credentials: [{ id: 'dbs', format: 'dc+sd-jwt', meta, claims: claims.map((path) => ({ path })) }] },
});

/** A wallet holding a DbsCheck (SD-JWT VC), with a registry lookup over the signed registry at its URL. */
async function setup(request: Record<string, unknown>, entries: TrustRegistryEntry[], purposeCode: string | null = 'new_employer') {
  let draft = createTrustRegistryDraft({ name: 'Test registry' });
  for (const e of entries) draft = addTrustRegistryEntry(draft, e);
  const registryJws = await signTrustRegistry({ registry: renewTrustRegistry(draft, { now: NOW }), signer: await createJwkSigner(operator.privateJwk) });
  const clientId = `decentralized_identifier:${verifier.did}`;
  const payload = {
    client_id: clientId,
    response_type: 'vp_token',
    response_mode: 'direct_post',
    response_uri: 'https://verifier.example/response/1',
    nonce: 'n-1',
    state: 's-1',
    client_metadata: { client_name: 'Riverside desk', ...(purposeCode ? { purpose_code: purposeCode } : {}) },
    ...request,
  };
  const jwt = await signJwt(await keys.signerFor(verifier.did), { typ: 'oauth-authz-req+jwt' }, payload);
  const fake = fakeFetch({ [`GET ${REQUEST_URI}`]: () => ({ text: jwt }), [`GET ${REGISTRY_URL}`]: () => ({ text: registryJws }) });
  const holderKeys = new MemoryKeyStore();
  const holder = await holderKeys.createKey({ alg: 'ES256' });
  const sdJwt = await issueSdJwt({
    payload: { iss: issuer.did, vct: DBS_VCT, cnf: { jwk: holder.publicJwk }, dbs: { level: 'enhanced', decision: 'satisfactory', certificateNumber: '001234567890' } },
    disclosable: ['dbs', 'dbs.level', 'dbs.decision', 'dbs.certificateNumber'],
    signer: await keys.signerFor(issuer.did),
    typ: 'dc+sd-jwt',
  });
  const credentials = new MemoryCredentialStore();
  await credentials.put({ id: 'dbs-1', format: 'dc+sd-jwt', raw: sdJwt, types: [], vct: DBS_VCT, issuer: issuer.did, holder: holder.did, claims: {}, storedAt: '2026-01-01T00:00:00Z' });
  const parts: WalletParts = {
    keys: holderKeys,
    credentials,
    log: new MemorySharingLog(),
    fetch: fake.fetch,
    now: () => NOW,
    findOrganisation: createTrustRegistryLookup({ url: REGISTRY_URL, keys: [operator.publicJwk], fetch: fake.fetch, now: () => NOW }),
  };
  return readPresentationRequest(parts, `openid4vp://?client_id=${encodeURIComponent(clientId)}&request_uri=${encodeURIComponent(REQUEST_URI)}`);
}

const marks = (preview: Awaited<ReturnType<typeof setup>>) => preview.queries[0]!.candidates[0]!.claims.map((c) => [c.path, c.registered]);

describe('readPresentationRequest against the registered asks', () => {
  it('a registered verifier asking what its entry registers for the purpose: registered, every claim marked so', async () => {
    const preview = await setup(dcql([['dbs', 'level'], ['dbs', 'decision']]), [registered()]);
    expect(preview.organisation).toMatchObject({ name: 'Riverside Hospitals NHS Trust', odsCode: 'RYJ' });
    expect(preview.registration).toEqual({ status: 'registered', purpose: 'new_employer', purposes: ['new_employer'], notRegistered: [] });
    expect(preview.queries[0]).toMatchObject({ queryId: 'dbs', registered: true });
    expect(marks(preview)).toEqual([
      ['dbs.level', true],
      ['dbs.decision', true],
    ]);
  });

  it('over-broad: a claim beyond the entry, and every ask for a purpose it is not registered for', async () => {
    const broad = await setup(dcql([['dbs', 'level'], ['dbs', 'certificateNumber']]), [registered()]);
    expect(broad.registration).toEqual({
      status: 'beyond_registration',
      purpose: 'new_employer',
      purposes: ['new_employer'],
      notRegistered: [{ purpose: 'new_employer', type: 'DbsCheck', claim: 'dbs.certificateNumber' }],
    });
    expect(broad.queries[0]).toMatchObject({ registered: false, notRegistered: [{ type: 'DbsCheck', claim: 'dbs.certificateNumber' }] });
    expect(marks(broad)).toEqual([
      ['dbs.level', true],
      ['dbs.certificateNumber', false],
    ]);

    const host = await setup(dcql([['dbs', 'level']]), [registered()], 'host');
    expect(host.registration).toMatchObject({ status: 'beyond_registration', notRegistered: [{ purpose: 'host' }] });
    expect(marks(host)).toEqual([['dbs.level', false]]);
  });

  it('the same check for a Presentation Exchange definition (type and claims from its fields)', async () => {
    const field = (path: string, filter?: Record<string, unknown>) => ({ path: [path], ...(filter ? { filter } : {}) });
    const definition = {
      id: 'dbs-only',
      input_descriptors: [
        {
          id: 'dbs',
          format: { 'dc+sd-jwt': {} },
          constraints: { fields: [field('$.vct', { type: 'string', enum: [DBS_VCT] }), field('$.dbs.level'), field('$.dbs.certificateNumber')] },
        },
      ],
    };
    const preview = await setup({ presentation_definition: definition }, [registered()]);
    expect(preview.registration).toMatchObject({ status: 'beyond_registration', notRegistered: [{ purpose: 'new_employer', type: 'DbsCheck', claim: 'dbs.certificateNumber' }] });
    // The type field is no claim about the person: it is never flagged.
    expect(marks(preview)).toEqual([
      ['vct', true],
      ['dbs.level', true],
      ['dbs.certificateNumber', false],
    ]);
  });

  it('not registered: listed only as an issuer, or not listed at all; a W3C type names the type', async () => {
    const issuerOnly = await setup(dcql([['dbs', 'level']]), [entry()]);
    expect(issuerOnly.organisation).toMatchObject({ name: 'Riverside Hospitals NHS Trust' });
    expect(issuerOnly.registration).toEqual({ status: 'not_registered', purpose: 'new_employer', notRegistered: [{ purpose: 'new_employer', type: 'DbsCheck' }] });
    expect(marks(issuerOnly)).toEqual([['dbs.level', false]]);

    const unknown = await setup(dcql([['credentialSubject', 'dbs', 'level']], { type_values: [[VOCAB_DBS]] }), [], null);
    expect(unknown.organisation).toBeUndefined();
    expect(unknown.registration).toEqual({ status: 'not_registered', notRegistered: [{ purpose: 'any purpose', type: 'DbsCheck' }] });
  });

  it('without a purpose code, what any purpose registers counts', async () => {
    const preview = await setup(dcql([['dbs', 'decision']]), [registered()], null);
    expect(preview.registration).toMatchObject({ status: 'registered' });
  });
});
