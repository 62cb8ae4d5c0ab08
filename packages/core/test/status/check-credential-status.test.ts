/**
 * Checking status on the verifier's or wallet's side: the Bitstring Status List Validate Algorithm
 * (Bitstring Status List v1.0, section 3.2) and the Token Status List validation rules
 * (draft-ietf-oauth-status-list, section 8.3), with our rules on top: the list must be signed by the
 * credential's issuer, lists are cached, and a list that cannot be had makes the status unknown.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createDidResolver } from '../../src/did/create-did-resolver.js';
import { PassportError } from '../../src/errors/passport-error.js';
import { envelopeCredential, signVcJose } from '../../src/jose/sign-vc-jose.js';
import {
  Bitstring,
  buildStatusListCredential,
  checkCredentialStatus,
  checkStatusEntries,
  createStatusListFetcher,
  credentialStatusEntry,
  decompressWithStreams,
  encodeBitstringList,
  signStatusListToken,
  StatusListCache,
  TOKEN_STATUS,
  tokenStatusClaim,
  TokenStatusList,
  type StatusListFetcher,
  type StatusListRequest,
  type StatusPurpose,
  type TokenStatusBits,
} from '../../src/status/index.js';
import { makeTestIssuer, type TestIssuer } from './make-test-issuer.js';

const resolver = createDidResolver();
const NOW = new Date('2026-10-01T09:00:00Z');
const REVOCATION_URL = 'https://hr.example/status/1/revocation';
const SUSPENSION_URL = 'https://hr.example/status/1/suspension';
const TOKEN_URL = 'https://hr.example/status/1/token';

/** An in-memory web of status lists that counts and records every request. */
function fakeWeb(bodies: Record<string, string | { body: string; cacheControl?: string }>) {
  const requests: { url: string; request: StatusListRequest; argCount: number }[] = [];
  const fetchStatusList: StatusListFetcher = async (...args: Parameters<StatusListFetcher>) => {
    const [url, request] = args;
    requests.push({ url, request, argCount: args.length });
    const found = bodies[url];
    if (found === undefined) throw new PassportError('ERR_DID_NOT_FOUND', `${url} answered 404`);
    return typeof found === 'string' ? { body: found } : found;
  };
  return { fetchStatusList, requests };
}

async function w3cList(
  issuer: TestIssuer,
  options: { url?: string; purpose?: StatusPurpose; set?: number[]; size?: number; ttl?: number; validUntil?: Date; issuerClaim?: string; encodedList?: string } = {},
): Promise<string> {
  const list = new Bitstring({ size: options.size ?? 131_072 });
  for (const index of options.set ?? []) list.set(index, 1);
  const credential = buildStatusListCredential({
    id: options.url ?? REVOCATION_URL,
    issuer: options.issuerClaim ?? issuer.did,
    statusPurpose: options.purpose ?? 'revocation',
    encodedList: options.encodedList ?? encodeBitstringList(list),
    validFrom: new Date('2026-09-01T00:00:00Z'),
    ...(options.validUntil ? { validUntil: options.validUntil } : {}),
    ...(options.ttl ? { ttl: options.ttl } : {}),
  });
  return signVcJose({ credential, signer: issuer.signer });
}

async function tokenList(issuer: TestIssuer, bits: TokenStatusBits, statuses: Record<number, number>, options: { uri?: string; exp?: Date; ttl?: number; iss?: string } = {}) {
  const list = new TokenStatusList({ bits, size: 1024 });
  for (const [index, value] of Object.entries(statuses)) list.set(Number(index), value);
  return signStatusListToken({
    uri: options.uri ?? TOKEN_URL,
    list,
    signer: issuer.signer,
    issuedAt: new Date('2026-09-30T00:00:00Z'),
    ...(options.exp ? { expiresAt: options.exp } : {}),
    ...(options.ttl ? { ttlSeconds: options.ttl } : {}),
    issuer: options.iss ?? issuer.did,
  });
}

