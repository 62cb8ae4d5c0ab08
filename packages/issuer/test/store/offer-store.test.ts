/**
 * The offer store's contract on SQLite and PostgreSQL: offers found by id and by code within
 * their organisation, and every change of state one conditional statement that one of many
 * racing requests (on two connections, as two instances) wins: transaction-code tries (five of
 * twelve guesses sent at once), the lock-out, the code's redemption, expiry.
 */
import { expect, it } from '@jest/globals';
import { createOfferDeliveryStore } from '../../src/store/offer-delivery-store.js';
import { createOfferStore } from '../../src/store/offer-store.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { offerRow } from './helpers/offer-row.js';
import { twoIssuerDatabases } from './helpers/two-issuer-databases.js';

const AT = '2026-12-01T10:00:00.000Z';
const LATER = '2026-12-01T10:01:00.000Z';
describeEngines('the offer store', (engine) => {
  const both = twoIssuerDatabases(engine, 'offers');
  const stores = () => both().dbs.map((db) => createOfferStore(db));

  it('keeps an offer and finds it by id and by code hash, within its organisation only', async () => {
    const { orgId, otherOrgId } = both();
    const [offers, other] = stores();
    const row = offerRow(orgId, { person_ref: 'Amara Okafor', person_ref_key: 'amara okafor' });
    await offers!.insert(row);
    expect(await other!.find(orgId, row.id)).toEqual(row);
    expect(await other!.findByCodeHash(orgId, row.code_hash)).toEqual(row);
    expect(await offers!.find(otherOrgId, row.id)).toBeUndefined();
    expect(await offers!.findByCodeHash(otherOrgId, row.code_hash)).toBeUndefined();
    const newer = offerRow(orgId, { created_at: '2026-12-01T09:30:00.000Z' });
    await offers!.insert(newer);
    const listed = await other!.list(orgId, 100);
    expect(listed.map((o) => o.id).indexOf(newer.id)).toBeLessThan(listed.map((o) => o.id).indexOf(row.id));
    expect(await other!.list(orgId, 1)).toHaveLength(1);
  });

  it('gives twelve transaction-code tries sent at once through two instances five between them, then locks once', async () => {
    const { orgId } = both();
    const [a, b] = stores();
    const row = offerRow(orgId);
    await a!.insert(row);
    const tries = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a! : b!).takeTxCodeTry(row.id, 5, AT)));
    expect(tries.filter(Boolean)).toHaveLength(5);
    expect((await a!.find(orgId, row.id))?.tx_code_failures).toBe(5);
    const locks = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? a! : b!).lockAfterTries(row.id, 5, LATER)));
    expect(locks.filter(Boolean)).toHaveLength(1);
    expect(await b!.find(orgId, row.id)).toMatchObject({ status: 'failed', offer_json: null, updated_at: LATER });
    expect(await a!.takeTxCodeTry(row.id, 5, LATER)).toBe(false);
    expect(await a!.redeemCode(row.id, LATER, false)).toBe(false);
  });

  it('does not lock an offer with tries left', async () => {
    const { orgId } = both();
    const [a] = stores();
    const row = offerRow(orgId);
    await a!.insert(row);
    expect(await a!.takeTxCodeTry(row.id, 5, AT)).toBe(true);
    expect(await a!.lockAfterTries(row.id, 5, AT)).toBe(false);
    expect((await a!.find(orgId, row.id))?.status).toBe('offered');
  });

  it('redeems a code once of many racing redemptions, giving a right code its try back', async () => {
    const { orgId } = both();
    const [a, b] = stores();
    const row = offerRow(orgId);
    await a!.insert(row);
    await a!.takeTxCodeTry(row.id, 5, AT);
    const redeemed = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a! : b!).redeemCode(row.id, LATER, true)));
    expect(redeemed.filter(Boolean)).toHaveLength(1);
    expect(await a!.find(orgId, row.id)).toMatchObject({ status: 'token_issued', offer_json: null, tx_code_failures: 0, updated_at: LATER });
  });

  it('expires a live offer from the status it was read in, and nothing else', async () => {
    const { orgId } = both();
    const [a, b] = stores();
    const row = offerRow(orgId);
    await a!.insert(row);
    expect(await a!.expire(row.id, 'token_issued', LATER)).toBe(false);
    const expired = await Promise.all([a!.expire(row.id, 'offered', LATER), b!.expire(row.id, 'offered', LATER)]);
    expect(expired.filter(Boolean)).toHaveLength(1);
    expect(await a!.find(orgId, row.id)).toMatchObject({ status: 'expired', offer_json: null });
    const failed = offerRow(orgId, { status: 'failed' });
    await a!.insert(failed);
    expect(await a!.expire(failed.id, 'failed', LATER)).toBe(false);
  });

  it('moves an offer to pending, to issued once every type is delivered, and withdraws it erasing its claims', async () => {
    const { dbs, orgId } = both();
    const [a] = stores();
    const row = offerRow(orgId, { status: 'token_issued', credentials: JSON.stringify([{ type: 'TrainingRecord' }, { type: 'DbsCheck' }]), person_ref: 'P', person_ref_key: 'p' });
    await a!.insert(row);
    await a!.markPending(row.id, AT);
    expect((await a!.find(orgId, row.id))?.status).toBe('pending');
    const deliveries = createOfferDeliveryStore(dbs[0]);
    for (const type of ['TrainingRecord', 'DbsCheck']) {
      expect(await a!.markIssuedWhenDelivered(row.id, 2, AT)).toBe(false);
      await deliveries.claim(row.id, type, `${type}_jwt`, AT);
      await deliveries.markDelivered(row.id, type, { configurationId: `${type}_jwt`, notificationId: `n-${row.id}-${type}`, credentialIds: '[]', at: AT });
    }
    expect(await a!.markIssuedWhenDelivered(row.id, 2, LATER)).toBe(true);
    expect(await a!.markIssuedWhenDelivered(row.id, 2, LATER)).toBe(false);
    await a!.setStatus(row.id, 'accepted', LATER);
    await a!.setCredentials(row.id, '[{"type":"TrainingRecord","credentialSubject":{}}]', LATER);
    expect(await a!.find(orgId, row.id)).toMatchObject({ status: 'accepted', credentials: '[{"type":"TrainingRecord","credentialSubject":{}}]' });
    await a!.withdraw(row.id, LATER);
    expect(await a!.find(orgId, row.id)).toMatchObject({ status: 'withdrawn', credentials: '[]', offer_json: null, person_ref: null, person_ref_key: null });
  });
});
