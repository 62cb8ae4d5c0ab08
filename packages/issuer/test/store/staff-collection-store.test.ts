/**
 * The staff collection store's contract on SQLite and PostgreSQL: one person claim per
 * organisation, replaced by the next put, with its wallet redirect URIs; an authorization request signed in once, its code used
 * once; access tokens found by their hash. (Held offers are exercised end to end in
 * test/interop/staff-collection.test.ts.)
 */
import { expect, it } from '@jest/globals';
import { createStaffCollectionStore, type CollectionRequestRow } from '../../src/store/staff-collection-store.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { issuerDatabase } from './helpers/issuer-database.js';

function request(id: string): CollectionRequestRow {
  return { id, org_id: 'org_a', sealed: 'v1.sealed', status: 'signing_in', code_hash: null, person_number: null, expires_at: '2026-12-01T10:10:00.000Z' };
}

describeEngines('the staff collection store', (engine) => {
  const db = issuerDatabase(engine, ['org_a', 'org_b']);

  it('keeps one person claim per organisation, replaced by the next put', async () => {
    const store = createStaffCollectionStore(db());
    expect(await store.findPersonClaim('org_a')).toBeUndefined();
    await store.putPersonClaim('org_a', 'employee_number', '2026-12-01T10:00:00.000Z');
    await store.putPersonClaim('org_a', 'esr_person_number', '2026-12-01T11:00:00.000Z');
    expect(await store.findPersonClaim('org_a')).toBe('esr_person_number');
    expect(await store.findPersonClaim('org_b')).toBeUndefined();
  });

  it("keeps an organisation's wallet redirect URIs beside its claim: none until put, kept when the claim changes, cleared by null", async () => {
    const store = createStaffCollectionStore(db());
    await store.putPersonClaim('org_b', 'employee_number', '2026-12-01T10:00:00.000Z');
    expect(await store.findWalletRedirectUris('org_b')).toBeUndefined();
    await store.putWalletRedirectUris('org_b', ['https://wallet.test/cb', 'uk.nhs.staffpassport:/cb'], '2026-12-01T10:01:00.000Z');
    await store.putPersonClaim('org_b', 'esr_person_number', '2026-12-01T10:02:00.000Z');
    expect(await store.findWalletRedirectUris('org_b')).toEqual(['https://wallet.test/cb', 'uk.nhs.staffpassport:/cb']);
    await store.putWalletRedirectUris('org_b', null, '2026-12-01T10:03:00.000Z');
    expect(await store.findWalletRedirectUris('org_b')).toBeUndefined();
  });

  it('signs a request in once and uses its code once, found by the code within its organisation only', async () => {
    const store = createStaffCollectionStore(db());
    await store.insertRequest(request('car_1'));
    expect(await store.findRequest('car_1')).toEqual(request('car_1'));
    expect(await store.signIn('car_1', 'hash-1', '10000001')).toBe(true);
    expect(await store.signIn('car_1', 'hash-2', '10000002')).toBe(false);
    expect(await store.findRequestByCode('org_b', 'hash-1')).toBeUndefined();
    expect(await store.findRequestByCode('org_a', 'hash-1')).toMatchObject({ id: 'car_1', status: 'signed_in', person_number: '10000001' });
    expect(await store.useCode('car_1')).toBe(true);
    expect(await store.useCode('car_1')).toBe(false);
  });

  it('finds access tokens by their hash', async () => {
    const store = createStaffCollectionStore(db());
    const row = { token_hash: 'th-1', org_id: 'org_a', person_number: '10000001', grants: '{}', expires_at: '2026-12-01T10:10:00.000Z' };
    await store.insertToken(row);
    expect(await store.findToken('th-1')).toEqual(row);
    expect(await store.findToken('th-2')).toBeUndefined();
    expect(await store.listWaiting('org_a', '10000001', '2026-12-01T10:00:00.000Z')).toEqual([]);
  });
});