const entry = (index: number, purpose: StatusPurpose = 'revocation', listUrl = purpose === 'revocation' ? REVOCATION_URL : SUSPENSION_URL) =>
  credentialStatusEntry({ listUrl, index, purpose });

describe('Bitstring Status List entries', () => {
  it('reports valid, revoked and suspended entries with their codes', async () => {
    const issuer = makeTestIssuer();
    const web = fakeWeb({
      [REVOCATION_URL]: await w3cList(issuer, { set: [7] }),
      [SUSPENSION_URL]: await w3cList(issuer, { url: SUSPENSION_URL, purpose: 'suspension', set: [8] }),
    });
    const check = (credentialStatus: unknown) =>
      checkCredentialStatus({ credentialStatus, issuerDid: issuer.did, resolver, fetchStatusList: web.fetchStatusList, cache: new StatusListCache(), now: NOW });

    expect(await check([entry(6), entry(6, 'suspension')])).toEqual([
      { mechanism: 'BitstringStatusList', purpose: 'revocation', status: 'valid', listUrl: REVOCATION_URL, index: 6, value: 0 },
      { mechanism: 'BitstringStatusList', purpose: 'suspension', status: 'valid', listUrl: SUSPENSION_URL, index: 6, value: 0 },
    ]);
    expect(await check(entry(7))).toMatchObject([{ purpose: 'revocation', status: 'revoked', code: 'ERR_STATUS_REVOKED', index: 7, value: 1 }]);
    expect(await check([entry(8), entry(8, 'suspension')])).toMatchObject([
      { purpose: 'revocation', status: 'valid' },
      { purpose: 'suspension', status: 'suspended', code: 'ERR_STATUS_SUSPENDED' },
    ]);
  });

  it('returns nothing for a credential without status', async () => {
    expect(await checkCredentialStatus({ issuerDid: 'did:example:1', resolver, fetchStatusList: fakeWeb({}).fetchStatusList })).toEqual([]);
  });

  it('accepts a list served as an EnvelopedVerifiableCredential', async () => {
    const issuer = makeTestIssuer();
    const web = fakeWeb({ [REVOCATION_URL]: JSON.stringify(envelopeCredential(await w3cList(issuer, { set: [3] }))) });
    const [result] = await checkCredentialStatus({ credentialStatus: entry(3), issuerDid: issuer.did, resolver, fetchStatusList: web.fetchStatusList, cache: new StatusListCache(), now: NOW });
    expect(result).toMatchObject({ status: 'revoked', code: 'ERR_STATUS_REVOKED' });
  });

  it('a list signed by another DID is refused (ERR_STATUS_LIST_SIGNATURE_INVALID), whatever issuer it claims', async () => {
    const issuer = makeTestIssuer();
    const stranger = makeTestIssuer();
    for (const body of [await w3cList(stranger, { issuerClaim: issuer.did }), await w3cList(stranger)]) {
      const web = fakeWeb({ [REVOCATION_URL]: body });
      const [result] = await checkCredentialStatus({ credentialStatus: entry(1), issuerDid: issuer.did, resolver, fetchStatusList: web.fetchStatusList, cache: new StatusListCache(), now: NOW });
      expect(result).toMatchObject({ status: 'unknown', code: 'ERR_STATUS_LIST_SIGNATURE_INVALID' });
    }
  });

  it('a list signed by the issuer but naming another issuer is refused (ERR_STATUS_LIST_SIGNATURE_INVALID)', async () => {
    const issuer = makeTestIssuer();
    const web = fakeWeb({ [REVOCATION_URL]: await w3cList(issuer, { issuerClaim: 'did:example:someone-else' }) });
    const [result] = await checkCredentialStatus({ credentialStatus: entry(1), issuerDid: issuer.did, resolver, fetchStatusList: web.fetchStatusList, cache: new StatusListCache(), now: NOW });
    expect(result).toMatchObject({ status: 'unknown', code: 'ERR_STATUS_LIST_SIGNATURE_INVALID' });
  });

  it('a list whose bits were altered after signing fails the signature (ERR_STATUS_LIST_SIGNATURE_INVALID)', async () => {
    const issuer = makeTestIssuer();
    const jwt = await w3cList(issuer, { set: [5] });
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const credential = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { credentialSubject: { encodedList: string } };
    credential.credentialSubject.encodedList = encodeBitstringList(new Bitstring()); // un-revoke index 5
    const tampered = `${header}.${Buffer.from(JSON.stringify(credential)).toString('base64url')}.${signature}`;
    const web = fakeWeb({ [REVOCATION_URL]: tampered });
    const [result] = await checkCredentialStatus({ credentialStatus: entry(5), issuerDid: issuer.did, resolver, fetchStatusList: web.fetchStatusList, cache: new StatusListCache(), now: NOW });
    expect(result).toMatchObject({ status: 'unknown', code: 'ERR_STATUS_LIST_SIGNATURE_INVALID' });
  });

  it('an unsigned (alg none) list is refused', async () => {
    const issuer = makeTestIssuer();
    const [, payload] = (await w3cList(issuer)).split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'vc+jwt' })).toString('base64url')}.${payload}.`;
    const web = fakeWeb({ [REVOCATION_URL]: none });
    const [result] = await checkCredentialStatus({ credentialStatus: entry(1), issuerDid: issuer.did, resolver, fetchStatusList: web.fetchStatusList, cache: new StatusListCache(), now: NOW });
    expect(result).toMatchObject({ status: 'unknown', code: 'ERR_STATUS_LIST_SIGNATURE_INVALID' });
  });

  it('an index past the end of the list is ERR_STATUS_INDEX_OUT_OF_RANGE (section 3.2, step 10)', async () => {
    const issuer = makeTestIssuer();
    const web = fakeWeb({ [REVOCATION_URL]: await w3cList(issuer) });
    const [result] = await checkCredentialStatus({ credentialStatus: entry(131_072), issuerDid: issuer.did, resolver, fetchStatusList: web.fetchStatusList, cache: new StatusListCache(), now: NOW });
    expect(result).toMatchObject({ status: 'unknown', code: 'ERR_STATUS_INDEX_OUT_OF_RANGE', index: 131_072 });
  });

  it('a purpose the list is not for is ERR_STATUS_LIST_INVALID (section 3.2, step 5)', async () => {
    const issuer = makeTestIssuer();
    const web = fakeWeb({ [SUSPENSION_URL]: await w3cList(issuer, { url: SUSPENSION_URL, purpose: 'revocation' }) });
    const [result] = await checkCredentialStatus({ credentialStatus: entry(1, 'suspension'), issuerDid: issuer.did, resolver, fetchStatusList: web.fetchStatusList, cache: new StatusListCache(), now: NOW });
    expect(result).toMatchObject({ status: 'unknown', code: 'ERR_STATUS_LIST_INVALID' });
  });

  it('a list published for another URL is refused (ERR_STATUS_LIST_INVALID)', async () => {
    const issuer = makeTestIssuer();
    const web = fakeWeb({ [REVOCATION_URL]: await w3cList(issuer, { url: 'https://hr.example/status/2/revocation' }) });
    const [result] = await checkCredentialStatus({ credentialStatus: entry(1), issuerDid: issuer.did, resolver, fetchStatusList: web.fetchStatusList, cache: new StatusListCache(), now: NOW });
    expect(result).toMatchObject({ status: 'unknown', code: 'ERR_STATUS_LIST_INVALID' });
  });

  it('an expired list is ERR_STATUS_LIST_INVALID', async () => {
    const issuer = makeTestIssuer();
    const web = fakeWeb({ [REVOCATION_URL]: await w3cList(issuer, { validUntil: new Date('2026-09-30T00:00:00Z') }) });
    const [result] = await checkCredentialStatus({ credentialStatus: entry(1), issuerDid: issuer.did, resolver, fetchStatusList: web.fetchStatusList, cache: new StatusListCache(), now: NOW });
    expect(result).toMatchObject({ status: 'unknown', code: 'ERR_STATUS_LIST_INVALID' });
  });

  it('a signed gzip bomb is ERR_STATUS_LIST_TOO_LARGE', async () => {
    const issuer = makeTestIssuer();
    const bomb = `u${gzipSync(Buffer.alloc(16 * 1024 * 1024)).toString('base64url')}`;
    const web = fakeWeb({ [REVOCATION_URL]: await w3cList(issuer, { encodedList: bomb }) });
    const [result] = await checkCredentialStatus({ credentialStatus: entry(1), issuerDid: issuer.did, resolver, fetchStatusList: web.fetchStatusList, cache: new StatusListCache(), now: NOW });
    expect(result).toMatchObject({ status: 'unknown', code: 'ERR_STATUS_LIST_TOO_LARGE' });
  });

  it.each([
    ['an index that is a number, not a string', 'ERR_VC_MALFORMED', { ...entry(1), statusListIndex: 1 }],
    ['no list URL', 'ERR_VC_MALFORMED', { ...entry(1), statusListCredential: 'not a url' }],
    ['not an object', 'ERR_VC_MALFORMED', 'revoked?'],
    ['another status mechanism', 'ERR_STATUS_UNKNOWN', { ...entry(1), type: 'StatusList2021Entry' }],
  ])('%s: unknown with %s, nothing fetched', async (_name, code, credentialStatus) => {
    const web = fakeWeb({});
    const [result] = await checkCredentialStatus({ credentialStatus, issuerDid: 'did:example:1', resolver, fetchStatusList: web.fetchStatusList, cache: new StatusListCache(), now: NOW });
    expect(result).toMatchObject({ status: 'unknown', code });
    expect(web.requests).toEqual([]);
  });
});

describe('an unreachable list', () => {
  it('gives unknown with ERR_STATUS_UNKNOWN and does not throw', async () => {
    const failing: StatusListFetcher = async () => {
      throw new Error('ECONNREFUSED');
    };
    const results = await checkCredentialStatus({
      credentialStatus: [entry(1), entry(2, 'suspension')],
      statusClaim: tokenStatusClaim({ uri: TOKEN_URL, idx: 1 }),
      issuerDid: 'did:example:1',
      resolver,
      fetchStatusList: failing,
      cache: new StatusListCache(),
      now: NOW,
    });
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ['unknown', 'ERR_STATUS_UNKNOWN'],
      ['unknown', 'ERR_STATUS_UNKNOWN'],
      ['unknown', 'ERR_STATUS_UNKNOWN'],
    ]);
  });

  it('a 404 and the default guard (no private addresses) both give ERR_STATUS_UNKNOWN', async () => {
    const notFound = await checkCredentialStatus({ credentialStatus: entry(1), issuerDid: 'did:example:1', resolver, fetchStatusList: fakeWeb({}).fetchStatusList, cache: new StatusListCache(), now: NOW });
    expect(notFound[0]).toMatchObject({ status: 'unknown', code: 'ERR_STATUS_UNKNOWN' });
    const guarded = await checkCredentialStatus({
      credentialStatus: entry(1, 'revocation', 'https://127.0.0.1:1/status/1'),
      issuerDid: 'did:example:1',
      resolver,
      cache: new StatusListCache(),
      now: NOW,
    });
    expect(guarded[0]).toMatchObject({ status: 'unknown', code: 'ERR_STATUS_UNKNOWN' });
    expect(guarded[0]?.message).toMatch(/not a public address/);
  });
});

describe('caching', () => {
  it('a second check of the same list is answered from the cache (one fetch)', async () => {
    const issuer = makeTestIssuer();
    const web = fakeWeb({ [REVOCATION_URL]: await w3cList(issuer, { set: [9] }) });
    const cache = new StatusListCache();
    const options = { issuerDid: issuer.did, resolver, fetchStatusList: web.fetchStatusList, cache, now: NOW };
    expect((await checkCredentialStatus({ ...options, credentialStatus: entry(9) }))[0]?.status).toBe('revoked');
    expect((await checkCredentialStatus({ ...options, credentialStatus: entry(10) }))[0]?.status).toBe('valid');
    expect(web.requests).toHaveLength(1);
    expect(cache.size).toBe(1);
  });

  it('concurrent checks of one list share a single fetch', async () => {
    const issuer = makeTestIssuer();
    const web = fakeWeb({ [REVOCATION_URL]: await w3cList(issuer) });
    const cache = new StatusListCache();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => checkCredentialStatus({ credentialStatus: entry(i), issuerDid: issuer.did, resolver, fetchStatusList: web.fetchStatusList, cache, now: NOW })),
    );
    expect(results.every(([r]) => r?.status === 'valid')).toBe(true);
    expect(web.requests).toHaveLength(1);
  });

  it('keeps a list for its ttl, then fetches it again', async () => {
    const issuer = makeTestIssuer();
    const web = fakeWeb({ [REVOCATION_URL]: await w3cList(issuer, { ttl: 60_000 }) });
    let clock = 1_000_000;
    const cache = new StatusListCache({ now: () => clock, defaultTtlMs: 600_000 });
    const check = () => checkCredentialStatus({ credentialStatus: entry(1), issuerDid: issuer.did, resolver, fetchStatusList: web.fetchStatusList, cache, now: NOW });
    await check();
    clock += 59_000;
    await check();
    expect(web.requests).toHaveLength(1);
    clock += 2_000;
    await check();
    expect(web.requests).toHaveLength(2);
  });

  it('without a ttl, follows Cache-Control max-age; no-store keeps nothing', async () => {
    const issuer = makeTestIssuer();
    const body = await w3cList(issuer);
    let clock = 0;
    for (const [cacheControl, fetchesAfter30s] of [
      ['public, max-age=10', 2],
      ['max-age=3600', 1],
      ['no-store', 3],
    ] as const) {
      const web = fakeWeb({ [REVOCATION_URL]: { body, cacheControl } });
      const cache = new StatusListCache({ now: () => clock });
      const check = () => checkCredentialStatus({ credentialStatus: entry(1), issuerDid: issuer.did, resolver, fetchStatusList: web.fetchStatusList, cache, now: NOW });
      await check();
      await check();
      clock += 30_000;
      await check();
      expect([cacheControl, web.requests.length]).toEqual([cacheControl, fetchesAfter30s]);
    }
  });

  it('never keeps more lists than maxEntries, nor longer than maxTtlMs', async () => {
    const issuer = makeTestIssuer();
    const urls = [1, 2, 3].map((n) => `https://hr.example/status/${n}/revocation`);
    const web = fakeWeb(Object.fromEntries(await Promise.all(urls.map(async (url) => [url, await w3cList(issuer, { url, ttl: 86_400_000 })]))));
    let clock = 0;
    const cache = new StatusListCache({ maxEntries: 2, maxTtlMs: 1000, now: () => clock });
    for (const url of urls) {
      await checkCredentialStatus({ credentialStatus: entry(1, 'revocation', url), issuerDid: issuer.did, resolver, fetchStatusList: web.fetchStatusList, cache, now: NOW });
    }
    expect(cache.size).toBe(2);
    clock += 1001;
    await checkCredentialStatus({ credentialStatus: entry(1, 'revocation', urls[2]), issuerDid: issuer.did, resolver, fetchStatusList: web.fetchStatusList, cache, now: NOW });
    expect(web.requests).toHaveLength(4);
  });

  it('a cached list of one issuer does not vouch for a credential of another', async () => {
    const issuer = makeTestIssuer();
    const other = makeTestIssuer();
    const web = fakeWeb({ [REVOCATION_URL]: await w3cList(issuer) });
    const cache = new StatusListCache();
    const first = await checkCredentialStatus({ credentialStatus: entry(1), issuerDid: issuer.did, resolver, fetchStatusList: web.fetchStatusList, cache, now: NOW });
    const second = await checkCredentialStatus({ credentialStatus: entry(1), issuerDid: other.did, resolver, fetchStatusList: web.fetchStatusList, cache, now: NOW });
    expect(first[0]?.status).toBe('valid');
    expect(second[0]).toMatchObject({ status: 'unknown', code: 'ERR_STATUS_LIST_SIGNATURE_INVALID' });
  });
});

