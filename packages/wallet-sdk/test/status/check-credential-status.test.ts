/**
 * The wallet's status check on Bitstring Status Lists (v1.0) signed by a did:jwk issuer and served
 * by a fake fetch: the bit read for each purpose, and every list it cannot trust answered
 * `unknown` with the code saying why, never a throw. The request tells the issuer nothing but the
 * list's URL. Entries as named data (a regression suite for the wallet's use of core's check).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { Bitstring, createNodeJwsSigner, encodeBitstringList, signVcJose } from '@staff-passport/core';
import { checkCredentialStatus } from '../../src/status/check-credential-status.js';
import type { StoredCredential } from '../../src/stores/credential-store.js';
import { fakeFetch, type FakeRoute } from '../lib/fake-fetch.js';

const NOW = new Date('2026-03-01T09:00:00Z');
const LISTS = 'https://issuer.example/status';

interface Issuer {
  did: string;
  sign(credential: Record<string, unknown>): Promise<string>;
}

function makeIssuer(): Issuer {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519') as { publicKey: KeyObject; privateKey: KeyObject };
  const did = `did:jwk:${Buffer.from(JSON.stringify(publicKey.export({ format: 'jwk' }))).toString('base64url')}`;
  const signer = createNodeJwsSigner({ privateKey, kid: `${did}#0` });
  return { did, sign: (credential) => signVcJose({ credential, signer }) };
}

let issuer: Issuer;
let stranger: Issuer;
const routes: Record<string, FakeRoute> = {};

function listCredential(id: string, by: Issuer, purpose: string, setIndexes: number[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const bits = new Bitstring();
  for (const i of setIndexes) bits.set(i, 1);
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: by.did,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: `${id}#list`, type: 'BitstringStatusList', statusPurpose: purpose, encodedList: encodeBitstringList(bits) },
    ...extra,
  };
}

async function serve(name: string, by: Issuer, purpose: string, setIndexes: number[], extra: Record<string, unknown> = {}): Promise<void> {
  const jwt = await by.sign(listCredential(`${LISTS}/${name}`, by, purpose, setIndexes, extra));
  routes[`GET ${LISTS}/${name}`] = () => ({ text: jwt });
}

const entry = (list: string, index: number | string, purpose = 'revocation', extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'BitstringStatusListEntry',
  statusPurpose: purpose,
  statusListIndex: String(index),
  statusListCredential: list.includes(':') ? list : `${LISTS}/${list}`,
  ...extra,
});

function credentialWith(status: unknown): StoredCredential {
  return { id: 'urn:uuid:c1', format: 'vc+jwt', raw: 'not read', types: ['TrainingRecord'], issuer: issuer.did, holder: 'did:jwk:holder', claims: {}, storedAt: NOW.toISOString(), ...(status === undefined ? {} : { status }) };
}

beforeAll(async () => {
  issuer = makeIssuer();
  stranger = makeIssuer();
  await serve('revocation', issuer, 'revocation', [7]);
  await serve('suspension', issuer, 'suspension', [9]);
  await serve('by-another-issuer', stranger, 'revocation', []);
  await serve('expired', issuer, 'revocation', [], { validUntil: '2026-02-01T00:00:00Z' });
  await serve('not-yet-valid', issuer, 'revocation', [], { validFrom: '2026-04-01T00:00:00Z' });
  await serve('misnamed', issuer, 'revocation', [], { id: `${LISTS}/somewhere-else` });
  routes[`GET ${LISTS}/gone`] = () => ({ status: 404 });
  routes[`GET ${LISTS}/not-a-jwt`] = () => ({ text: 'hello' });
});

describe('checkCredentialStatus', () => {
  const cases: [name: string, status: unknown, overall: string, code: string | undefined][] = [
    ['bit-clear-valid', entry('revocation', 6), 'valid', undefined],
    ['bit-set-revoked', entry('revocation', 7), 'revoked', 'ERR_STATUS_REVOKED'],
    ['suspension-bit-set-suspended', entry('suspension', 9, 'suspension'), 'suspended', 'ERR_STATUS_SUSPENDED'],
    ['list-answers-404-unknown', entry('gone', 1), 'unknown', 'ERR_STATUS_UNKNOWN'],
    ['list-not-a-jwt-unknown', entry('not-a-jwt', 1), 'unknown', 'ERR_STATUS_LIST_INVALID'],
    ['list-signed-by-another-issuer-unknown', entry('by-another-issuer', 1), 'unknown', 'ERR_STATUS_LIST_SIGNATURE_INVALID'],
    ['list-for-another-purpose-unknown', entry('revocation', 1, 'suspension'), 'unknown', 'ERR_STATUS_LIST_INVALID'],
    ['list-expired-unknown', entry('expired', 1), 'unknown', 'ERR_STATUS_LIST_INVALID'],
    ['list-not-yet-valid-unknown', entry('not-yet-valid', 1), 'unknown', 'ERR_STATUS_LIST_INVALID'],
    ['list-naming-another-url-unknown', entry('misnamed', 1), 'unknown', 'ERR_STATUS_LIST_INVALID'],
    // The wallet answers with core's status check (issue 22 item 2), so with the verifier's codes.
    ['index-not-an-integer-string-unknown', entry('revocation', '7a'), 'unknown', 'ERR_VC_MALFORMED'],
    ['list-url-not-http-unknown', entry('ftp://issuer.example/status/revocation', 1), 'unknown', 'ERR_STATUS_UNKNOWN'],
    ['status-size-unsupported-unknown', entry('revocation', 1, 'revocation', { statusSize: 9 }), 'unknown', 'ERR_STATUS_UNKNOWN'],
    ['not-a-bitstring-entry-unknown', { type: 'StatusList2021Entry', statusPurpose: 'revocation' }, 'unknown', 'ERR_STATUS_UNKNOWN'],
  ];
  it.each(cases)('%s', async (_name, status, overall, code) => {
    const { fetch } = fakeFetch(routes);
    const check = await checkCredentialStatus(credentialWith(status), { fetch, now: () => NOW });
    expect(check.status).toBe(overall);
    expect(check.checkedAt).toBe(NOW.toISOString());
    expect(check.entries).toHaveLength(1);
    expect(check.entries[0]!.code).toBe(code);
  });

  it('answers the worst of several entries, revoked before suspended before unknown', async () => {
    const { fetch } = fakeFetch(routes);
    const check = await checkCredentialStatus(credentialWith([entry('gone', 1), entry('suspension', 9, 'suspension'), entry('revocation', 7)]), { fetch, now: () => NOW });
    expect(check.status).toBe('revoked');
    expect(check.entries.map((e) => e.status)).toEqual(['unknown', 'suspended', 'revoked']);
  });

  it('is valid with no entries for a credential without status, and fetches nothing', async () => {
    const { fetch, requests } = fakeFetch(routes);
    await expect(checkCredentialStatus(credentialWith(undefined), { fetch, now: () => NOW })).resolves.toEqual({ status: 'valid', checkedAt: NOW.toISOString(), entries: [] });
    expect(requests).toEqual([]);
  });

  it('asks for the whole list by its URL only: the fragment naming the entry is never sent', async () => {
    const { fetch, requests } = fakeFetch(routes);
    await checkCredentialStatus(credentialWith(entry(`${LISTS}/revocation#7`, 7)), { fetch, now: () => NOW });
    expect(requests.map((r) => r.url)).toEqual([`${LISTS}/revocation`]);
  });
});
