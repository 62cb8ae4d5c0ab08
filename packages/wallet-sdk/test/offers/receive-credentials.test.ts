/**
 * Receiving verifies before storing (OpenID4VCI 1.0, section 8.3; notification, section 11.1):
 * each format signed by the credential issuer's did:web is stored and acknowledged
 * (`credential_accepted`); a bad signature, another issuer, or an ldp_vc proof by a key the issuer
 * does not list is refused with ERR_WALLET_ISSUER_ERROR, nothing is stored, and the issuer is told
 * `credential_failure`.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import type { HolderKey } from '../../src/keys/key-store.js';
import { MemoryCredentialStore } from '../../src/memory/memory-credential-store.js';
import { MemoryKeyStore } from '../../src/memory/memory-key-store.js';
import { MemorySharingLog } from '../../src/memory/memory-sharing-log.js';
import { receiveCredentials, type CredentialResponseContext } from '../../src/offers/lib/receive-credentials.js';
import type { WalletParts } from '../../src/wallet-parts.js';
import { fakeFetch, type FakeFetch } from '../lib/fake-fetch.js';
import { ISSUER, NOTIFICATION, credentialAnswer, didDocumentRoute, ed25519, ldpVc, sdJwtVc, vcJwt } from './helpers/fake-issuer.js';

let fake: FakeFetch;
let parts: WalletParts;
let holder: HolderKey;

function context(format: string): CredentialResponseContext {
  return { credentialIssuer: ISSUER, configurationId: `TrainingRecord_${format}`, format, holders: [holder], accessToken: 'token-1', tokenType: 'Bearer', notificationEndpoint: NOTIFICATION };
}

function notified(): string[] {
  return fake.requests.filter((r) => r.url === NOTIFICATION).map((r) => (JSON.parse(r.body!) as { event: string }).event);
}

beforeEach(async () => {
  fake = fakeFetch({ ...didDocumentRoute(), [`POST ${NOTIFICATION}`]: () => ({ status: 204 }) });
  parts = { keys: new MemoryKeyStore(), credentials: new MemoryCredentialStore(), log: new MemorySharingLog(), fetch: fake.fetch, now: () => new Date('2026-03-01T10:00:00Z') };
  holder = await parts.keys.createKey({ alg: 'EdDSA', method: 'did:key' });
});

describe('credentials signed by the credential issuer are stored and acknowledged', () => {
  it.each([
    ['jwt_vc_json', async () => vcJwt(holder.did)],
    ['dc+sd-jwt', async () => sdJwtVc(holder.publicJwk)],
    ['ldp_vc', async () => ldpVc(holder.did)],
  ])('%s', async (format, make) => {
    const result = await receiveCredentials(parts, credentialAnswer([await make()]), context(format), 'the credential endpoint');
    expect('stored' in result && result.stored.map((c) => [c.format, c.issuer, c.holder])).toEqual([[format, 'did:web:issuer.example:orgs:rx1', holder.did]]);
    expect(await parts.credentials.list()).toHaveLength(1);
    expect(notified()).toEqual(['credential_accepted']);
  });
});

describe('credentials that do not verify are refused: ERR_WALLET_ISSUER_ERROR, nothing stored, credential_failure', () => {
  const forger = ed25519();
  it.each([
    ['jwt_vc_json signed by another key', 'jwt_vc_json', async () => vcJwt(holder.did, { signWith: forger.privateKey })],
    ['jwt_vc_json issued by another DID', 'jwt_vc_json', async () => vcJwt(holder.did, { iss: 'did:web:elsewhere.example' })],
    ['dc+sd-jwt signed by another key', 'dc+sd-jwt', async () => sdJwtVc(holder.publicJwk, { signWith: forger.privateKey })],
    ['ldp_vc whose proof names a key of another DID', 'ldp_vc', async () => ({ ...ldpVc(holder.did), proof: { ...(ldpVc(holder.did)['proof'] as object), verificationMethod: 'did:web:elsewhere.example#key-1' } })],
    ['ldp_vc whose proof names a key the issuer does not list', 'ldp_vc', async () => ldpVc(holder.did, 'did:web:issuer.example:orgs:rx1#key-9')],
  ])('%s', async (_name, format, make) => {
    await expect(receiveCredentials(parts, credentialAnswer([await make()]), context(format), 'the credential endpoint')).rejects.toMatchObject({ code: 'ERR_WALLET_ISSUER_ERROR', field: 'credential' });
    expect(await parts.credentials.list()).toEqual([]);
    expect(notified()).toEqual(['credential_failure']);
  });

  it('one bad credential in a batch: none of the batch is stored', async () => {
    const answer = credentialAnswer([await vcJwt(holder.did), await vcJwt(holder.did, { signWith: forger.privateKey })]);
    await expect(receiveCredentials(parts, answer, context('jwt_vc_json'), 'the credential endpoint')).rejects.toMatchObject({ code: 'ERR_WALLET_ISSUER_ERROR' });
    expect(await parts.credentials.list()).toEqual([]);
    expect(notified()).toEqual(['credential_failure']);
  });

  it('a credential bound to a key the wallet did not offer is refused the same way', async () => {
    const other = await parts.keys.createKey({ alg: 'EdDSA', method: 'did:key' });
    await expect(receiveCredentials(parts, credentialAnswer([await vcJwt(other.did)]), context('jwt_vc_json'), 'the credential endpoint')).rejects.toMatchObject({ code: 'ERR_WALLET_ISSUER_ERROR', field: 'credential' });
    expect(notified()).toEqual(['credential_failure']);
  });
});
