/**
 * The request store's contract on SQLite and PostgreSQL: a presentation request and its
 * OpenID4VP state written by one instance are read, fetched, answered or refused by the other,
 * and expired requests are deleted with their state.
 */
import { expect, it } from '@jest/globals';
import type { Oid4vpRequestRow, RequestRow } from '../../src/store/request-store.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { twoVerifierDatabases } from './helpers/two-verifier-databases.js';

const CREATED = '2026-12-01T10:00:00.000Z';
const EXPIRES = '2026-12-01T10:10:00.000Z';

function request(id: string, expiresAt = EXPIRES): RequestRow {
  return { id, profile_id: 'registered-nurse-band-5-acute', start_date: '2027-01-04', nonce: `nonce-${id}`, state: 'pending', purpose: null, created_at: CREATED, expires_at: expiresAt, result_id: null, audience: 'decentralized_identifier:did:web:verifier.example', move: 'tupe_transfer' };
}

function oid4vp(id: string, expiresAt = EXPIRES): Omit<Oid4vpRequestRow, 'wallet_error' | 'wallet_error_description' | 'findings' | 'fetched_at' | 'answered_at'> {
  return { id, client_id: 'decentralized_identifier:did:web:verifier.example', state_token: `state-${id}`, query_language: 'dcql', status: 'pending', created_at: CREATED, expires_at: expiresAt };
}

describeEngines('the request store', (engine) => {
  const both = twoVerifierDatabases(engine, 'requests');

  it('reads on one instance a request made on the other, and marks it answered', async () => {
    const [first, second] = both().stores;
    await first.requests.insert(request('req_a'));
    expect(await second.requests.find('req_a')).toEqual(request('req_a'));
    await second.requests.markAnswered('req_a', 'res_a');
    expect(await first.requests.find('req_a')).toEqual({ ...request('req_a'), state: 'answered', result_id: 'res_a' });
    expect(await first.requests.find('req_none')).toBeUndefined();
  });

  it('keeps the OpenID4VP state: first fetch, then an answer with findings', async () => {
    const [first, second] = both().stores;
    await first.requests.insert(request('req_b'));
    await first.requests.insertOid4vp(oid4vp('req_b'));
    const fresh = await second.requests.findOid4vp('req_b');
    expect(fresh).toEqual({ ...oid4vp('req_b'), wallet_error: null, wallet_error_description: null, findings: null, fetched_at: null, answered_at: null });
    await second.requests.markOid4vpFetched('req_b', '2026-12-01T10:01:00.000Z');
    await first.requests.markOid4vpFetched('req_b', '2026-12-01T10:02:00.000Z');
    await first.requests.markOid4vpAnswered('req_b', '[]', '2026-12-01T10:03:00.000Z');
    expect(await second.requests.findOid4vp('req_b')).toMatchObject({ status: 'answered', findings: '[]', fetched_at: '2026-12-01T10:01:00.000Z', answered_at: '2026-12-01T10:03:00.000Z' });
  });

  it('keeps a wallet refusal', async () => {
    const [first, second] = both().stores;
    await first.requests.insertOid4vp(oid4vp('req_c'));
    await second.requests.markOid4vpRefused('req_c', 'access_denied', null, '2026-12-01T10:04:00.000Z');
    expect(await first.requests.findOid4vp('req_c')).toMatchObject({ status: 'refused', wallet_error: 'access_denied', wallet_error_description: null, answered_at: '2026-12-01T10:04:00.000Z' });
  });

  it('deletes requests that expired before a time, with their OpenID4VP state', async () => {
    const { requests } = both().stores[0];
    await requests.insert(request('req_old', '2026-11-01T00:00:00.000Z'));
    await requests.insertOid4vp(oid4vp('req_old', '2026-11-01T00:00:00.000Z'));
    expect(await requests.deleteExpired('2026-11-15T00:00:00.000Z')).toBe(1);
    expect(await requests.find('req_old')).toBeUndefined();
    expect(await requests.findOid4vp('req_old')).toBeUndefined();
    expect(await requests.find('req_a')).toBeDefined();
  });
});
