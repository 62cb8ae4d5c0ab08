/**
 * pollDeferred (OpenID4VCI 1.0, section 9): asks the deferred credential endpoint once with the
 * transaction id and the access token; 202 (and the draft 400 `issuance_pending`) keeps it pending
 * with the issuer's new interval; 200 stores the verified credential, sends `credential_accepted`
 * (section 11.1) and logs `received`; the issuer's errors are ERR_WALLET_ISSUER_ERROR with its
 * `error` as the field.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import type { HolderKey } from '../../src/keys/key-store.js';
import { MemoryCredentialStore } from '../../src/memory/memory-credential-store.js';
import { MemoryKeyStore } from '../../src/memory/memory-key-store.js';
import { MemorySharingLog } from '../../src/memory/memory-sharing-log.js';
import { pollDeferred, type PendingCredential } from '../../src/offers/index.js';
import type { WalletParts } from '../../src/wallet-parts.js';
import { fakeFetch, type FakeFetch, type FakeRoute } from '../lib/fake-fetch.js';
import { DEFERRED, ISSUER, NOTIFICATION, didDocumentRoute, ed25519, vcJwt } from './helpers/fake-issuer.js';

let deferred: FakeRoute;
let fake: FakeFetch;
let parts: WalletParts;
let holder: HolderKey;

function pending(): PendingCredential {
  return {
    credentialIssuer: ISSUER,
    issuerName: 'Example NHS Trust',
    organisation: { name: 'Example NHS Trust', odsCode: 'RX1' },
    configurationId: 'TrainingRecord_jwt_vc_json',
    format: 'jwt_vc_json',
    transactionId: 'tx-1',
    interval: 5,
    deferredCredentialEndpoint: DEFERRED,
    notificationEndpoint: NOTIFICATION,
    accessToken: 'token-1',
    tokenType: 'Bearer',
    holders: [holder.did],
  };
}

beforeEach(async () => {
  fake = fakeFetch({ ...didDocumentRoute(), [`POST ${DEFERRED}`]: (body) => deferred(body), [`POST ${NOTIFICATION}`]: () => ({ status: 204 }) });
  parts = { keys: new MemoryKeyStore(), credentials: new MemoryCredentialStore(), log: new MemorySharingLog(), fetch: fake.fetch, now: () => new Date('2026-03-01T10:00:00Z') };
  holder = await parts.keys.createKey({ alg: 'EdDSA', method: 'did:key' });
});

describe('pollDeferred', () => {
  it('not ready (202): still pending, with the interval the issuer asks for; nothing stored or logged', async () => {
    deferred = () => ({ status: 202, body: { transaction_id: 'tx-1', interval: 30 } });
    const result = await pollDeferred(parts, pending());
    expect(result).toEqual({ credentials: [], pending: [{ ...pending(), interval: 30 }] });
    const request = fake.requests.find((r) => r.url === DEFERRED)!;
    expect(JSON.parse(request.body!)).toEqual({ transaction_id: 'tx-1' });
    expect(await parts.credentials.list()).toEqual([]);
    expect(await parts.log.list()).toEqual([]);
  });

  it('a draft issuer answering 400 issuance_pending: still pending', async () => {
    deferred = () => ({ status: 400, body: { error: 'issuance_pending', interval: 60 } });
    expect((await pollDeferred(parts, pending())).pending).toEqual([{ ...pending(), interval: 60 }]);
  });

  it('ready (200): stored, acknowledged and logged as received from the organisation', async () => {
    const credential = await vcJwt(holder.did);
    deferred = () => ({ body: { credentials: [{ credential }], notification_id: 'note-9' } });
    const result = await pollDeferred(parts, pending());
    expect(result.pending).toEqual([]);
    expect(result.credentials.map((c) => [c.types[0], c.holder, c.offer])).toEqual([['TrainingRecord', holder.did, { credentialIssuer: ISSUER, credentialConfigurationId: 'TrainingRecord_jwt_vc_json', notificationId: 'note-9' }]]);
    expect(await parts.credentials.list()).toHaveLength(1);
    const note = fake.requests.find((r) => r.url === NOTIFICATION)!;
    expect(JSON.parse(note.body!)).toEqual({ notification_id: 'note-9', event: 'credential_accepted' });
    const [entry] = await parts.log.list();
    expect(entry).toMatchObject({ action: 'received', counterparty: { id: ISSUER, name: 'Example NHS Trust', organisation: { name: 'Example NHS Trust', odsCode: 'RX1' } }, credentialTypes: ['TrainingRecord'] });
  });

  it('ready but forged: refused, credential_failure sent, nothing stored or logged', async () => {
    const credential = await vcJwt(holder.did, { signWith: ed25519().privateKey });
    deferred = () => ({ body: { credentials: [{ credential }], notification_id: 'note-9' } });
    await expect(pollDeferred(parts, pending())).rejects.toMatchObject({ code: 'ERR_WALLET_ISSUER_ERROR', field: 'credential' });
    expect(JSON.parse(fake.requests.find((r) => r.url === NOTIFICATION)!.body!)).toEqual({ notification_id: 'note-9', event: 'credential_failure' });
    expect(await parts.credentials.list()).toEqual([]);
    expect(await parts.log.list()).toEqual([]);
  });

  it("the issuer's error (invalid_transaction_id) is ERR_WALLET_ISSUER_ERROR naming it", async () => {
    deferred = () => ({ status: 400, body: { error: 'invalid_transaction_id' } });
    await expect(pollDeferred(parts, pending())).rejects.toMatchObject({ code: 'ERR_WALLET_ISSUER_ERROR', field: 'invalid_transaction_id' });
  });

  it('the holder key deleted meanwhile: ERR_WALLET_KEY_NOT_FOUND, and the issuer is not asked', async () => {
    const state = pending();
    await parts.keys.deleteKey(holder.did);
    deferred = () => ({ status: 202, body: { transaction_id: 'tx-1' } });
    await expect(pollDeferred(parts, state)).rejects.toMatchObject({ code: 'ERR_WALLET_KEY_NOT_FOUND', field: 'holders' });
    expect(fake.requests).toEqual([]);
  });
});