describe('what a fetch tells the issuer', () => {
  it('the fetcher is given only the list URL (no fragment) and an Accept value', async () => {
    const issuer = makeTestIssuer();
    const web = fakeWeb({ [REVOCATION_URL]: await w3cList(issuer), [TOKEN_URL]: await tokenList(issuer, 2, {}) });
    await checkCredentialStatus({
      credentialStatus: { ...entry(4242), id: `${REVOCATION_URL}#4242` },
      statusClaim: tokenStatusClaim({ uri: TOKEN_URL, idx: 7 }),
      issuerDid: issuer.did,
      resolver,
      fetchStatusList: web.fetchStatusList,
      cache: new StatusListCache(),
      now: NOW,
    });
    expect(web.requests).toEqual([
      { url: REVOCATION_URL, request: { accept: 'application/vc+jwt' }, argCount: 2 },
      { url: TOKEN_URL, request: { accept: 'application/statuslist+jwt' }, argCount: 2 },
    ]);
  });

  describe('over HTTP with the default fetcher', () => {
    let server: Server;
    let base: string;
    const seen: { url: string | undefined; headers: IncomingHttpHeaders }[] = [];
    let issuer: TestIssuer;
    let listJwt = '';

    beforeAll(async () => {
      issuer = makeTestIssuer();
      server = createServer((req, res) => {
        seen.push({ url: req.url, headers: req.headers });
        if (req.url === '/status/1') {
          res.writeHead(200, { 'content-type': 'application/vc+jwt', 'cache-control': 'max-age=60' });
          res.end(listJwt);
          return;
        }
        res.writeHead(404).end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('sends a bare GET of the list path with Accept, and nothing about the credential or holder', async () => {
      const url = `${base}/status/1`;
      listJwt = await w3cList(issuer, { url, set: [11] });
      const fetchStatusList = createStatusListFetcher({ allowHttp: true, allowPrivateNetwork: true });
      const [result] = await checkCredentialStatus({
        credentialStatus: credentialStatusEntry({ listUrl: url, index: 11, purpose: 'revocation' }),
        issuerDid: issuer.did,
        resolver,
        fetchStatusList,
        cache: new StatusListCache(),
        now: NOW,
      });
      expect(result).toMatchObject({ status: 'revoked', code: 'ERR_STATUS_REVOKED' });
      expect(seen).toHaveLength(1);
      expect(seen[0]?.url).toBe('/status/1');
      expect(seen[0]?.headers['accept']).toBe('application/vc+jwt');
      expect(Object.keys(seen[0]?.headers ?? {}).sort()).toEqual(['accept', 'connection', 'host']);
    });

    it('passes Cache-Control on to the cache', async () => {
      const fetchStatusList = createStatusListFetcher({ allowHttp: true, allowPrivateNetwork: true });
      await expect(fetchStatusList(`${base}/status/1`, { accept: 'application/vc+jwt' })).resolves.toMatchObject({ cacheControl: 'max-age=60' });
    });
  });
});

describe('Token Status List references (SD-JWT VC status claim)', () => {
  const check = async (issuer: TestIssuer, body: string, idx: number, issuerDid = issuer.did) => {
    const web = fakeWeb({ [TOKEN_URL]: body });
    const [result] = await checkCredentialStatus({ statusClaim: tokenStatusClaim({ uri: TOKEN_URL, idx }), issuerDid, resolver, fetchStatusList: web.fetchStatusList, cache: new StatusListCache(), now: NOW });
    return result;
  };

  it.each([1, 2, 4, 8] as const)('%i-bit lists: VALID, INVALID and SUSPENDED (section 7.1)', async (bits) => {
    const issuer = makeTestIssuer();
    const statuses: Record<number, number> = bits > 1 ? { 1: TOKEN_STATUS.INVALID, 2: TOKEN_STATUS.SUSPENDED, 3: 3 } : { 1: TOKEN_STATUS.INVALID };
    const body = await tokenList(issuer, bits, statuses);
    expect(await check(issuer, body, 0)).toEqual({ mechanism: 'TokenStatusList', purpose: 'status', status: 'valid', listUrl: TOKEN_URL, index: 0, value: 0 });
    expect(await check(issuer, body, 1)).toMatchObject({ status: 'revoked', code: 'ERR_STATUS_REVOKED', value: 1 });
    if (bits > 1) {
      expect(await check(issuer, body, 2)).toMatchObject({ status: 'suspended', code: 'ERR_STATUS_SUSPENDED', value: 2 });
      // 0x03 is application specific: no statement can be made.
      expect(await check(issuer, body, 3)).toMatchObject({ status: 'unknown', code: 'ERR_STATUS_UNKNOWN', value: 3 });
    }
  });

  it('an idx past the end is ERR_STATUS_INDEX_OUT_OF_RANGE (section 8.3, step 6)', async () => {
    const issuer = makeTestIssuer();
    expect(await check(issuer, await tokenList(issuer, 1, {}), 1024)).toMatchObject({ status: 'unknown', code: 'ERR_STATUS_INDEX_OUT_OF_RANGE' });
  });

  it('a token for another list (sub differs from uri) is ERR_STATUS_LIST_INVALID (section 8.3, step 4a)', async () => {
    const issuer = makeTestIssuer();
    expect(await check(issuer, await tokenList(issuer, 1, {}, { uri: 'https://hr.example/status/9/token' }), 0)).toMatchObject({
      status: 'unknown',
      code: 'ERR_STATUS_LIST_INVALID',
    });
  });

  it('an expired token is ERR_STATUS_LIST_INVALID (section 8.3, step 4c)', async () => {
    const issuer = makeTestIssuer();
    expect(await check(issuer, await tokenList(issuer, 1, {}, { exp: new Date('2026-09-30T12:00:00Z') }), 0)).toMatchObject({
      status: 'unknown',
      code: 'ERR_STATUS_LIST_INVALID',
    });
  });

  it('a token signed by another DID, or naming another iss, is ERR_STATUS_LIST_SIGNATURE_INVALID', async () => {
    const issuer = makeTestIssuer();
    const stranger = makeTestIssuer();
    expect(await check(issuer, await tokenList(stranger, 1, {}, { iss: issuer.did }), 0)).toMatchObject({ code: 'ERR_STATUS_LIST_SIGNATURE_INVALID' });
    expect(await check(issuer, await tokenList(issuer, 1, {}, { iss: 'did:example:else' }), 0)).toMatchObject({ code: 'ERR_STATUS_LIST_SIGNATURE_INVALID' });
  });

  it('a token whose list was altered after signing is ERR_STATUS_LIST_SIGNATURE_INVALID', async () => {
    const issuer = makeTestIssuer();
    const jwt = await tokenList(issuer, 2, { 5: TOKEN_STATUS.INVALID });
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    claims['status_list'] = { bits: 2, lst: 'eNpjYBgFo2AUDHcAAAQAAAE' };
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect(await check(issuer, tampered, 5)).toMatchObject({ status: 'unknown', code: 'ERR_STATUS_LIST_SIGNATURE_INVALID' });
  });

  it('a JWT that is not a Status List Token (typ) is ERR_STATUS_LIST_INVALID', async () => {
    const issuer = makeTestIssuer();
    const vcJwt = await w3cList(issuer, { url: TOKEN_URL });
    expect(await check(issuer, vcJwt, 0)).toMatchObject({ status: 'unknown', code: 'ERR_STATUS_LIST_INVALID' });
  });

  it('caches by the ttl claim (seconds) before Cache-Control', async () => {
    const issuer = makeTestIssuer();
    const web = fakeWeb({ [TOKEN_URL]: { body: await tokenList(issuer, 1, {}, { ttl: 10 }), cacheControl: 'max-age=3600' } });
    let clock = 0;
    const cache = new StatusListCache({ now: () => clock });
    const run = () => checkCredentialStatus({ statusClaim: tokenStatusClaim({ uri: TOKEN_URL, idx: 0 }), issuerDid: issuer.did, resolver, fetchStatusList: web.fetchStatusList, cache, now: NOW });
    await run();
    clock += 9_000;
    await run();
    clock += 2_000;
    await run();
    expect(web.requests).toHaveLength(2);
  });

  it.each([
    ['no status_list', { other: {} }],
    ['a negative idx', { status_list: { idx: -1, uri: TOKEN_URL } }],
    ['a string idx', { status_list: { idx: '1', uri: TOKEN_URL } }],
    ['no uri', { status_list: { idx: 1 } }],
  ])('%s: unknown with ERR_VC_MALFORMED', async (_name, statusClaim) => {
    const web = fakeWeb({});
    const [result] = await checkCredentialStatus({ statusClaim, issuerDid: 'did:example:1', resolver, fetchStatusList: web.fetchStatusList, cache: new StatusListCache(), now: NOW });
    expect(result).toMatchObject({ mechanism: 'TokenStatusList', status: 'unknown', code: 'ERR_VC_MALFORMED' });
  });
});

// What the browser wallet runs: the same check, with the platform's DecompressionStream in place of
// zlib and no Data Integrity (JSON-LD) verifier.
describe('checkStatusEntries, with decompression and HTTP injected', () => {
  const browserCheck = (options: { credentialStatus?: unknown; statusClaim?: unknown; issuerDid: string }, body: Record<string, string>) =>
    checkStatusEntries({ ...options, resolver, fetchStatusList: fakeWeb(body).fetchStatusList, decompress: decompressWithStreams, now: NOW });

  it('reads Bitstring and Token Status Lists as checkCredentialStatus does', async () => {
    const issuer = makeTestIssuer();
    const bitstring = { [REVOCATION_URL]: await w3cList(issuer, { set: [7] }) };
    for (const index of [6, 7]) {
      const node = await checkCredentialStatus({ credentialStatus: entry(index), issuerDid: issuer.did, resolver, fetchStatusList: fakeWeb(bitstring).fetchStatusList, cache: new StatusListCache(), now: NOW });
      expect(await browserCheck({ credentialStatus: entry(index), issuerDid: issuer.did }, bitstring)).toEqual(node);
    }
    const token = { [TOKEN_URL]: await tokenList(issuer, 2, { 1: TOKEN_STATUS.INVALID, 2: TOKEN_STATUS.SUSPENDED }) };
    const statuses = await Promise.all([0, 1, 2].map(async (idx) => (await browserCheck({ statusClaim: tokenStatusClaim({ uri: TOKEN_URL, idx }), issuerDid: issuer.did }, token))[0]?.status));
    expect(statuses).toEqual(['valid', 'revoked', 'suspended']);
  });

  it('a signed gzip bomb is ERR_STATUS_LIST_TOO_LARGE with DecompressionStream too', async () => {
    const issuer = makeTestIssuer();
    const bomb = `u${gzipSync(Buffer.alloc(16 * 1024 * 1024)).toString('base64url')}`;
    const [result] = await browserCheck({ credentialStatus: entry(1), issuerDid: issuer.did }, { [REVOCATION_URL]: await w3cList(issuer, { encodedList: bomb }) });
    expect(result).toMatchObject({ status: 'unknown', code: 'ERR_STATUS_LIST_TOO_LARGE' });
  });

  it('without a Data Integrity verifier, a list secured with a proof is not read (ERR_STATUS_LIST_INVALID)', async () => {
    const issuer = makeTestIssuer();
    const credential = buildStatusListCredential({ id: REVOCATION_URL, issuer: issuer.did, statusPurpose: 'revocation', encodedList: encodeBitstringList(new Bitstring()), validFrom: new Date('2026-09-01T00:00:00Z') });
    const proofed = JSON.stringify({ ...credential, proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' } });
    const [result] = await browserCheck({ credentialStatus: entry(1), issuerDid: issuer.did }, { [REVOCATION_URL]: proofed });
    expect(result).toMatchObject({ status: 'unknown', code: 'ERR_STATUS_LIST_INVALID' });
  });
});
