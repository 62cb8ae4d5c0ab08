/**
 * storeCredential for every format the issuer signs, and checkCredentialStatus against the real
 * issuer's status lists (W3C Bitstring Status List v1.0 for the W3C formats, the IETF Token Status
 * List for dc+sd-jwt): a real issuer over HTTP on 127.0.0.1, real signatures.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MemoryCredentialStore, MemoryKeyStore, MemorySharingLog, Wallet, type StoredCredential } from '../../src/index.js';
import { postJson, startServices, type Services } from '../../../../test/helpers/start-services.js';
import { trainingCredential } from '../../../../test/helpers/training-credential.js';

let services: Services;
let wallet: Wallet;
let holder: string;
let p256Holder: string;

beforeAll(async () => {
  services = await startServices();
  wallet = new Wallet({ keys: new MemoryKeyStore(), credentials: new MemoryCredentialStore(), log: new MemorySharingLog(), allowHttpLoopback: true });
  holder = await wallet.createHolder();
  p256Holder = await wallet.createHolder({ alg: 'ES256', method: 'did:jwk' });
});
afterAll(async () => {
  await services.close();
});

async function issue(format: string, to = holder, alg = 'EdDSA'): Promise<unknown> {
  const res = await postJson(
    `${services.issuerUrl}/orgs/${services.org.id}/credentials/issue`,
    { credential: trainingCredential(to), options: { format, alg } },
    { authorization: `Bearer ${services.apiKey}` },
  );
  expect(res.status).toBe(201);
  return res.body['verifiableCredential'];
}

async function change(stored: StoredCredential, action: 'revoke' | 'suspend' | 'reinstate'): Promise<void> {
  // The issuer's own id for the credential: its record for the last issue.
  const rows = (await services.issuer.db.query('SELECT id FROM sp_issued_credentials ORDER BY rowid DESC LIMIT 1')) as { id: string }[];
  const res = await postJson(
    `${services.issuerUrl}/orgs/${services.org.id}/credentials/${rows[0]!.id}/${action}`,
    { reason: action === 'reinstate' ? 'investigation_closed' : 'issued_in_error' },
    { authorization: `Bearer ${services.apiKey}` },
  );
  expect([res.status, stored.id.length > 0]).toEqual([200, true]);
}

describe.each([
  ['vc+jwt', 'EdDSA', 'BitstringStatusListEntry'],
  ['vc+jwt', 'ES256', 'BitstringStatusListEntry'],
  ['jwt_vc_json', 'EdDSA', 'BitstringStatusListEntry'],
  ['ldp_vc', 'EdDSA', 'BitstringStatusListEntry'],
  ['dc+sd-jwt', 'EdDSA', 'TokenStatusList'],
])('%s (issuer %s)', (format, alg, mechanism) => {
  let stored: StoredCredential;

  it('is stored with its catalogue type, holder, claims, validity and status entries', async () => {
    stored = await wallet.storeCredential(await issue(format, holder, alg));
    expect(stored).toMatchObject({ format, types: ['TrainingRecord'], issuer: services.org.did, holder });
    expect(stored.claims).toHaveProperty('training');
    expect(stored.claims).not.toHaveProperty('id');
    expect(stored.validUntil).toEqual(expect.any(String));
    expect(stored.validFrom).toEqual(expect.any(String));
    if (mechanism === 'TokenStatusList') expect(stored.status).toMatchObject({ status_list: { idx: expect.any(Number), uri: expect.any(String) } });
    else expect(JSON.stringify(stored.status)).toContain('BitstringStatusListEntry');
    expect((await wallet.listCredentials({ format: format as StoredCredential['format'] })).map((c) => c.id)).toContain(stored.id);
  });

  it('checks valid, then revoked after the issuer revokes it', async () => {
    expect((await wallet.checkCredentialStatus(stored.id)).status).toBe('valid');
    await change(stored, 'revoke');
    const after = await wallet.checkCredentialStatus(stored);
    expect(after.status).toBe('revoked');
    expect(after.entries.map((e) => e.code)).toContain('ERR_STATUS_REVOKED');
  });
});

describe('storeCredential', () => {
  it('binds an SD-JWT VC to the wallet key its cnf names (a P-256 did:jwk holder)', async () => {
    const stored = await wallet.storeCredential(await issue('dc+sd-jwt', p256Holder));
    expect(stored.holder).toBe(p256Holder);
    expect(stored.vct).toEqual(expect.stringContaining('training-record'));
    // Every disclosed claim is kept, not only the always-visible ones.
    expect(Object.keys(stored.claims['training'] as object).length).toBeGreaterThan(2);
  });

  it('refuses a credential issued to someone else (ERR_VP_HOLDER_MISMATCH), in every format', async () => {
    const stranger = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
    for (const format of ['vc+jwt', 'jwt_vc_json', 'ldp_vc', 'dc+sd-jwt']) {
      await expect(wallet.storeCredential(await issue(format, stranger))).rejects.toMatchObject({ code: 'ERR_VP_HOLDER_MISMATCH' });
    }
  });

  it('refuses what is not a credential (ERR_VC_MALFORMED)', async () => {
    await expect(wallet.storeCredential('not a jwt')).rejects.toMatchObject({ code: 'ERR_VC_MALFORMED' });
    await expect(wallet.storeCredential(42)).rejects.toMatchObject({ code: 'ERR_VC_MALFORMED' });
  });
});

describe('checkCredentialStatus', () => {
  it('reports a suspension, and valid again after reinstatement', async () => {
    const stored = await wallet.storeCredential(await issue('vc+jwt'));
    await change(stored, 'suspend');
    expect((await wallet.checkCredentialStatus(stored)).status).toBe('suspended');
    await change(stored, 'reinstate');
    expect((await wallet.checkCredentialStatus(stored)).status).toBe('valid');
  });

  it('fetches only the list: no cookies, no referrer, no query string, no credential id', async () => {
    const stored = await wallet.storeCredential(await issue('dc+sd-jwt'));
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const spy: typeof fetch = (input, init) => {
      seen.push({ url: String(input), init });
      return fetch(input, init);
    };
    const watched = new Wallet({ ...wallet.parts, fetch: spy });
    expect((await watched.checkCredentialStatus(stored)).status).toBe('valid');
    const listFetch = seen.find((s) => s.url === (stored.status as { status_list: { uri: string } }).status_list.uri);
    expect(listFetch).toBeDefined();
    expect(listFetch!.init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer' });
    expect(Object.keys(listFetch!.init!.headers as object)).toEqual(['accept']);
    expect(seen.every((s) => !s.url.includes(stored.id) && !s.url.includes(holder))).toBe(true);
  });

  it('is unknown (never throws) when the list cannot be fetched or is signed by someone else', async () => {
    const stored = await wallet.storeCredential(await issue('vc+jwt'));
    const offline = new Wallet({ ...wallet.parts, fetch: () => Promise.reject(new Error('offline')) });
    const unreachable = await offline.checkCredentialStatus(stored);
    expect(unreachable.status).toBe('unknown');
    expect(unreachable.entries.map((e) => e.code)).toEqual(['ERR_STATUS_UNKNOWN', 'ERR_STATUS_UNKNOWN']);
    // The list is signed by the real issuer, not the one this (edited) credential names.
    const forged = await wallet.checkCredentialStatus({ ...stored, issuer: 'did:web:127.0.0.1%3A1:someone-else' });
    expect(forged.status).toBe('unknown');
    expect(forged.entries.map((e) => e.code)).toContain('ERR_STATUS_LIST_SIGNATURE_INVALID');
  });

  it('is valid with no entries for a credential without status', async () => {
    const stored = await wallet.storeCredential(await issue('vc+jwt'));
    const { status: _s, ...bare } = stored;
    expect(await wallet.checkCredentialStatus(bare)).toMatchObject({ status: 'valid', entries: [] });
  });
});
