/**
 * listIssuedCredentials refuses a query it cannot answer, by field, before reading anything; the
 * listing itself is run over HTTP and the console (journeys/status-lists, console tests). Refusals
 * as named data.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getIssuedCredential, listIssuedCredentials, type CredentialQuery } from '../../src/credentials/list-issued-credentials.js';
import { startIssuerContext, type TestIssuer } from '../auth/helpers/start-issuer-context.js';

let issuer: TestIssuer;
let orgId: string;

beforeAll(async () => {
  issuer = await startIssuerContext();
  orgId = await issuer.addOrganisation('Trust A');
});
afterAll(() => issuer?.close());

describe('listIssuedCredentials', () => {
  const refusals: [name: string, query: CredentialQuery, field: string][] = [
    ['limit-zero-fail', { limit: 0 }, 'limit'],
    ['limit-above-500-fail', { limit: 501 }, 'limit'],
    ['limit-not-whole-fail', { limit: 2.5 }, 'limit'],
    ['status-unknown-fail', { status: 'expired' as CredentialQuery['status'] }, 'status'],
    ['subject-hash-upper-case-fail', { subjectHash: 'A'.repeat(64) }, 'subjectHash'],
    ['subject-hash-short-fail', { subjectHash: 'a'.repeat(63) }, 'subjectHash'],
    ['before-and-after-fail', { before: 'urn:uuid:1', after: 'urn:uuid:2' }, 'after'],
    ['person-reference-only-spaces-fail', { personReference: '   ' }, 'personReference'],
    ['person-reference-too-long-fail', { personReference: 'x'.repeat(201) }, 'personReference'],
  ];
  it.each(refusals)('%s', async (_name, query, field) => {
    await expect(listIssuedCredentials(issuer.ctx, orgId, query)).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID', field });
  });

  it('answers an empty page for an organisation that issued nothing, whatever the filters', async () => {
    await expect(listIssuedCredentials(issuer.ctx, orgId, {})).resolves.toEqual([]);
    await expect(listIssuedCredentials(issuer.ctx, orgId, { subject: 'did:key:z6Mk', status: 'revoked', personReference: 'Okafor', limit: 500 })).resolves.toEqual([]);
  });
});

describe('getIssuedCredential', () => {
  it('answers ERR_CREDENTIAL_NOT_FOUND for an id the organisation did not issue', async () => {
    await expect(getIssuedCredential(issuer.ctx, orgId, 'urn:uuid:0190a4b4-0000-7000-8000-000000000000')).rejects.toMatchObject({ code: 'ERR_CREDENTIAL_NOT_FOUND' });
  });
});
