/**
 * Status lists every reader can load (issue 18, item 4): each Bitstring Status List credential is
 * served secured as VC-JOSE (`application/vc+jwt`, the default) or with a Data Integrity proof
 * (`eddsa-rdfc-2022`) for a reader whose `Accept` prefers JSON-LD (Bitstring Status List v1.0,
 * section 3.6 "Securing": the issuer chooses the mechanism; section 2.2 "BitstringStatusListCredential"),
 * and the verifier's status check (section 3.2 "Validate Algorithm") reads either.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  StatusListCache,
  checkCredentialStatus,
  createDidResolver,
  decodeBitstringList,
  decodeCompactJws,
  verifyDataIntegrity,
  type StatusListFetcher,
} from '@staff-passport/core';
import { call, startIssuer, type TestIssuer } from '../helpers/start-issuer.js';
import { trainingCredential } from '../../../../test/helpers/training-credential.js';

let issuer: TestIssuer;
const holder = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const resolver = createDidResolver({ web: { allowPrivateNetwork: true, allowHttp: true } });
// What @digitalbazaar/http-client (the W3C suites' document loader) sends.
const JSON_LD_ACCEPT = 'application/ld+json, application/json';

beforeAll(async () => {
  issuer = await startIssuer();
});
afterAll(async () => {
  await issuer.close();
});

type Entry = { statusListCredential: string; statusListIndex: string; statusPurpose: string; type: string };

async function issue(): Promise<{ id: string; entries: Entry[] }> {
  const res = await call(`${issuer.url}/orgs/${issuer.a.org.id}/credentials/issue`, { key: issuer.a.keys.issuer, body: { credential: trainingCredential(holder) } });
  expect(res.status).toBe(201);
  const vc = res.body['verifiableCredential'] as { id: string };
  const { payload } = decodeCompactJws(vc.id.slice(vc.id.indexOf(',') + 1), 'ERR_VC_MALFORMED');
  return { id: payload['id'] as string, entries: payload['credentialStatus'] as Entry[] };
}

async function get(url: string, accept?: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers: { ...(accept ? { accept } : {}), ...headers } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', etag: res.headers.get('etag'), vary: res.headers.get('vary'), text: await res.text() };
}

// A reader that asks for JSON-LD, as Data Integrity verifiers do; the verifier's own asks for VC-JOSE.
const jsonLdReader: StatusListFetcher = async (url) => ({ body: (await get(url, JSON_LD_ACCEPT)).text });
const joseReader: StatusListFetcher = async (url, request) => ({ body: (await get(url, request.accept)).text });

describe('content negotiation (section 3.6)', () => {
  it('serves VC-JOSE by default and to */*, and the same list with a Data Integrity proof to a JSON-LD reader', async () => {
    const { entries } = await issue();
    const url = entries[0]!.statusListCredential;
    for (const accept of [undefined, '*/*', 'application/vc+jwt']) {
      const jose = await get(url, accept);
      expect([jose.status, jose.type, jose.vary]).toEqual([200, expect.stringContaining('application/vc+jwt'), 'Accept']);
      expect(decodeCompactJws(jose.text, 'ERR_VC_MALFORMED').payload['type']).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    }
    const jose = decodeCompactJws((await get(url)).text, 'ERR_VC_MALFORMED').payload as { credentialSubject: Record<string, unknown>; id: string };

    const ld = await get(url, JSON_LD_ACCEPT);
    expect([ld.status, ld.type, ld.vary]).toEqual([200, expect.stringContaining('application/ld+json'), 'Accept']);
    const document = JSON.parse(ld.text) as Record<string, unknown> & { credentialSubject: Record<string, unknown>; proof: Record<string, unknown> };
    // Section 2.2: the same BitstringStatusListCredential, with the same list and ttl.
    expect(document).toMatchObject({ '@context': ['https://www.w3.org/ns/credentials/v2'], id: url, type: ['VerifiableCredential', 'BitstringStatusListCredential'], issuer: issuer.a.org.did });
    expect(document.credentialSubject).toEqual(jose.credentialSubject);
    expect(document.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', verificationMethod: expect.stringMatching(new RegExp(`^${issuer.a.org.did}#`)) });
    const verified = await verifyDataIntegrity({ document, resolver, expectedProofPurpose: 'assertionMethod' });
    expect(verified.checks.filter((c) => c.outcome === 'failed')).toEqual([]);
    expect(decodeBitstringList(document.credentialSubject['encodedList'] as string).size).toBe(131_072);

    // The VC Data Model's own media type is answered as such; the ETags of the two bodies differ.
    expect((await get(url, 'application/vc')).type).toContain('application/vc');
    expect(ld.etag).not.toBe((await get(url)).etag);
    expect((await get(url, JSON_LD_ACCEPT, { 'if-none-match': ld.etag! })).status).toBe(304);
  });

  it('the token view stays a Status List Token whatever is asked for', async () => {
    const { entries } = await issue();
    const token = await get(entries[0]!.statusListCredential.replace(/\/revocation$/, '/token'), JSON_LD_ACCEPT);
    expect(token.type).toContain('application/statuslist+jwt');
  });
});

describe('the verifier reads either securing (section 3.2)', () => {
  it('a revoked credential is revoked, and a valid one valid, from the Data Integrity list as from the VC-JOSE one', async () => {
    const kept = await issue();
    const revoked = await issue();
    const res = await call(`${issuer.url}/orgs/${issuer.a.org.id}/credentials/${encodeURIComponent(revoked.id)}/revoke`, { key: issuer.a.keys.issuer, body: { reason: 'issued_in_error' } });
    expect(res.status).toBe(200);
    for (const fetchStatusList of [jsonLdReader, joseReader]) {
      const statuses = async (entries: Entry[]) =>
        (await checkCredentialStatus({ credentialStatus: entries, issuerDid: issuer.a.org.did, resolver, fetchStatusList, cache: new StatusListCache() })).map((s) => [s.purpose, s.status, s.code]);
      expect(await statuses(kept.entries)).toEqual([
        ['revocation', 'valid', undefined],
        ['suspension', 'valid', undefined],
      ]);
      expect(await statuses(revoked.entries)).toEqual([
        ['revocation', 'revoked', 'ERR_STATUS_REVOKED'],
        ['suspension', 'valid', undefined],
      ]);
    }
  });

  it('a Data Integrity list changed after signing, or secured by another issuer, is refused (ERR_STATUS_LIST_SIGNATURE_INVALID)', async () => {
    const { entries } = await issue();
    const url = entries[0]!.statusListCredential;
    const document = JSON.parse((await get(url, JSON_LD_ACCEPT)).text) as { credentialSubject: Record<string, unknown> };
    const tampered = { ...document, credentialSubject: { ...document.credentialSubject, ttl: 1 } };
    const results = await checkCredentialStatus({ credentialStatus: entries[0], issuerDid: issuer.a.org.did, resolver, fetchStatusList: async () => ({ body: JSON.stringify(tampered) }), cache: new StatusListCache() });
    expect(results.map((r) => [r.status, r.code])).toEqual([['unknown', 'ERR_STATUS_LIST_SIGNATURE_INVALID']]);
    const otherIssuer = await checkCredentialStatus({ credentialStatus: entries[0], issuerDid: issuer.b.org.did, resolver, fetchStatusList: jsonLdReader, cache: new StatusListCache() });
    expect(otherIssuer.map((r) => [r.status, r.code])).toEqual([['unknown', 'ERR_STATUS_LIST_SIGNATURE_INVALID']]);
  });
});
