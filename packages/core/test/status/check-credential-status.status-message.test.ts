/**
 * Status messages (Bitstring Status List v1.0, section 2.1: `statusSize` and `statusMessage`;
 * section 3.2, "Validate Algorithm"): an entry of a `message` list with `statusSize` 2 reads its
 * two-bit value, reports the `statusMessage` the entry gives for it, and does not invalidate the
 * credential. The lists the staff passport publishes (revocation, suspension) use one bit and no
 * messages; these are other issuers' lists.
 */
import { describe, expect, it } from '@jest/globals';
import { createDidResolver } from '../../src/did/create-did-resolver.js';
import { signVcJose } from '../../src/jose/sign-vc-jose.js';
import { Bitstring, StatusListCache, checkCredentialStatus, encodeBitstringList } from '../../src/status/index.js';
import { makeTestIssuer } from './make-test-issuer.js';

const URL_ = 'https://hr.example/status/7/message';
const NOW = new Date('2026-10-01T09:00:00Z');

describe('a message status list with statusSize 2 (section 2.1)', () => {
  it('reports each value with its statusMessage, and never fails the credential for it', async () => {
    const issuer = makeTestIssuer();
    const list = new Bitstring({ size: 131_072, statusSize: 2 });
    list.set(40, 1);
    list.set(41, 2);
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: URL_,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: issuer.did,
      validFrom: '2026-09-01T00:00:00Z',
      credentialSubject: { id: `${URL_}#list`, type: 'BitstringStatusList', statusPurpose: 'message', encodedList: encodeBitstringList(list) },
    };
    const jwt = await signVcJose({ credential, signer: issuer.signer });
    const statusMessage = [
      { status: '0x0', message: 'pending review' },
      { status: '0x1', message: 'accepted' },
      { status: '0x2', message: 'rejected' },
    ];
    const entry = (index: number) => ({ type: 'BitstringStatusListEntry', statusPurpose: 'message', statusListIndex: String(index), statusListCredential: URL_, statusSize: 2, statusMessage });
    const results = await checkCredentialStatus({
      credentialStatus: [entry(39), entry(40), entry(41)],
      issuerDid: issuer.did,
      resolver: createDidResolver(),
      fetchStatusList: async () => ({ body: jwt }),
      cache: new StatusListCache(),
      now: NOW,
    });
    expect(results.map((r) => [r.status, r.value, r.message])).toEqual([
      ['valid', 0, 'message status 0x0: pending review'],
      ['valid', 1, 'message status 0x1: accepted'],
      ['valid', 2, 'message status 0x2: rejected'],
    ]);
  });
});
